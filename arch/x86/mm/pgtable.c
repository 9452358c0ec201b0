// SPDX-License-Identifier: GPL-2.0
/*
 * Walking and changing the kernel page tables after boot: map_kernel_page() and
 * unmap_kernel_page() for the vmalloc area (generic mm/vmalloc.c builds vmalloc, ioremap
 * and the guarded kernel stacks on them), and kernel_addr_mapped() for the stack walker.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/irqflags.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include "mm_internal.h"

pteval_t __supported_pte_mask_nx;
pteval_t *kernel_pgd;

pteval_t *pgtable_walk(pteval_t *pgd, unsigned long va, unsigned int leaf_shift,
		       pgtable_alloc_fn alloc)
{
	pteval_t *table = pgd;

	for (unsigned int shift = PGDIR_SHIFT; shift > leaf_shift; shift -= 9) {
		pteval_t *e = &table[(va >> shift) & (PTRS_PER_TABLE - 1)];

		if (!(*e & _PAGE_PRESENT)) {
			void *next = alloc ? alloc() : NULL;

			if (!next)
				return NULL;
			/*
			 * Upper levels allow everything; the leaf entry alone decides writable
			 * and executable (the CPU ANDs the levels together).
			 */
			*e = __pa(next) | _PAGE_PRESENT | _PAGE_RW;
		} else if (*e & _PAGE_PSE) {
			return NULL;	/* a large page covers va: no table below */
		}
		table = __va(*e & PTE_ADDR_MASK);
	}
	return &table[(va >> leaf_shift) & (PTRS_PER_TABLE - 1)];
}

/* The top-level table in use: the kernel's, or before paging_init() the early one. */
static pteval_t *active_pgd(void)
{
	return __va(read_cr3() & PTE_ADDR_MASK);
}

bool kernel_addr_mapped(unsigned long va)
{
	pteval_t *table = active_pgd();

	/* Canonical: bits 63..47 all equal, else no table is even consulted (#GP). */
	if ((unsigned long)((long)(va << 16) >> 16) != va)
		return false;
	for (unsigned int shift = PGDIR_SHIFT; ; shift -= 9) {
		pteval_t e = table[(va >> shift) & (PTRS_PER_TABLE - 1)];

		if (!(e & _PAGE_PRESENT))
			return false;
		if (shift == PAGE_SHIFT || (shift != PGDIR_SHIFT && (e & _PAGE_PSE)))
			return true;
		table = __va(e & PTE_ADDR_MASK);
	}
}

static void *alloc_table_page(void)
{
	return get_zeroed_page();	/* buddy allocator: callers run after mm_init() */
}

static pteval_t prot_to_pte(unsigned int prot)
{
	pteval_t pte = _PAGE_PRESENT | _PAGE_GLOBAL | _PAGE_ACCESSED;

	if (prot & _PROT_WRITE)
		pte |= _PAGE_RW | _PAGE_DIRTY;
	if (!(prot & _PROT_EXEC))
		pte |= __supported_pte_mask_nx;
	if (prot & _PROT_UNCACHED)
		pte |= _PAGE_PCD | _PAGE_PWT;	/* PAT entry 3: UC */
	return pte;
}

static bool is_vmalloc_page(unsigned long va)
{
	return va >= VMALLOC_START && va < VMALLOC_END && !(va & ~PAGE_MASK);
}

struct kernel_range {
	unsigned long start, end;
};

static void flush_kernel_range_here(void *arg)
{
	const struct kernel_range *r = arg;

	for (unsigned long va = r->start; va < r->end; va += PAGE_SIZE)
		flush_tlb_one_kernel(va);
}

/*
 * unmap_kernel_page() flushes only the CPU that unmaps (it runs under mm/vmalloc.c's lock
 * with interrupts off, where no IPI can be waited for), and kernel pages are global, so
 * another CPU may keep an address's old translation across its CR3 loads. mm/vmalloc.c
 * calls this before it hands out a range whose addresses were mapped before (a reused
 * stack slot): INVLPG here, and on every other CPU through an IPI, waited for.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct kernel_range r = { start, end };

	flush_kernel_range_here(&r);
	if (num_online_cpus() == 1 || WARN_ON(irqs_disabled()))
		return;
	smp_call_function(flush_kernel_range_here, &r, true);
}

int map_kernel_page(unsigned long va, phys_addr_t pa, unsigned int prot)
{
	pteval_t *pte;

	if (!is_vmalloc_page(va) || (pa & ~PAGE_MASK) || !kernel_pgd)
		return -1;
	pte = pgtable_walk(kernel_pgd, va, PAGE_SHIFT, alloc_table_page);
	if (!pte || (*pte & _PAGE_PRESENT))
		return -1;
	*pte = pa | prot_to_pte(prot);
	flush_tlb_one_kernel(va);	/* this CPU; others: flush_tlb_kernel_range() */
	return 0;
}

phys_addr_t unmap_kernel_page(unsigned long va)
{
	pteval_t *pte;
	phys_addr_t pa;

	if (!is_vmalloc_page(va) || !kernel_pgd)
		return 0;
	pte = pgtable_walk(kernel_pgd, va, PAGE_SHIFT, NULL);
	if (!pte || !(*pte & _PAGE_PRESENT))
		return 0;
	pa = *pte & PTE_ADDR_MASK;
	*pte = 0;
	flush_tlb_one_kernel(va);
	return pa;
}
