// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery on the way back to user mode: the arch half of linux/signal.h's design
 * (frames, sigreturn, syscall restart). Until handlers exist this only runs the generic
 * do_signal(), which ends the thread when its process is exiting or exec'ing.
 */
#include <linux/signal.h>

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	do_signal(regs);
}
