// SPDX-License-Identifier: GPL-2.0
/*
 * The two ways the kernel gives up: panic() for a state it cannot continue from, die() for an
 * unexpected exception in kernel mode. Both print one clear message and power the machine off
 * with a status the test harness recognises (include/linux/reboot.h), never hang or reboot.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/reboot.h>
#include <linux/console.h>
#include <linux/syscall_trace.h>
#include <asm/ptrace.h>

void show_regs(struct pt_regs *regs);

static int in_panic;

void panic(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	local_irq_disable();
	if (in_panic++)			/* panic while panicking: stop at once */
		machine_power_off(EXIT_PANIC);
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	kernel_power_off(EXIT_PANIC);
}

void die(const char *what, struct pt_regs *regs, long err)
{
	local_irq_disable();
	if (in_panic++)
		machine_power_off(EXIT_OOPS);
	pr_emerg("Oops: %s [#1] (error code %#lx)\n", what, (unsigned long)err);
	if (regs)
		show_regs(regs);
	pr_emerg("---[ end trace: %s ]---\n", what);
	kernel_power_off(EXIT_OOPS);
}

/*
 * Every power-off says its status on the console, whatever the loglevel: on x86 the QEMU
 * exit code keeps only 7 bits of it (isa-debug-exit), so the runner reads the full value
 * from this line and checks the low bits against the exit code.
 */
void kernel_power_off(int status)
{
	char line[40];
	int n = snprintf(line, sizeof(line), "Power down (status %d)\n", status);

	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_flush();		/* no trace record is left behind in the ring */
	console_write(line, n);
	machine_power_off(status);
}
