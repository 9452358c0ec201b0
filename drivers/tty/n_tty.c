// SPDX-License-Identifier: GPL-2.0
/*
 * N_TTY, the line discipline: what turns the bytes a UART receives into what read(2)
 * returns, and write(2)'s bytes into what the UART sends, under termios's rules.
 *
 * Input (n_tty_receive_buf, from the receive interrupt, under tty->lock):
 *   ISTRIP, IUCLC; IGNCR, ICRNL, INLCR; ISIG's VINTR/VQUIT/VSUSP send SIGINT/SIGQUIT/SIGTSTP
 *   to the foreground process group and flush the input (unless NOFLSH); canonical mode
 *   (ICANON) edits the line being typed (VERASE, VKILL, VWERASE, VLNEXT) and ends it at '\n',
 *   VEOL, VEOL2 or VEOF (which ends it without itself: at a line's start, read returns 0);
 *   everything is echoed when ECHO asks (control characters as ^X under ECHOCTL, erasures as
 *   "\b \b" under ECHOE, ECHOK/ECHOKE for the kill, ECHONL).
 * The read buffer is a ring of N_TTY_BUF_SIZE bytes; read_flags marks where each line ends
 * (an EOF is a NUL byte with its flag set: it ends a line and is never copied out).
 *
 * Output (n_tty_write and echoes, under tty->output_lock): OPOST with ONLCR, OCRNL, ONOCR,
 * ONLRET and OLCUC, keeping the column (ONOCR, erasing a tab).
 *
 * Reading: canonical mode returns one line at most; otherwise VMIN and VTIME say when a
 * read returns (Linux's four cases, see n_tty_read).
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/poll.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>

#ifndef O_NONBLOCK
#define O_NONBLOCK	00004000
#endif

#define MASK(x)		((x) & (N_TTY_BUF_SIZE - 1))
#define DISABLED_CHAR	'\0'		/* a c_cc entry of 0 is off; an EOF mark in the buffer */
#define FOREVER		((long)(~0UL >> 1))
#define CHUNK		256		/* bytes between user memory and the ring per step */

#define I_FLAG(t, f)	((t)->termios.c_iflag & (f))
#define O_FLAG(t, f)	((t)->termios.c_oflag & (f))
#define L_FLAG(t, f)	((t)->termios.c_lflag & (f))
#define CC(t, v)	((t)->termios.c_cc[v])

static bool is_cntrl(unsigned char c)
{
	return c < 0x20 || c == 0x7f;
}

static bool is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A UTF-8 continuation byte, under IUTF8: erasing never splits a character. */
static bool is_continuation(struct tty_struct *tty, unsigned char c)
{
	return I_FLAG(tty, IUTF8) && (c & 0xc0) == 0x80;
}

static size_t read_cnt(struct n_tty_data *ld)
{
	return ld->read_head - ld->read_tail;
}

static unsigned char read_buf(struct n_tty_data *ld, size_t i)
{
	return ld->read_buf[MASK(i)];
}

static void put_tty_queue(struct n_tty_data *ld, unsigned char c)
{
	ld->read_buf[MASK(ld->read_head)] = c;
	ld->read_head++;
}

#define BITS	(8 * sizeof(long))
static void set_eol(struct n_tty_data *ld, size_t i)
{
	ld->read_flags[MASK(i) / BITS] |= 1UL << (MASK(i) % BITS);
}

static void clear_eol(struct n_tty_data *ld, size_t i)
{
	ld->read_flags[MASK(i) / BITS] &= ~(1UL << (MASK(i) % BITS));
}

static bool is_eol(struct n_tty_data *ld, size_t i)
{
	return ld->read_flags[MASK(i) / BITS] & (1UL << (MASK(i) % BITS));
}

/* ---- output -------------------------------------------------------------------------- */

static void emit(struct tty_struct *tty, const char *s, size_t n)
{
	tty->ops->write(tty, (const unsigned char *)s, n);
}

/* One byte through OPOST (under output_lock). */
static void do_output_char(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (!O_FLAG(tty, OPOST)) {
		emit(tty, (char *)&c, 1);
		return;
	}
	switch (c) {
	case '\n':
		if (O_FLAG(tty, ONLRET))
			ld->column = 0;
		if (O_FLAG(tty, ONLCR)) {
			ld->canon_column = ld->column = 0;
			emit(tty, "\r\n", 2);
			return;
		}
		ld->canon_column = ld->column;
		break;
	case '\r':
		if (O_FLAG(tty, ONOCR) && ld->column == 0)
			return;
		if (O_FLAG(tty, OCRNL)) {
			c = '\n';
			if (O_FLAG(tty, ONLRET))
				ld->canon_column = ld->column = 0;
			break;
		}
		ld->canon_column = ld->column = 0;
		break;
	case '\t':
		ld->column = (ld->column | 7) + 1;
		break;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		if (!is_cntrl(c)) {
			if (O_FLAG(tty, OLCUC) && c >= 'a' && c <= 'z')
				c -= 'a' - 'A';
			if (!is_continuation(tty, c))
				ld->column++;
		}
		break;
	}
	emit(tty, (char *)&c, 1);
}

static void output_char(struct tty_struct *tty, unsigned char c)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->output_lock, flags);
	do_output_char(tty, c);
	spin_unlock_irqrestore(&tty->output_lock, flags);
}

/* Echo c as typed: a control character as ^X under ECHOCTL (tab excepted). */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->output_lock, flags);
	if (L_FLAG(tty, ECHOCTL) && is_cntrl(c) && c != '\t') {
		char pair[2] = { '^', c ^ 0100 };

		emit(tty, pair, 2);
		tty->ldata.column += 2;
	} else {
		do_output_char(tty, c);
	}
	spin_unlock_irqrestore(&tty->output_lock, flags);
}

/* The first byte of a line is about to be echoed: remember its column (erasing a tab). */
static void echo_set_canon_col(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->output_lock, flags);
	tty->ldata.canon_column = tty->ldata.column;
	spin_unlock_irqrestore(&tty->output_lock, flags);
}

static void echo_backspaces(struct tty_struct *tty, unsigned int n, bool blank)
{
	while (n--) {
		if (blank) {
			output_char(tty, '\b');
			output_char(tty, ' ');
		}
		output_char(tty, '\b');
	}
}

/* ---- input --------------------------------------------------------------------------- */

/* Empty the read buffer (a flush, or ISIG without NOFLSH); under lock. */
void n_tty_flush_input(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	ld->read_tail = ld->canon_head = ld->read_head;
	memset(ld->read_flags, 0, sizeof(ld->read_flags));
	ld->lnext = false;
	ld->flush_gen++;
}

/*
 * VERASE, VWERASE, VKILL: take back bytes of the line being typed and, when echoing,
 * from the screen.
 */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;
	enum { ERASE, WERASE, KILL } kill_type;
	int seen_alnums = 0;

	if (ld->read_head == ld->canon_head)
		return;		/* nothing typed on this line */
	if (c == CC(tty, VERASE)) {
		kill_type = ERASE;
	} else if (c == CC(tty, VWERASE)) {
		kill_type = WERASE;
	} else {
		if (!L_FLAG(tty, ECHO)) {
			ld->read_head = ld->canon_head;
			return;
		}
		if (!L_FLAG(tty, ECHOK) || !L_FLAG(tty, ECHOKE) || !L_FLAG(tty, ECHOE)) {
			/* No visual erase: show the kill character (and a newline for ECHOK). */
			ld->read_head = ld->canon_head;
			echo_char(tty, CC(tty, VKILL));
			if (L_FLAG(tty, ECHOK))
				output_char(tty, '\n');
			return;
		}
		kill_type = KILL;
	}

	while (ld->read_head != ld->canon_head) {
		size_t head = ld->read_head;

		do {		/* one character, however many bytes */
			head--;
			c = read_buf(ld, head);
		} while (is_continuation(tty, c) && head != ld->canon_head);
		if (is_continuation(tty, c))
			break;		/* never half a character */
		if (kill_type == WERASE) {
			if (is_alnum(c) || c == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;	/* the word and the blanks after it are gone */
		}
		ld->read_head = head;
		if (L_FLAG(tty, ECHO)) {
			if (kill_type == ERASE && !L_FLAG(tty, ECHOE)) {
				echo_char(tty, CC(tty, VERASE));
			} else if (c == '\t') {
				/* Back to where the tab started: count the columns after the
				 * previous tab, or since the line's first column. */
				unsigned int cols = 0;
				bool after_tab = false;

				for (size_t t = ld->read_head; t != ld->canon_head;) {
					unsigned char p = read_buf(ld, --t);

					if (p == '\t') {
						after_tab = true;
						break;
					} else if (is_cntrl(p)) {
						if (L_FLAG(tty, ECHOCTL))
							cols += 2;
					} else if (!is_continuation(tty, p)) {
						cols++;
					}
				}
				if (!after_tab)
					cols += ld->canon_column;
				echo_backspaces(tty, 8 - (cols & 7), false);
			} else {
				if (is_cntrl(c) && L_FLAG(tty, ECHOCTL))
					echo_backspaces(tty, 1, true);	/* the '^' */
				if (!is_cntrl(c) || L_FLAG(tty, ECHOCTL))
					echo_backspaces(tty, 1, true);
			}
		}
		if (kill_type == ERASE)
			break;
	}
}

/* Is c one the special path must look at? (Linux's char_map, computed as asked.) */
static bool is_special(struct tty_struct *tty, unsigned char c)
{
	if (c == DISABLED_CHAR)
		return false;
	if (c == '\r' && I_FLAG(tty, IGNCR | ICRNL))
		return true;
	if (c == '\n' && I_FLAG(tty, INLCR))
		return true;
	if (L_FLAG(tty, ICANON)) {
		if (c == CC(tty, VERASE) || c == CC(tty, VKILL) || c == CC(tty, VEOF) ||
		    c == '\n' || c == CC(tty, VEOL))
			return true;
		if (L_FLAG(tty, IEXTEN) && (c == CC(tty, VWERASE) || c == CC(tty, VLNEXT) ||
					    c == CC(tty, VEOL2)))
			return true;
	}
	if (I_FLAG(tty, IXON) && (c == CC(tty, VSTART) || c == CC(tty, VSTOP)))
		return true;
	if (L_FLAG(tty, ISIG) && (c == CC(tty, VINTR) || c == CC(tty, VQUIT) ||
				  c == CC(tty, VSUSP)))
		return true;
	return false;
}

/* An ordinary byte: echo it and queue it. */
static void receive_char(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	if (L_FLAG(tty, ECHO)) {
		if (ld->canon_head == ld->read_head)
			echo_set_canon_col(tty);
		echo_char(tty, c);
	}
	if (c == 0377 && I_FLAG(tty, PARMRK))
		put_tty_queue(ld, c);
	put_tty_queue(ld, c);
}

/* A line is complete at c (c is DISABLED_CHAR for VEOF). */
static void end_line(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *ld = &tty->ldata;

	set_eol(ld, ld->read_head);
	put_tty_queue(ld, c);
	ld->canon_head = ld->read_head;
}

/*
 * A byte with a meaning beyond itself. *sig gets the signal ISIG raised (sent by the caller
 * once tty->lock is dropped).
 */
static void receive_char_special(struct tty_struct *tty, unsigned char c, int *sig)
{
	struct n_tty_data *ld = &tty->ldata;

	if (I_FLAG(tty, IXON) && (c == CC(tty, VSTART) || c == CC(tty, VSTOP)))
		return;		/* flow control: taken, but output is never held (docs/files.md) */
	if (L_FLAG(tty, ISIG)) {
		int s = c == CC(tty, VINTR) ? SIGINT : c == CC(tty, VQUIT) ? SIGQUIT :
			c == CC(tty, VSUSP) ? SIGTSTP : 0;

		if (s) {
			*sig = s;
			if (!L_FLAG(tty, NOFLSH))
				n_tty_flush_input(tty);
			if (L_FLAG(tty, ECHO))
				echo_char(tty, c);
			return;
		}
	}
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (ld->icanon) {
		if (c == CC(tty, VERASE) || c == CC(tty, VKILL) ||
		    (c == CC(tty, VWERASE) && L_FLAG(tty, IEXTEN))) {
			eraser(tty, c);
			return;
		}
		if (c == CC(tty, VLNEXT) && L_FLAG(tty, IEXTEN)) {
			ld->lnext = true;
			if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOCTL)) {
				output_char(tty, '^');
				output_char(tty, '\b');
			}
			return;
		}
		if (c == '\n') {
			if (L_FLAG(tty, ECHO) || L_FLAG(tty, ECHONL))
				output_char(tty, '\n');
			end_line(tty, c);
			return;
		}
		if (c == CC(tty, VEOF)) {
			end_line(tty, DISABLED_CHAR);	/* not echoed, never read */
			return;
		}
		if (c == CC(tty, VEOL) || (c == CC(tty, VEOL2) && L_FLAG(tty, IEXTEN))) {
			if (L_FLAG(tty, ECHO)) {
				if (ld->canon_head == ld->read_head)
					echo_set_canon_col(tty);
				echo_char(tty, c);
			}
			end_line(tty, c);
			return;
		}
	}
	if (L_FLAG(tty, ECHO)) {
		if (c == '\n') {
			output_char(tty, '\n');
		} else {
			if (ld->canon_head == ld->read_head)
				echo_set_canon_col(tty);
			echo_char(tty, c);
		}
	}
	if (c == 0377 && I_FLAG(tty, PARMRK))
		put_tty_queue(ld, c);
	put_tty_queue(ld, c);
}

/*
 * Room for one more byte? Past N_TTY_BUF_SIZE - 1 bytes input is dropped, but a canonical
 * line that fills the buffer gives up its last byte so that a newline can still end it.
 */
static bool room_for_one(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;

	if (read_cnt(ld) < N_TTY_BUF_SIZE - 1)
		return true;
	if (ld->icanon && ld->canon_head == ld->read_tail) {
		ld->read_head--;
		return true;
	}
	return false;
}

/* Bytes from the UART (interrupt context). */
void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned long flags;
	int sig = 0;

	spin_lock_irqsave(&tty->lock, flags);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = buf[i];

		if (!room_for_one(tty))
			break;
		if (I_FLAG(tty, ISTRIP))
			c &= 0x7f;
		if (I_FLAG(tty, IUCLC) && L_FLAG(tty, IEXTEN) && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (ld->lnext) {
			ld->lnext = false;
			receive_char(tty, c);
		} else if (is_special(tty, c)) {
			receive_char_special(tty, c, &sig);
		} else {
			receive_char(tty, c);
		}
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	if (sig)
		tty_isig_signal(tty, sig);
	wake_up(&tty->read_wait);
}

/* ---- reading ------------------------------------------------------------------------- */

/* Under lock. poll: VMIN counts when there is no VTIME (Linux's input_available_p). */
static bool input_available(struct tty_struct *tty, bool poll)
{
	struct n_tty_data *ld = &tty->ldata;
	size_t amt = poll && !CC(tty, VTIME) && CC(tty, VMIN) ? CC(tty, VMIN) : 1;

	if (ld->icanon)
		return ld->canon_head != ld->read_tail;
	return read_cnt(ld) >= amt;
}

unsigned int n_tty_poll_ready(struct tty_struct *tty)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&tty->lock, flags);
	ready = input_available(tty, true);
	spin_unlock_irqrestore(&tty->lock, flags);
	return ready ? EPOLLIN | EPOLLRDNORM : 0;
}

/*
 * Copy up to n bytes from the ring into kb (under lock), without consuming them: *consumed
 * says how far read_tail moves once they reached the user, *eol whether a line ended (its
 * flag is cleared then).
 */
static size_t peek_read_buf(struct tty_struct *tty, char *kb, size_t n, size_t *consumed,
			    bool *eol)
{
	struct n_tty_data *ld = &tty->ldata;
	size_t avail = ld->icanon ? ld->canon_head - ld->read_tail : read_cnt(ld);
	size_t i, copied = 0;

	*eol = false;
	n = min(n, avail);
	for (i = 0; i < n; i++) {
		size_t at = ld->read_tail + i;
		unsigned char c = read_buf(ld, at);

		if (ld->icanon && is_eol(ld, at)) {
			*eol = true;
			if (c != DISABLED_CHAR)		/* an EOF ends the line unseen */
				kb[copied++] = c;
			i++;
			break;
		}
		kb[copied++] = c;
	}
	*consumed = i;
	return copied;
}

static void consume(struct tty_struct *tty, size_t consumed, bool eol, unsigned long gen)
{
	struct n_tty_data *ld = &tty->ldata;
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	if (gen == ld->flush_gen) {	/* else a flush emptied the buffer meanwhile */
		if (eol)
			clear_eol(ld, ld->read_tail + consumed - 1);
		ld->read_tail += consumed;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
}

/*
 * Sleep until input may be there, for up to timeout ticks (FOREVER: no limit); the caller
 * checks its deadline on the clock. The condition is tested after joining the queue, so a byte arriving in between
 * is not missed.
 */
static void wait_for_input(struct tty_struct *tty, long timeout)
{
	struct wait_queue_entry w = { .task = current };
	unsigned long flags;
	bool ready;

	INIT_LIST_HEAD(&w.entry);
	prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
	spin_lock_irqsave(&tty->lock, flags);
	ready = input_available(tty, false);
	spin_unlock_irqrestore(&tty->lock, flags);
	if (!ready && !signal_pending(current)) {
		if (timeout == FOREVER)
			schedule();
		else
			schedule_timeout(timeout);
	}
	finish_wait(&tty->read_wait, &w);
}

/*
 * read(2) on the terminal. Canonical: one line at most (an EOF at the line's start gives 0).
 * Otherwise, with MIN = c_cc[VMIN] and TIME = c_cc[VTIME] tenths of a second:
 *   MIN > 0, TIME = 0   wait for MIN bytes (or as many as asked, if fewer)
 *   MIN > 0, TIME > 0   wait for the first byte, then until MIN bytes or TIME passes
 *                       without a new one (the timer restarts at each byte)
 *   MIN = 0, TIME > 0   wait up to TIME for one byte; 0 when none came
 *   MIN = 0, TIME = 0   what is there now, maybe 0
 * O_NONBLOCK: -EAGAIN instead of waiting (not in the MIN = TIME = 0 case). A signal while
 * nothing was read: -ERESTARTSYS.
 */
ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char __user *ubuf, size_t nr)
{
	struct n_tty_data *ld = &tty->ldata;
	bool nonblock = f->f_flags & O_NONBLOCK;
	size_t copied = 0, minimum = 0;
	u64 time_ns = 0, deadline = 0;	/* VTIME, measured on the clock: ticks can bunch */
	bool timed = false;
	unsigned long flags;
	ssize_t ret = 0;
	char kb[CHUNK];

	ret = tty_job_control_read(tty);
	if (ret)
		return ret;
	if (nonblock) {
		if (!mutex_trylock(&tty->atomic_read_lock))
			return -EAGAIN;
	} else if (mutex_lock_interruptible(&tty->atomic_read_lock)) {
		return -ERESTARTSYS;
	}
	spin_lock_irqsave(&tty->lock, flags);
	if (!ld->icanon) {
		minimum = CC(tty, VMIN);
		if (minimum) {
			time_ns = CC(tty, VTIME) * 100000000ULL;
		} else {
			timed = true;
			deadline = ktime_get_ns() + CC(tty, VTIME) * 100000000ULL;
			minimum = 1;
		}
	}
	spin_unlock_irqrestore(&tty->lock, flags);

	while (nr) {
		size_t n, consumed;
		unsigned long gen;
		bool eol, canon;

		spin_lock_irqsave(&tty->lock, flags);
		if (!input_available(tty, false)) {
			u64 now = ktime_get_ns();

			spin_unlock_irqrestore(&tty->lock, flags);
			if (timed && now >= deadline)
				break;
			if (nonblock) {
				ret = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				ret = -ERESTARTSYS;
				break;
			}
			wait_for_input(tty, timed ? (long)((deadline - now + TICK_NSEC - 1) / TICK_NSEC)
						  : FOREVER);
			continue;
		}
		gen = ld->flush_gen;
		canon = ld->icanon;
		n = peek_read_buf(tty, kb, min(nr, sizeof(kb)), &consumed, &eol);
		spin_unlock_irqrestore(&tty->lock, flags);
		if (n && copy_to_user(ubuf + copied, kb, n)) {
			ret = -EFAULT;
			break;
		}
		consume(tty, consumed, eol, gen);
		copied += n;
		nr -= n;
		if (canon) {
			if (eol)
				break;
			continue;	/* the rest of a line longer than the chunk */
		}
		if (copied >= minimum)
			break;
		if (time_ns) {
			timed = true;
			deadline = ktime_get_ns() + time_ns;
		}
	}
	mutex_unlock(&tty->atomic_read_lock);
	return copied ? (ssize_t)copied : ret;
}

/* ---- writing ------------------------------------------------------------------------- */

/* n_tty_write and n_tty_write_kernel: the bytes come from user memory or a kernel buffer. */
static ssize_t __n_tty_write(struct tty_struct *tty, const char __user *ubuf, size_t nr,
			     bool kernel)
{
	size_t done = 0;
	char kb[CHUNK];
	ssize_t ret;

	if (L_FLAG(tty, TOSTOP)) {
		ret = tty_check_change(tty);
		if (ret)
			return ret;
	}
	if (mutex_lock_interruptible(&tty->atomic_write_lock))
		return -ERESTARTSYS;
	while (done < nr) {
		size_t n = min(nr - done, sizeof(kb));
		unsigned long flags;

		if (kernel)
			memcpy(kb, (__force const char *)ubuf + done, n);
		else if (copy_from_user(kb, ubuf + done, n)) {
			mutex_unlock(&tty->atomic_write_lock);
			return done ? (ssize_t)done : -EFAULT;
		}
		spin_lock_irqsave(&tty->output_lock, flags);
		if (O_FLAG(tty, OPOST)) {
			for (size_t i = 0; i < n; i++)
				do_output_char(tty, kb[i]);
		} else {
			emit(tty, kb, n);
		}
		spin_unlock_irqrestore(&tty->output_lock, flags);
		done += n;
		/*
		 * The UART takes a byte at a time: a huge write would hold the CPU for minutes.
		 * Stop at a signal (^C must reach a writer; what was written counts) and let the
		 * tick's reschedule happen between chunks.
		 */
		if (done < nr && signal_pending(current))
			break;
		if (need_resched())
			schedule();
	}
	mutex_unlock(&tty->atomic_write_lock);
	return done;
}

ssize_t n_tty_write(struct tty_struct *tty, struct file *f, const char __user *ubuf, size_t nr)
{
	return __n_tty_write(tty, ubuf, nr, false);
}

/* sendfile to a terminal: the page sendfile read, written as write(2) would write it. */
ssize_t n_tty_write_kernel(struct tty_struct *tty, const void *buf, size_t nr)
{
	return __n_tty_write(tty, (__force const char __user *)buf, nr, true);
}

/* ---- modes --------------------------------------------------------------------------- */

/* FIONREAD: canonical mode counts complete lines' bytes, less their EOF marks. */
int n_tty_inq(struct tty_struct *tty)
{
	struct n_tty_data *ld = &tty->ldata;
	int n = 0;

	if (!L_FLAG(tty, ICANON))
		return read_cnt(ld);
	for (size_t i = ld->read_tail; i != ld->canon_head; i++)
		if (!(is_eol(ld, i) && read_buf(ld, i) == DISABLED_CHAR))
			n++;
	return n;
}

/*
 * The termios changed (under lock). Leaving canonical mode makes what was typed readable;
 * entering it turns what is pending into one line, as Linux does.
 */
void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old)
{
	struct n_tty_data *ld = &tty->ldata;

	if (!old || ((old->c_lflag ^ tty->termios.c_lflag) & ICANON)) {
		memset(ld->read_flags, 0, sizeof(ld->read_flags));
		if (!L_FLAG(tty, ICANON) || !read_cnt(ld)) {
			ld->canon_head = ld->read_tail;
		} else {
			set_eol(ld, ld->read_head - 1);
			ld->canon_head = ld->read_head;
		}
		ld->lnext = false;
	}
	ld->icanon = L_FLAG(tty, ICANON);
}

void n_tty_open(struct tty_struct *tty)
{
	memset(&tty->ldata, 0, sizeof(tty->ldata));
	n_tty_set_termios(tty, NULL);
}
