// SPDX-License-Identifier: GPL-2.0
/*
 * The periodic tick: the local APIC timer in periodic mode at CONFIG_HZ, on
 * LOCAL_TIMER_VECTOR (kernel/irq.c calls timer_tick()). The APIC timer's input clock (the
 * bus or core crystal clock) differs between machines, so it is measured against the PIT.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <asm/apic.h>
#include <asm/i8253.h>
#include <asm/traps.h>

static unsigned long lapic_hz;	/* measured once, on the boot CPU; every CPU ticks at HZ */

/* The APIC timer counts down; turn it into an up-counter for pit_measure(). */
static u64 lapic_timer_elapsed(void)
{
	return 0xffffffffu - lapic_read(APIC_TMCCT);
}

void time_init(void)
{
	u64 lapic_ticks, tsc_delta;

	/* One-shot, masked, from the top, undivided: a free-running counter to measure. */
	lapic_write(APIC_TDCR, APIC_TDR_DIV_1);
	lapic_write(APIC_LVTT, APIC_LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TMICT, 0xffffffffu);
	lapic_ticks = pit_measure(CALIBRATE_PIT_TICKS, lapic_timer_elapsed, &tsc_delta);
	tsc_calibrated(tsc_delta, CALIBRATE_PIT_TICKS);

	lapic_hz = lapic_ticks * PIT_TICK_RATE / CALIBRATE_PIT_TICKS;
	if (lapic_hz < HZ)
		panic("APIC timer: does not count (%lu Hz measured)", lapic_hz);
	pr_info("APIC timer: %lu.%03lu MHz, periodic at %d Hz\n", lapic_hz / 1000000,
		lapic_hz / 1000 % 1000, HZ);
	lapic_timer_start();
}

/*
 * This CPU's tick: periodic, the count reloads itself; writing TMICT starts it. The other
 * CPUs' timers run from the same bus clock (QEMU's, and every SMP board's: one crystal), so
 * the boot CPU's measurement holds for them.
 */
void lapic_timer_start(void)
{
	lapic_write(APIC_TDCR, APIC_TDR_DIV_1);
	lapic_write(APIC_LVTT, APIC_LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TMICT, lapic_hz / HZ);
}
