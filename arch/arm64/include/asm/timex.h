/*
 * Cycle counter for timing: the virtual count CNTVCT_EL0 of the generic timer, which ticks
 * at CNTFRQ_EL0 Hz (62.5 MHz under QEMU) whatever the CPU clock.
 */
#ifndef _ASM_ARM64_TIMEX_H
#define _ASM_ARM64_TIMEX_H

#include <asm/sysreg.h>
#include <asm/barrier.h>

typedef unsigned long cycles_t;

/*
 * Under QEMU -icount shift=0 one instruction takes 1 ns of virtual time and CNTVCT ticks at
 * 62.5 MHz: one tick per 16 instructions. The tracer multiplies by this to report
 * instructions (trace.icount=1).
 */
#define ICOUNT_INSNS_PER_CYCLE	16

static inline cycles_t get_cycles(void)
{
	/* The ISB keeps the counter read from being done early, ahead of the code timed. */
	isb();
	return read_sysreg(cntvct_el0);
}

static inline unsigned long cycles_per_sec(void)
{
	return read_sysreg(cntfrq_el0);
}

/* arch/arm64/kernel/time.c: a starting CPU's own timer, and the ticks each CPU took. */
void arch_timer_starting_cpu(void);
unsigned long long arch_timer_ticks(unsigned int cpu);

#endif
