// SPDX-License-Identifier: GPL-2.0
/*
 * The TSC's frequency. Nothing reports it reliably (CPUID 0x15/0x16 are optional, and under
 * QEMU TCG the TSC runs at the host's rate, or at one tick per instruction with -icount),
 * so it is measured against the PIT's fixed 1.193182 MHz: by time_init(), in the same
 * window that measures the LAPIC timer, or here on a call before that.
 *
 * The window is 1/1000 s (CALIBRATE_PIT_TICKS): 0.1% precision, and short because it is
 * spent polling (under -icount a microsecond costs a thousand guest instructions).
 */
#include <linux/kernel.h>
#include <asm/timex.h>
#include <asm/i8253.h>

static unsigned long tsc_hz;

void tsc_calibrated(u64 tsc_delta, unsigned int pit_ticks)
{
	if (tsc_hz)
		return;
	tsc_hz = tsc_delta * PIT_TICK_RATE / pit_ticks;
	if (!tsc_hz)
		tsc_hz = 1;	/* a TSC that does not move: at least never divide by 0 */
	pr_info("tsc: %lu.%03lu MHz TSC\n", tsc_hz / 1000000, tsc_hz / 1000 % 1000);
}

unsigned long cycles_per_sec(void)
{
	if (unlikely(!tsc_hz)) {
		u64 delta;

		pit_measure(CALIBRATE_PIT_TICKS, NULL, &delta);
		tsc_calibrated(delta, CALIBRATE_PIT_TICKS);
	}
	return tsc_hz;
}

/*
 * The TSC is constant-rate on every CPU QEMU and this kernel meet (and counts instructions
 * under -icount, where tsc_hz was measured in the same units), so it times short waits.
 */
void udelay(unsigned long us)
{
	u64 start = get_cycles(), wait = (u64)cycles_per_sec() * us / 1000000 + 1;

	while (get_cycles() - start < wait)
		__asm__ __volatile__("pause" ::: "memory");
}
