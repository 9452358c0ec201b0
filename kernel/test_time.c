// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "time": the periodic tick and the cycle counter work, on every arch and boot
 * path the boot tests cover. Boot itself does not wait for a tick (that idled 20 ms of
 * guest time on every boot); a dead timer shows up here as a failed test. Every wait polls
 * with interrupts on and gives up after a bound in cycles, rather than idling in hlt/wfi,
 * which would never return if no interrupt came.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/ktest.h>
#include <asm/timex.h>
#include <asm/processor.h>

/* Spin until jiffies has advanced by 'ticks' from 'start', at most 5 s of cycles. */
static bool wait_ticks(unsigned long start, unsigned long ticks)
{
	u64 c0 = get_cycles();

	while (jiffies - start < ticks) {
		cpu_relax();
		if (get_cycles() - c0 > 5 * cycles_per_sec())
			return false;
	}
	return true;
}

/* Two ticks, so at least one full period has passed. */
KTEST(time, timer_ticks_arrive)
{
	if (!wait_ticks(jiffies, 2)) {
		printk(KERN_ERR "    # no tick within 5 s (jiffies stuck at %lu)\n", jiffies);
		t->failed = 1;
	}
}

/* A tick is 1/HZ s: the counter must advance by about that much (within a factor of 4). */
KTEST(time, tick_length_matches_cycle_counter)
{
	unsigned long start;
	u64 c0, dc, period = cycles_per_sec() / HZ;

	if (!wait_ticks(jiffies, 1))		/* align to a tick edge */
		KTEST_SKIP(t, "no timer ticks (see timer_ticks_arrive)");
	start = jiffies;
	c0 = get_cycles();
	if (!wait_ticks(start, 4))
		KTEST_SKIP(t, "the ticks stopped (see timer_ticks_arrive)");
	dc = (get_cycles() - c0) / 4;
	KTEST_EXPECT(t, dc > period / 4 && dc < period * 4);
}
