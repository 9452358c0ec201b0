// SPDX-License-Identifier: GPL-2.0
/*
 * The free-after-flush batch of the page-table walks (linux/mmu_gather.h): one copy for
 * both arches, which supply only flush_tlb_mm().
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmu_gather.h>

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	tlb->mm = mm;
	tlb->need_flush = false;
	tlb->nr = 0;
}

static void tlb_flush_and_free(struct mmu_gather *tlb)
{
	if (tlb->need_flush)
		flush_tlb_mm(tlb->mm);
	tlb->need_flush = false;
	for (unsigned int i = 0; i < tlb->nr; i++) {
		unsigned long e = tlb->pages[i];
		void *page = (void *)(e & ~MMU_GATHER_TABLE);

		if (e & MMU_GATHER_TABLE)
			free_page(page);
		else
			put_page(virt_to_page(page));
	}
	tlb->nr = 0;
}

static void tlb_add(struct mmu_gather *tlb, unsigned long e)
{
	if (tlb->nr == MMU_GATHER_BATCH)
		tlb_flush_and_free(tlb);
	tlb->pages[tlb->nr++] = e;
	tlb->need_flush = true;		/* whatever is batched was named by an entry */
}

void tlb_remove_page(struct mmu_gather *tlb, phys_addr_t pa)
{
	tlb_add(tlb, (unsigned long)__va(pa));
}

void tlb_remove_table(struct mmu_gather *tlb, void *table)
{
	tlb_add(tlb, (unsigned long)table | MMU_GATHER_TABLE);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_and_free(tlb);
}
