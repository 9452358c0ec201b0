/* The arm64 part of a user address space (struct mm_struct.context). */
#ifndef _ASM_ARM64_MMU_H
#define _ASM_ARM64_MMU_H

#include <linux/types.h>

typedef struct {
	phys_addr_t pgd;	/* level-0 table of the TTBR0 half; TTBR0_EL1 while it runs */
	u64 id;			/* ASID generation | ASID (arch/arm64/mm/context.c); 0: none yet */
	unsigned long vdso;	/* the [vdso] image's address (mm/vdso.c); 0: none */
	unsigned long sigpage;	/* AArch32: [sigpage], the handlers' sigreturn code; 0: none */
} mm_context_t;

#endif
