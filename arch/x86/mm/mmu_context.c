// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: one PML4 per mm, its lower half private, its upper half a copy of
 * the kernel's (see asm/mmu_context.h), and the 4 KiB user pages below it. User entries
 * carry _PAGE_USER at every level; the kernel half never does, so ring 3 cannot touch it.
 * Page-table pages come from the buddy allocator and go back in destroy_context().
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <linux/mmu_context.h>
#include "mm_internal.h"

#define USER_PGD_PTRS	(PTRS_PER_TABLE / 2)	/* PML4 slots 0..255: the lower half */
/* Upper levels allow everything; the leaf alone decides (the CPU ANDs the levels). */
#define USER_TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

/*
 * A PROT_NONE page keeps its frame but must fault on every access, the kernel's user copies
 * included: its leaf is not present to the CPU (which then ignores every other bit) and
 * carries this software bit instead, as Linux's _PAGE_PROTNONE. Such an entry still maps
 * the frame for Ferry: lookups find it, munmap frees it, mprotect back to PROT_READ makes
 * it present again with its data.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
#define USER_LEAF_MAPPED (_PAGE_PRESENT | _PAGE_PROTNONE)

int init_new_context(struct mm_struct *mm)
{
	u64 *pgd = get_zeroed_page();

	if (!pgd)
		return -ENOMEM;
	memcpy(pgd + USER_PGD_PTRS, kernel_pgd + USER_PGD_PTRS, USER_PGD_PTRS * sizeof(*pgd));
	mm->context.pgd = pgd;
	mm->context.vdso = 0;
	return 0;
}

/* Free a table and, above the PT level, every table it points to. */
static void free_table(u64 *table, unsigned int level)
{
	if (level > 1)
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			if (table[i] & _PAGE_PRESENT)
				free_table(__va(table[i] & PTE_ADDR_MASK), level - 1);
	free_page(table);
}

void destroy_context(struct mm_struct *mm)
{
	u64 *pgd = mm->context.pgd;

	for (int i = 0; i < USER_PGD_PTRS; i++)
		if (pgd[i] & _PAGE_PRESENT)
			free_table(__va(pgd[i] & PTE_ADDR_MASK), 3);
	free_page(pgd);
	mm->context.pgd = NULL;
}

static bool is_active(struct mm_struct *mm)
{
	return (read_cr3() & PTE_ADDR_MASK) == __pa(mm->context.pgd);
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	u64 *pgd = next ? next->context.pgd : kernel_pgd;

	/* Kernel pages are global (CR4.PGE): they stay in the TLB across this write. */
	if (prev != next)
		write_cr3(__pa(pgd));
}

/*
 * The PTE of user address va, creating the tables on the way when create is set. A creation
 * that runs out of memory part way unlinks and frees the tables it made, deepest first, so
 * no empty table stays behind a failed call.
 */
static u64 *user_pte(struct mm_struct *mm, unsigned long va, bool create)
{
	u64 *table = mm->context.pgd, *made[3];
	int nr_made = 0;

	if (va >= TASK_SIZE_MAX)	/* the top page and above are never user pages */
		return NULL;
	for (unsigned int shift = PGDIR_SHIFT; shift > PAGE_SHIFT; shift -= 9) {
		u64 *e = &table[(va >> shift) & (PTRS_PER_TABLE - 1)];

		if (!(*e & _PAGE_PRESENT)) {
			void *next = create ? get_zeroed_page() : NULL;

			if (!next)
				goto undo;
			*e = __pa(next) | USER_TABLE_FLAGS;
			made[nr_made++] = e;
		}
		table = __va(*e & PTE_ADDR_MASK);
	}
	return &table[pte_index(va)];

undo:
	if (!nr_made)
		return NULL;
	while (nr_made--) {
		u64 *e = made[nr_made];

		free_page(__va(*e & PTE_ADDR_MASK));
		*e = 0;
	}
	if (is_active(mm))
		write_cr3(read_cr3());	/* no cached walk may name the freed tables */
	return NULL;
}

static void flush_user_page(struct mm_struct *mm, unsigned long va)
{
	/* Only the loaded address space can have va in the TLB (a single CPU). */
	if (is_active(mm))
		flush_tlb_one_kernel(va);
}

/* The leaf entry mapping pa for user space with vm_flags' access. */
static u64 user_leaf(phys_addr_t pa, unsigned long vm_flags)
{
	u64 val = pa | _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return pa | _PAGE_PROTNONE;
	if (vm_flags & VM_WRITE)
		val |= _PAGE_RW | _PAGE_DIRTY;
	if (!(vm_flags & VM_EXEC))
		val |= __supported_pte_mask_nx;
	return val;
}

int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags)
{
	u64 *pte, val;

	if ((va | pa) & ~PAGE_MASK)
		return -EINVAL;
	pte = user_pte(mm, va, true);
	if (!pte)
		return va >= TASK_SIZE_MAX ? -EINVAL : -ENOMEM;
	val = user_leaf(pa, vm_flags);
	if (*pte & _PAGE_PRESENT) {
		*pte = val;
		flush_user_page(mm, va);
	} else {
		*pte = val;	/* not-present entries are never cached: no flush */
	}
	return 0;
}

phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va)
{
	u64 *pte = user_pte(mm, va & PAGE_MASK, false);
	phys_addr_t pa;

	if (!pte || !(*pte & USER_LEAF_MAPPED))
		return 0;
	pa = *pte & PTE_ADDR_MASK;
	*pte = 0;
	flush_user_page(mm, va & PAGE_MASK);
	return pa;
}

phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va)
{
	u64 *pte = user_pte(mm, va & PAGE_MASK, false);

	return pte && (*pte & USER_LEAF_MAPPED) ? *pte & PTE_ADDR_MASK : 0;
}

/*
 * Range operations walk the tables, not the addresses: an absent entry at any level skips
 * everything below it, so the cost follows what is mapped rather than the size of the range
 * (munmap of the whole lower half looks at 256 PML4 slots, not 2^35 pages).
 *
 * Freed pages (user frames and emptied tables) wait in a small batch until the TLB no
 * longer names them: the flush comes first, then the frees, as a second CPU would need.
 */
#define FREE_BATCH	32

struct range_walk {
	struct mm_struct *mm;
	bool unmap;			/* else: rewrite the access to vm_flags */
	bool free_frames;		/* unmap: the frames are ours to free */
	unsigned long vm_flags;
	bool flush;			/* an entry changed since the last flush */
	unsigned int nr_free;
	void *to_free[FREE_BATCH];
};

static void walk_flush(struct range_walk *w)
{
	/* Reloading CR3 drops every non-global entry and cached walk: all of user space. */
	if (w->flush && is_active(w->mm))
		write_cr3(read_cr3());
	w->flush = false;
	for (unsigned int i = 0; i < w->nr_free; i++)
		free_page(w->to_free[i]);
	w->nr_free = 0;
}

static void walk_free_later(struct range_walk *w, void *page)
{
	if (w->nr_free == FREE_BATCH)
		walk_flush(w);
	w->to_free[w->nr_free++] = page;
}

/* Tables above the leaves are always present; a leaf may be a PROT_NONE one. */
static bool table_empty(const u64 *table)
{
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (table[i] & USER_LEAF_MAPPED)
			return false;
	return true;
}

/*
 * The entries of 'table' (entry i maps base + i << shift) that meet [start, end). When
 * unmapping, a lower table found empty afterwards is freed, whether or not this walk emptied
 * it; returns whether this one now is empty.
 */
static bool walk_table(struct range_walk *w, u64 *table, unsigned int shift, unsigned long base,
		       unsigned long start, unsigned long end)
{
	unsigned long first = start > base ? (start - base) >> shift : 0;
	unsigned long last = min((end - 1 - base) >> shift, (unsigned long)PTRS_PER_TABLE - 1);

	for (unsigned long i = first; i <= last; i++) {
		u64 *e = &table[i];

		if (!(*e & USER_LEAF_MAPPED))
			continue;
		if (shift == PAGE_SHIFT) {
			if (!w->unmap) {
				*e = user_leaf(*e & PTE_ADDR_MASK, w->vm_flags);
			} else {
				if (w->free_frames)
					walk_free_later(w, __va(*e & PTE_ADDR_MASK));
				*e = 0;
			}
			w->flush = true;
		} else if (walk_table(w, __va(*e & PTE_ADDR_MASK), shift - 9, base + (i << shift),
				      start, end)) {
			walk_free_later(w, __va(*e & PTE_ADDR_MASK));
			*e = 0;
			w->flush = true;
		}
	}
	return w->unmap && table_empty(table);
}

void unmap_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		      bool free_frames)
{
	struct range_walk w = { .mm = mm, .unmap = true, .free_frames = free_frames };

	end = min(end, TASK_SIZE_MAX);
	if (start < end)
		walk_table(&w, mm->context.pgd, PGDIR_SHIFT, 0, start, end);	/* the PML4 stays */
	walk_flush(&w);
}

void protect_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned long vm_flags)
{
	struct range_walk w = { .mm = mm, .vm_flags = vm_flags };

	end = min(end, TASK_SIZE_MAX);
	if (start < end)
		walk_table(&w, mm->context.pgd, PGDIR_SHIFT, 0, start, end);
	walk_flush(&w);
}
