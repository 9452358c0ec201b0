/* The 8253/8254 PIT: only used as a known 1.193182 MHz clock to measure the TSC and LAPIC timer. */
#ifndef _ASM_X86_I8253_H
#define _ASM_X86_I8253_H

#include <linux/types.h>

#define PIT_TICK_RATE	1193182UL

/*
 * Run PIT channel 2 for pit_ticks (at most 32767, so that a count that went
 * round once past 0 is still told apart) and return how far read_counter() (an
 * up-counter, may be NULL) advanced meanwhile; *tsc_delta gets how far the TSC advanced.
 */
u64 pit_measure(unsigned int pit_ticks, u64 (*read_counter)(void), u64 *tsc_delta);

/* Shared by the TSC and LAPIC timer calibrations: 1/1000 s (see kernel/tsc.c). */
#define CALIBRATE_PIT_TICKS	(PIT_TICK_RATE / 1000)

/* kernel/tsc.c: record the TSC rate from a PIT measurement, unless it is known already. */
void tsc_calibrated(u64 tsc_delta, unsigned int pit_ticks);

#endif
