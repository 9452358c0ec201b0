/* The x86 part of a user address space (struct mm_struct.context). */
#ifndef _ASM_X86_MMU_H
#define _ASM_X86_MMU_H

#include <linux/types.h>

typedef struct {
	u64 *pgd;		/* PML4, direct-map address; CR3 = __pa(pgd) while it runs */
	unsigned long vdso;	/* base of the mapped vDSO, 0 when there is none */
	bool vdso32;		/* it is the 32-bit one (its landing pad, its sigreturns) */
} mm_context_t;

#endif
