// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "time": the periodic tick and the cycle counter work, on every arch and boot
 * path the boot tests cover. Boot itself does not wait for a tick (that idled 20 ms of
 * guest time on every boot); a missing tick shows up here instead, and as a hang nowhere.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/ktest.h>
#include <asm/timex.h>
#include <asm/processor.h>

/* Two ticks, so at least one full period has passed; give up after 5 s of cycles. */
KTEST(time, timer_ticks_arrive)
{
	unsigned long start = jiffies;
	u64 c0 = get_cycles();

	while (jiffies - start < 2) {
		arch_cpu_idle();
		if (get_cycles() - c0 > 5 * cycles_per_sec()) {
			printk(KERN_ERR "    # no tick within 5 s (jiffies stuck at %lu)\n", jiffies);
			t->failed = 1;
			return;
		}
	}
}

/* A tick is 1/HZ s: the counter must advance by about that much (within a factor of 4). */
KTEST(time, tick_length_matches_cycle_counter)
{
	unsigned long start;
	u64 c0, dc, period = cycles_per_sec() / HZ;

	start = jiffies;
	while (jiffies == start)	/* align to a tick edge */
		arch_cpu_idle();
	start = jiffies;
	c0 = get_cycles();
	while (jiffies - start < 4)
		arch_cpu_idle();
	dc = (get_cycles() - c0) / 4;
	KTEST_EXPECT(t, dc > period / 4 && dc < period * 4);
}
