/* Shared by the files of arch/x86/mm: the page-table walker and the kernel's top-level table. */
#ifndef _ARCH_X86_MM_INTERNAL_H
#define _ARCH_X86_MM_INTERNAL_H

#include <asm/pgtable.h>

/* The kernel's PML4 (direct-map address); NULL until paging_init() switched to it. */
extern pteval_t *kernel_pgd;

/* Returns a zeroed page-table page (a kernel virtual address), or NULL. */
typedef void *(*pgtable_alloc_fn)(void);

/*
 * The entry that maps va at the level whose pages are 1 << leaf_shift bytes (PAGE_SHIFT,
 * PMD_SHIFT or PUD_SHIFT), creating the tables above it with alloc (NULL: create none).
 * NULL when a table is missing and cannot be created, or a large page is in the way.
 */
pteval_t *pgtable_walk(pteval_t *pgd, unsigned long va, unsigned int leaf_shift,
		       pgtable_alloc_fn alloc);

static inline void flush_tlb_one_kernel(unsigned long va)
{
	/* invlpg drops the translation even when it is global. */
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

#endif
