/*
 * The binary buddy algorithm on its own (mm/buddy.c): it knows page frame numbers and a
 * struct page per frame, nothing about virtual addresses, so host unit tests run it as is.
 */
#ifndef _LINUX_BUDDY_H
#define _LINUX_BUDDY_H

#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/page_owner.h>

#define PG_buddy 0x1	/* first page of a free block; 'order' is valid */
#define PG_slab  0x2	/* page holds kmalloc objects of class 'order' */
#define PG_head  0x4	/* first page of an allocated multi-page block of 'order' */

struct page {
	struct list_head lru;	/* free list link while PG_buddy */
	u8 flags;
	u8 order;
	u16 objects_in_use;	/* kmalloc bookkeeping */
	int _refcount;		/* users of an allocated page: alloc_pages() makes it 1,
				 * get_page()/put_page() (linux/mm.h) move it; the buddy
				 * code itself never reads it */
#ifdef CONFIG_PAGE_OWNER
	struct alloc_owner owner;	/* linux/page_owner.h: who allocated the page */
	struct alloc_owner *objects;	/* a slab page's: one record per object */
#endif
};

struct free_area {
	struct list_head free_list;
	unsigned long nr_free;
};

struct zone {
	unsigned long start_pfn;	/* aligned to 2^(MAX_ORDER-1) */
	unsigned long spanned;		/* frames covered by map[] */
	struct page *map;
	unsigned long free_pages;
	unsigned long managed_pages;	/* pages ever given to the allocator */
	struct free_area free_area[MAX_ORDER];
};

void buddy_init(struct zone *z, struct page *map, unsigned long start_pfn, unsigned long spanned);
void buddy_add_free_range(struct zone *z, unsigned long pfn, unsigned long end_pfn);
long buddy_alloc(struct zone *z, unsigned int order);	/* pfn, or -1 */
void buddy_free(struct zone *z, unsigned long pfn, unsigned int order);
/* The allocator's invariants hold (mm/buddy_check.c); false with the first broken one in why. */
bool buddy_check(const struct zone *z, char *why, size_t size);

#endif
