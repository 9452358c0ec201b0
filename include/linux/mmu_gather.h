/*
 * Freeing what a page-table walk unmapped, only once no TLB names it (mm/mmu_gather.c).
 *
 * The range walks of both arches (unmap_user_range, protect_user_range, copy_user_range)
 * clear entries first and collect what they took out: user frames, which lose one
 * reference (put_page), and emptied page-table pages, which are freed. Both wait in a small
 * batch; when it is full, and at the end, the arch's flush_tlb_mm(mm) runs first and only
 * then are the pages let go, so no CPU can still reach a page through a stale translation
 * or a cached table walk once another owner has it.
 *
 *   struct mmu_gather tlb;
 *   tlb_gather_mmu(&tlb, mm);
 *   ... clear an entry; tlb_remove_page(&tlb, pa) / tlb_remove_table(&tlb, table) /
 *       tlb_flush_needed(&tlb) for an entry changed in place ...
 *   tlb_finish_mmu(&tlb);          flush (if anything changed), then free
 */
#ifndef _LINUX_MMU_GATHER_H
#define _LINUX_MMU_GATHER_H

#include <linux/types.h>

struct mm_struct;

#define MMU_GATHER_BATCH	32

struct mmu_gather {
	struct mm_struct *mm;
	bool need_flush;		/* an entry changed since the last flush */
	unsigned int nr;
	unsigned long pages[MMU_GATHER_BATCH];	/* page address | MMU_GATHER_TABLE */
};

#define MMU_GATHER_TABLE	1UL	/* a page-table page (free it), else a user frame (put it) */

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
/* A user frame the walk unmapped: its reference is dropped after the flush. */
void tlb_remove_page(struct mmu_gather *tlb, phys_addr_t pa);
/* A page-table page the walk unlinked (kernel address): freed after the flush. */
void tlb_remove_table(struct mmu_gather *tlb, void *table);
/* An entry was cleared or made stricter in place: flush before tlb_finish_mmu() returns. */
static inline void tlb_flush_needed(struct mmu_gather *tlb)
{
	tlb->need_flush = true;
}
void tlb_finish_mmu(struct mmu_gather *tlb);

/* The arch hook (arch/x86/mm/mmu_context.c, arch/arm64/mm/context.c): drop every cached
 * user translation and table walk of mm, wherever mm may be loaded. */
void flush_tlb_mm(struct mm_struct *mm);

/* Whether none of a 512-entry table's entries has one of the bits of 'present'. */
static inline bool pt_table_empty(const u64 *table, u64 present)
{
	for (int i = 0; i < 512; i++)
		if (__atomic_load_n(&table[i], __ATOMIC_RELAXED) & present)
			return false;
	return true;
}

#endif
