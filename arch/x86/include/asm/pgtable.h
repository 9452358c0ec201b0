/*
 * x86_64 four-level page tables (PML4 -> PDPT -> PD -> PT) and the kernel mapping API the
 * generic vmalloc/ioremap code uses. Entry bits are those of the Intel SDM vol. 3 ch. 4.5.
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/page.h>

#define _PAGE_PRESENT	_BITUL(0)
#define _PAGE_RW	_BITUL(1)
#define _PAGE_USER	_BITUL(2)
#define _PAGE_PWT	_BITUL(3)
#define _PAGE_PCD	_BITUL(4)
#define _PAGE_ACCESSED	_BITUL(5)
#define _PAGE_DIRTY	_BITUL(6)
#define _PAGE_PSE	_BITUL(7)	/* in a PD/PDPT entry: a 2 MiB / 1 GiB page */
#define _PAGE_GLOBAL	_BITUL(8)	/* survives CR3 reloads (needs CR4.PGE) */
#define _PAGE_NX	_BITUL(63)	/* needs EFER.NXE, else the bit is reserved */

#define PTE_ADDR_MASK	_AC(0x000ffffffffff000, UL)	/* bits 51:12 */

#define PTRS_PER_TABLE	512

/* Where the vmalloc area lives: Linux's address, 32 TiB (64 PML4 slots). */
#define VMALLOC_START	_AC(0xffffc90000000000, UL)
#define VMALLOC_SIZE	(_AC(32, UL) << 40)
#define VMALLOC_END	(VMALLOC_START + VMALLOC_SIZE)

/* prot values for map_kernel_page(): arch-neutral flags, turned into PTE bits in mm/. */
#define PROT_KERNEL_RO	0x0u
#define PROT_KERNEL_RW	0x1u
#define PROT_KERNEL_RX	0x2u
#define PROT_DEVICE	(PROT_KERNEL_RW | 0x4u)	/* uncached (PCD|PWT) */

#define _PROT_WRITE	0x1u
#define _PROT_EXEC	0x2u
#define _PROT_UNCACHED	0x4u

#ifndef __ASSEMBLY__
#include <linux/types.h>

typedef u64 pteval_t;

/* Index of va in each level. */
#define pgd_index(va)	(((va) >> PGDIR_SHIFT) & 511)
#define pud_index(va)	(((va) >> PUD_SHIFT) & 511)
#define pmd_index(va)	(((va) >> PMD_SHIFT) & 511)
#define pte_index(va)	(((va) >> PAGE_SHIFT) & 511)

/* _PAGE_NX when the CPU has NX (CPUID 0x80000001 EDX.20), else 0: set once at boot. */
extern pteval_t __supported_pte_mask_nx;
extern pteval_t *kernel_pgd;		/* the kernel's PML4 (mm/pgtable.c) */

/*
 * Map one 4 KiB page of the vmalloc area: 0, or -1 when a page-table page cannot be
 * allocated or va is not a free vmalloc address. Page-table pages come from the buddy
 * allocator, so this works from mm_init() on.
 */
int map_kernel_page(unsigned long va, phys_addr_t pa, unsigned int prot);
/* Remove the mapping of va and flush it from the TLB; returns the physical page, or 0. */
phys_addr_t unmap_kernel_page(unsigned long va);

/*
 * Every CPU drops its TLB entries for the kernel addresses [start, end), before they are
 * reused. Interrupts on (x86 waits for IPIs).
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* True when va is mapped now (used by the stack walker before it reads memory). */
bool kernel_addr_mapped(unsigned long va);

#endif /* !__ASSEMBLY__ */
#endif
