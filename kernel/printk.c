// SPDX-License-Identifier: GPL-2.0
/*
 * printk: formats into a ring buffer (the kernel log) and writes to every registered console
 * the lines whose level is below console_loglevel. A console registered late gets the whole
 * backlog, so nothing printed before setup_arch found the UART is lost.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/sched.h>

int console_loglevel = LOGLEVEL_DEFAULT;

#define LOG_BUF_LEN (1 << CONFIG_LOG_BUF_SHIFT)
static char log_buf[LOG_BUF_LEN];
static unsigned long log_head;		/* total bytes ever logged; index = head % LEN */

/*
 * logbuf_lock: the ring, the line state below and the consoles' output, so lines of two
 * CPUs do not interleave. Taken with interrupts off (printk runs in handlers too).
 */
static DEFINE_SPINLOCK(logbuf_lock);
/*
 * The CPU holding logbuf_lock, + 1 (0: none). A printk on that same CPU while it holds the
 * lock (a fault in a console's write, a spinlock-debugging report about logbuf_lock itself)
 * would wait for itself forever: it writes straight to the consoles instead.
 */
static unsigned int logbuf_owner;

static unsigned int printk_cpu(void)
{
	struct task_struct *t = current;	/* none before sched_init(): the boot CPU */

	return t ? (unsigned int)task_cpu(t) + 1 : 1;
}

/* Interrupts off. */
static void logbuf_lock_take(void)
{
	spin_lock(&logbuf_lock);
	__atomic_store_n(&logbuf_owner, printk_cpu(), __ATOMIC_RELAXED);
}

static void logbuf_lock_drop(void)
{
	__atomic_store_n(&logbuf_owner, 0, __ATOMIC_RELAXED);
	spin_unlock(&logbuf_lock);
}
static struct console *consoles;
static int last_level = 6;		/* level of the line being continued */
static bool at_line_start = true;

static void emit(const char *s, size_t len, int level)
{
	if (level >= console_loglevel)
		return;
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, len);
}

/* Log buffer records keep the level as a "<n>" prefix, so the backlog can be filtered. */
static void log_store(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[log_head++ % LOG_BUF_LEN] = s[i];
}

int vprintk(const char *fmt, va_list ap)
{
	char text[512];
	int level = -1, n;
	unsigned long flags;
	const char *p = text;

	n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n >= (int)sizeof(text))
		n = sizeof(text) - 1;

	if (p[0] == KERN_SOH[0] && p[1]) {
		if (p[1] != 'c')
			level = p[1] - '0';
		p += 2;
		n -= 2;
	}

	local_irq_save(flags);
	if (__atomic_load_n(&logbuf_owner, __ATOMIC_RELAXED) == printk_cpu()) {
		console_write(p, n);		/* re-entered on the holding CPU: no lock */
		local_irq_restore(flags);
		return n;
	}
	logbuf_lock_take();
	if (level < 0)
		level = at_line_start ? 6 : last_level;	/* no level: KERN_INFO or continuation */
	if (at_line_start) {
		char tag[4] = { '<', (char)('0' + level), '>', 0 };

		log_store(tag, 3);
	}
	log_store(p, n);
	emit(p, n, level);
	last_level = level;
	if (n > 0)
		at_line_start = p[n - 1] == '\n';
	logbuf_lock_drop();
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* Replay the log to one new console, dropping "<n>" tags and lines it should not show. */
static void replay(struct console *con)
{
	unsigned long start = log_head > LOG_BUF_LEN ? log_head - LOG_BUF_LEN : 0;
	int level = 6;
	bool line_start = true;

	for (unsigned long i = start; i < log_head; i++) {
		char c = log_buf[i % LOG_BUF_LEN];

		if (line_start && c == '<' && i + 2 < log_head &&
		    log_buf[(i + 2) % LOG_BUF_LEN] == '>') {
			level = log_buf[(i + 1) % LOG_BUF_LEN] - '0';
			i += 2;
			line_start = false;
			continue;
		}
		line_start = c == '\n';
		if (level < console_loglevel)
			con->write(con, &c, 1);
	}
}

void register_console(struct console *con)
{
	unsigned long flags;

	local_irq_save(flags);
	logbuf_lock_take();
	replay(con);		/* a fault in its first write re-enters printk: see logbuf_owner */
	con->next = consoles;
	consoles = con;
	logbuf_lock_drop();
	local_irq_restore(flags);
}

void console_write(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, len);
}

void unregister_console(struct console *con)
{
	for (struct console **pp = &consoles; *pp; pp = &(*pp)->next)
		if (*pp == con) {
			*pp = con->next;
			return;
		}
}

static int __maybe_unused loglevel_setup(char *val)
{
	unsigned long long v;

	if (kstrtoull(val, 10, &v) || v > 8)
		return -1;
	console_loglevel = (int)v;
	return 0;
}
early_param("loglevel", loglevel_setup);

static int quiet_setup(char *val)
{
	console_loglevel = 5;	/* KERN_NOTICE and more important only */
	return 0;
}
early_param("quiet", quiet_setup);
