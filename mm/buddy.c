// SPDX-License-Identifier: GPL-2.0
/*
 * Binary buddy allocator. Free memory is kept as blocks of 2^order frames, each aligned to its
 * own size; a block's buddy is the neighbour that together with it forms the aligned block of
 * the next order (index XOR 2^order). Freeing merges with free buddies as far as possible;
 * allocating splits a larger block, putting the unused halves back on the smaller lists.
 */
#include <linux/buddy.h>
#include <linux/string.h>

void buddy_init(struct zone *z, struct page *map, unsigned long start_pfn, unsigned long spanned)
{
	z->start_pfn = start_pfn;
	z->spanned = spanned;
	z->map = map;
	z->free_pages = 0;
	z->managed_pages = 0;
	memset(map, 0, spanned * sizeof(*map));
	for (int o = 0; o < MAX_ORDER; o++) {
		INIT_LIST_HEAD(&z->free_area[o].free_list);
		z->free_area[o].nr_free = 0;
	}
}

static void put_free(struct zone *z, unsigned long idx, unsigned int order)
{
	struct page *p = &z->map[idx];

	p->flags = PG_buddy;
	p->order = order;
	list_add(&p->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static void take_free(struct zone *z, struct page *p)
{
	list_del(&p->lru);
	z->free_area[p->order].nr_free--;
	p->flags &= ~PG_buddy;
}

void buddy_free(struct zone *z, unsigned long pfn, unsigned int order)
{
	unsigned long idx = pfn - z->start_pfn;

	if (pfn < z->start_pfn || idx + (1UL << order) > z->spanned || (idx & ((1UL << order) - 1)))
		panic("buddy: freeing bad block pfn %#lx order %u", pfn, order);
	if (z->map[idx].flags & PG_buddy)
		panic("buddy: double free of pfn %#lx", pfn);
	z->free_pages += 1UL << order;

	while (order < MAX_ORDER - 1) {
		unsigned long buddy = idx ^ (1UL << order);
		struct page *bp = &z->map[buddy];

		if (buddy >= z->spanned || !(bp->flags & PG_buddy) || bp->order != order)
			break;
		take_free(z, bp);
		idx &= ~(1UL << order);		/* the merged block starts at the lower half */
		order++;
	}
	put_free(z, idx, order);
}

long buddy_alloc(struct zone *z, unsigned int order)
{
	unsigned int o;
	struct page *p;
	unsigned long idx;

	if (order >= MAX_ORDER)
		return -1;
	for (o = order; o < MAX_ORDER && list_empty(&z->free_area[o].free_list); o++)
		;
	if (o == MAX_ORDER)
		return -1;
	p = list_first_entry(&z->free_area[o].free_list, struct page, lru);
	take_free(z, p);
	idx = p - z->map;
	while (o > order) {		/* split: keep the lower half, free the upper */
		o--;
		put_free(z, idx + (1UL << o), o);
	}
	z->map[idx].flags = 0;
	z->map[idx].order = order;
	z->free_pages -= 1UL << order;
	return (long)(z->start_pfn + idx);
}

/* Give [pfn, end_pfn) to the allocator in the largest aligned blocks that fit. */
void buddy_add_free_range(struct zone *z, unsigned long pfn, unsigned long end_pfn)
{
	while (pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;
		unsigned long idx = pfn - z->start_pfn;

		while (order && ((idx & ((1UL << order) - 1)) || pfn + (1UL << order) > end_pfn))
			order--;
		z->managed_pages += 1UL << order;
		buddy_free(z, pfn, order);
		pfn += 1UL << order;
	}
}
