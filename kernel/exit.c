// SPDX-License-Identifier: GPL-2.0
/*
 * Ending a process. There is one user process so far (init): when it ends, the machine
 * powers off with its exit status, which becomes QEMU's exit status (make run relies on it).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/reboot.h>
#include <linux/syscall_trace.h>

void do_exit(int code)
{
	struct task_struct *t = current;

	t->exit_code = code;
	t->state = TASK_ZOMBIE;
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_task_exit(t, code & 0xff);
	if (t->pid == 1) {
		pr_info("%s[1]: init exited with status %d\n", t->comm, code & 0xff);
		kernel_power_off(code & 0xff);
	}
	panic("do_exit: task %d has no one to reap it yet", t->pid);
}

/* The status is the low 8 bits, as wait() reports it. */
SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit(error_code & 0xff);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit(error_code & 0xff);
}
