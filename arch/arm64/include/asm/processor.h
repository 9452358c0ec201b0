/* CPU helpers generic code uses in loops: a spin hint, and idle-until-interrupt. */
#ifndef _ASM_ARM64_PROCESSOR_H
#define _ASM_ARM64_PROCESSOR_H

#ifndef __ASSEMBLY__

static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" : : : "memory");
}

/*
 * Wait for an interrupt and take it. WFI wakes on a pending IRQ even while PSTATE.I masks
 * it, so waiting with IRQs masked and unmasking afterwards cannot lose a wake-up that
 * arrives between the caller's check and the WFI.
 */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("dsb sy\n\twfi\n\tmsr daifclr, #2" : : : "memory");
}

#endif
#endif
