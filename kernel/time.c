// SPDX-License-Identifier: GPL-2.0
/* The periodic tick: the arch's timer interrupt calls timer_tick() CONFIG_HZ times a second. */
#include <linux/jiffies.h>
#include <linux/compiler.h>
#include <linux/kconfig.h>
#include <linux/sched.h>
#include <linux/timer.h>

volatile unsigned long jiffies;

void timer_tick(struct pt_regs *regs)
{
	jiffies++;
	if (IS_ENABLED(CONFIG_USER_MODE)) {
		run_timers();
		scheduler_tick(regs);
	}
}
