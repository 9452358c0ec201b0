// SPDX-License-Identifier: GPL-2.0
/* The periodic tick: the arch's timer interrupt calls timer_tick() CONFIG_HZ times a second. */
#include <linux/jiffies.h>
#include <linux/compiler.h>
#include <linux/kconfig.h>
#include <linux/sched.h>
#include <linux/timer.h>
#include <linux/timekeeping.h>
#include <linux/vdso.h>

volatile unsigned long jiffies;
/* CLOCK_REALTIME's whole seconds as the tick counts them (linux/timekeeping.h). */
volatile unsigned long real_seconds_coarse;

/*
 * Every CPU ticks; CPU 0 alone keeps time (Linux's tick_do_timer_cpu): jiffies, the vDSO
 * data page and the timer list. Each CPU charges its own running task.
 */
void timer_tick(struct pt_regs *regs)
{
	bool timekeeper = !IS_ENABLED(CONFIG_USER_MODE) || smp_processor_id() == 0;

	if (timekeeper && ++jiffies % HZ == 0)
		real_seconds_coarse++;
	if (IS_ENABLED(CONFIG_USER_MODE)) {
		if (timekeeper) {
			update_vsyscall();	/* the clocks' bases, for the kernel and the vDSO */
			run_timers();
		}
		scheduler_tick(regs);
	}
}
