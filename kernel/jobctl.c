// SPDX-License-Identifier: GPL-2.0
/*
 * Job control: group stop (the default action of SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU) and
 * SIGCONT. First form: stop signals are taken and dropped; the group stop comes next.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include "signal_internal.h"

bool do_signal_stop(int signr)
{
	spin_unlock_irq(&current->sighand->siglock);
	return false;
}

void jobctl_continue(struct task_struct *p)
{
}
