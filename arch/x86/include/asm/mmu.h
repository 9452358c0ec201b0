/* The x86 part of a user address space (struct mm_struct.context). */
#ifndef _ASM_X86_MMU_H
#define _ASM_X86_MMU_H

#include <linux/types.h>
#include <linux/cpumask.h>

typedef struct {
	u64 *pgd;		/* PML4, direct-map address; CR3 = __pa(pgd) while it runs */
	unsigned long vdso;	/* base of the mapped vDSO, 0 when there is none */
	bool vdso32;		/* it is the 32-bit one (its landing pad, its sigreturns) */
	/*
	 * The CPUs whose CR3 holds this mm now: the only ones whose TLB may name its pages
	 * (without PCIDs, loading another CR3 drops every non-global entry). Each CPU sets
	 * and clears its own bit in switch_mm(); flushes read it (mmu_context.c).
	 */
	struct cpumask cpu_mask;
} mm_context_t;

#endif
