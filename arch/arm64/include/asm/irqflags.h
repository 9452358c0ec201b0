/*
 * Interrupt masking through PSTATE.DAIF. Only I (IRQ) is toggled: FIQ is unused, SError and
 * debug stay as boot left them (masked).
 */
#ifndef _ASM_ARM64_IRQFLAGS_H
#define _ASM_ARM64_IRQFLAGS_H

#include <asm/sysreg.h>

#ifndef __ASSEMBLY__

static inline void arch_local_irq_enable(void)
{
	__asm__ __volatile__("msr daifclr, #2" : : : "memory");
}

static inline void arch_local_irq_disable(void)
{
	__asm__ __volatile__("msr daifset, #2" : : : "memory");
}

static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("mrs %0, daif" : "=r" (flags) : : "memory");
	return flags;
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("msr daif, %0" : : "r" (flags) : "memory");
}

static inline bool arch_irqs_disabled(void)
{
	return arch_local_save_flags() & PSR_I_BIT;
}

#endif
#endif
