// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: one set of TTBR0 tables per mm (asm/mmu_context.h describes the
 * split between TTBR0 and TTBR1 and the TLB scheme: nG pages, ASID 0, flush on switch).
 *
 * The tables are four levels of 512 entries (4 KiB granule, 48-bit VA), made of pages from
 * the page allocator and written through the linear map. A user leaf entry is Normal
 * write-back memory, inner shareable, accessed, not global, never executable at EL1 (PXN:
 * the kernel never runs user code), and EL0 may read it (AP[1]); AP[2] makes it read-only
 * unless VM_WRITE, UXN forbids EL0 execution unless VM_EXEC.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/errno.h>
#include <asm/barrier.h>
#include <linux/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sysreg.h>

/* Index of va in the table at 'level' (0: bits 47:39 ... 3: bits 20:12). */
#define pt_index(va, level)	(((va) >> (39 - 9 * (level))) & (PTRS_PER_TABLE - 1))

#define PTE_USER_BASE	(PTE_TYPE_PAGE | PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF | \
			 PTE_NG | PTE_PXN)

static u64 user_pte_attrs(unsigned long vm_flags)
{
	u64 attrs = PTE_USER_BASE;

	if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		attrs |= PTE_USER;
	if (!(vm_flags & VM_WRITE))
		attrs |= PTE_RDONLY;
	if (!(vm_flags & VM_EXEC))
		attrs |= PTE_UXN;
	return attrs;
}

/* Drop the TLB entry of one user page (ASID 0, so the operand is just VA[55:12]). */
static void flush_tlb_user_page(unsigned long va)
{
	dsb(ishst);			/* the cleared entry is visible to the walker first */
	__asm__ __volatile__("tlbi vale1is, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/* All non-global (user) entries of ASID 0, including cached table walks. */
static void flush_tlb_user_all(void)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi aside1is, xzr" : : : "memory");
	dsb(ish);
	isb();
}

/* The level-3 entry for va, creating missing tables when alloc; NULL if none / no memory. */
static u64 *user_pte(struct mm_struct *mm, unsigned long va, bool alloc)
{
	u64 *table = __va(mm->context.pgd);

	for (int level = 0; level < 3; level++) {
		u64 *ep = &table[pt_index(va, level)];
		u64 desc = READ_ONCE(*ep);

		if (!(desc & PTE_VALID)) {
			void *next;

			if (!alloc)
				return NULL;
			next = get_zeroed_page();
			if (!next)
				return NULL;
			desc = __pa(next) | PTE_TYPE_TABLE;
			dmb(ishst);		/* the zeroed table before the entry naming it */
			WRITE_ONCE(*ep, desc);
		}
		table = __va(desc & PTE_ADDR_MASK);
	}
	return &table[pt_index(va, 3)];
}

int init_new_context(struct mm_struct *mm)
{
	void *pgd = get_zeroed_page();

	if (!pgd)
		return -ENOMEM;
	mm->context.pgd = __pa(pgd);
	mm->context.vdso = 0;
	return 0;
}

/* Free the table pages under 'table' at 'level' (leaf pages are mmput()'s business). */
static void free_tables(phys_addr_t table, int level)
{
	u64 *t = __va(table);

	if (level < 3)
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			if (t[i] & PTE_VALID)
				free_tables(t[i] & PTE_ADDR_MASK, level + 1);
	free_page(t);
}

void destroy_context(struct mm_struct *mm)
{
	/* Never free tables the MMU may still walk. */
	if ((read_sysreg(ttbr0_el1) & PTE_ADDR_MASK) == mm->context.pgd)
		switch_mm(mm, NULL);
	free_tables(mm->context.pgd, 0);
	mm->context.pgd = 0;
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	phys_addr_t root = next ? next->context.pgd : __pa_symbol(reserved_pg_dir);

	write_sysreg(root, ttbr0_el1);	/* TTBR0_EL1.ASID (bits 63:48) = 0 */
	isb();
	flush_tlb_user_all();		/* prev's entries carried the same ASID */
}

int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags)
{
	u64 *ep;

	if (va >= TASK_SIZE_MAX || (va & ~PAGE_MASK))
		return -EINVAL;
	ep = user_pte(mm, va, true);
	if (!ep)
		return -ENOMEM;
	/* Changing a live entry: break-before-make (Arm ARM D8.14), invalid + flush between. */
	if (READ_ONCE(*ep) & PTE_VALID) {
		WRITE_ONCE(*ep, 0);
		flush_tlb_user_page(va);
	}
	WRITE_ONCE(*ep, (pa & PTE_ADDR_MASK) | user_pte_attrs(vm_flags));
	dsb(ishst);	/* visible to the walker before user space can touch the page */
	isb();
	return 0;
}

phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va)
{
	u64 *ep = va < TASK_SIZE_MAX ? user_pte(mm, va, false) : NULL;
	phys_addr_t pa;

	if (!ep || !(READ_ONCE(*ep) & PTE_VALID))
		return 0;
	pa = *ep & PTE_ADDR_MASK;
	WRITE_ONCE(*ep, 0);
	flush_tlb_user_page(va);
	return pa;
}

phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va)
{
	u64 *ep = va < TASK_SIZE_MAX ? user_pte(mm, va & PAGE_MASK, false) : NULL;

	if (!ep || !(READ_ONCE(*ep) & PTE_VALID))
		return 0;
	return *ep & PTE_ADDR_MASK;
}

/*
 * The ELF loader wrote code into user pages through the linear map, i.e. through the data
 * cache. Instruction fetch does not look there: clean each executable page to the point of
 * unification (by its linear-map address; the cache is physically indexed, so the alias
 * reaches the same lines), then invalidate the instruction cache. CTR_EL0.IDC / DIC say
 * when a step is not needed.
 */
void sync_user_icache(struct mm_struct *mm)
{
	u64 ctr = read_sysreg(ctr_el0);
	unsigned long line = 4UL << ((ctr >> 16) & 0xf);	/* DminLine: log2(words) */

	if (!(ctr & _BITUL(28))) {				/* IDC clear: clean needed */
		for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
			if (!(v->vm_flags & VM_EXEC))
				continue;
			for (unsigned long va = v->vm_start; va < v->vm_end; va += PAGE_SIZE) {
				phys_addr_t pa = user_page_phys(mm, va);
				char *p = __va(pa);

				if (!pa)
					continue;
				for (unsigned long off = 0; off < PAGE_SIZE; off += line)
					__asm__ __volatile__("dc cvau, %0" : : "r"(p + off) : "memory");
			}
		}
	}
	dsb(ish);
	if (!(ctr & _BITUL(29)))				/* DIC clear: invalidate needed */
		__asm__ __volatile__("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}
