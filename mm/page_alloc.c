// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator: sets up one zone over all RAM from memblock, gives it every free
 * range, and wraps mm/buddy.c with interrupt-safe entry points that speak kernel addresses.
 * put_page() is the last reference's way back (linux/mm.h).
 *
 * Locking: mem_zone_lock, taken with interrupts off (an interrupt handler may allocate),
 * guards the zone's free lists and counts and the page_owner records. The slab lock
 * (mm/slab.c) nests outside it (a refill takes pages); nothing else is taken inside it.
 * A page's _refcount is atomic and needs no lock: only the put that drops it to 0 frees.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/irqflags.h>
#include <linux/string.h>

struct zone mem_zone;
DEFINE_SPINLOCK(mem_zone_lock);

void page_alloc_init(void)
{
	unsigned long start_pfn = ALIGN_DOWN(PFN_DOWN(memblock_start_of_DRAM()),
					     1UL << (MAX_ORDER - 1));
	unsigned long end_pfn = PFN_DOWN(memblock_end_of_DRAM());
	unsigned long spanned = end_pfn - start_pfn;
	phys_addr_t map_phys, start, end;
	u64 i;

	/* One struct page per frame of the span; it comes from memblock, so it is reserved. */
	map_phys = memblock_phys_alloc(PAGE_ALIGN(spanned * sizeof(struct page)), PAGE_SIZE);
	buddy_init(&mem_zone, __va(map_phys), start_pfn, spanned);

	for_each_free_mem_range(i, start, end) {
		unsigned long s = PFN_UP(start), e = PFN_DOWN(end);

		if (s < e)
			buddy_add_free_range(&mem_zone, s, e);
	}
}

void *alloc_pages(gfp_t gfp, unsigned int order)
{
	unsigned long flags;
	long pfn;
	void *va;

	spin_lock_irqsave(&mem_zone_lock, flags);
	pfn = buddy_alloc(&mem_zone, order);
	if (pfn >= 0)
		page_owner_alloc(pfn_to_page(pfn), order);
	spin_unlock_irqrestore(&mem_zone_lock, flags);
	if (pfn < 0)
		return NULL;
	pfn_to_page(pfn)->_refcount = 1;	/* the caller's reference (put_page) */
	va = __va(PFN_PHYS(pfn));
	if (gfp & __GFP_ZERO)
		for (unsigned long i = 0; i < (1UL << order); i++)
			clear_page((char *)va + i * PAGE_SIZE);	/* rep stosq / dc zva */
	return va;
}

void free_pages(void *addr, unsigned int order)
{
	unsigned long flags;

	spin_lock_irqsave(&mem_zone_lock, flags);
	page_owner_free(virt_to_page(addr), order);
	buddy_free(&mem_zone, PFN_DOWN(__pa(addr)), order);
	spin_unlock_irqrestore(&mem_zone_lock, flags);
}

void put_page(struct page *p)
{
	int left = __atomic_sub_fetch(&p->_refcount, 1, __ATOMIC_ACQ_REL);

	if (!left)
		free_pages(page_address(p), p->order);
	else if (left < 0)
		pr_warn("put_page: pfn %#lx dropped below zero (%d)\n",
			mem_zone.start_pfn + (unsigned long)(p - mem_zone.map), left);
}

void *get_zeroed_page(void)
{
	return alloc_pages(__GFP_ZERO, 0);
}

void free_page(void *addr)
{
	free_pages(addr, 0);
}

unsigned long nr_free_pages(void)
{
	return mem_zone.free_pages;
}

unsigned long nr_total_pages(void)
{
	return mem_zone.managed_pages;
}
