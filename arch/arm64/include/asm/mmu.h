/* The arm64 part of a user address space (struct mm_struct.context). */
#ifndef _ASM_ARM64_MMU_H
#define _ASM_ARM64_MMU_H

#include <linux/types.h>

typedef struct {
	phys_addr_t pgd;	/* level-0 table of the TTBR0 half; TTBR0_EL1 while it runs */
	unsigned long vdso;	/* no arm64 vDSO yet: always 0 */
} mm_context_t;

#endif
