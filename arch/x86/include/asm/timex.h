/* Cycle counter: the TSC, and its frequency measured at boot (kernel/tsc.c). */
#ifndef _ASM_X86_TIMEX_H
#define _ASM_X86_TIMEX_H

#include <linux/types.h>

typedef u64 cycles_t;

static inline cycles_t get_cycles(void)
{
	u32 lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* TSC ticks per second; the first call measures it against the PIT (about 1 ms). */
unsigned long cycles_per_sec(void);
/* Spin for at least us microseconds on the TSC (kernel/tsc.c): for hardware-mandated waits. */
void udelay(unsigned long us);

#endif
