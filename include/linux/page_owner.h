/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CONFIG_PAGE_OWNER (mm/page_owner.c): who allocated each page and each kmalloc object, so
 * mm_selfcheck can name the allocations a leak is made of instead of only counting them.
 * Off by default; off, every hook below is an empty inline and struct page keeps its size.
 */
#ifndef _LINUX_PAGE_OWNER_H
#define _LINUX_PAGE_OWNER_H

#include <linux/types.h>

#define OWNER_DEPTH 4		/* return addresses kept per allocation, innermost first */

/* One allocation: when (a count of allocations, 0 when free) and from where. */
struct alloc_owner {
	unsigned long seq;
	unsigned long ip[OWNER_DEPTH];
};

struct page;

#ifdef CONFIG_PAGE_OWNER
void page_owner_alloc(struct page *p, unsigned int order);
void page_owner_free(struct page *p, unsigned int order);
bool slab_owner_attach(struct page *p, unsigned int objects);
void slab_owner_alloc(struct page *p, unsigned int index);
void slab_owner_free(struct page *p, unsigned int index);
unsigned long page_owner_seq(void);		/* allocations so far: a baseline's mark */
unsigned long page_owner_pages(void);		/* pages the records themselves take */
void page_owner_report(unsigned long since, int max);
#else
static inline void page_owner_alloc(struct page *p, unsigned int order) { }
static inline void page_owner_free(struct page *p, unsigned int order) { }
static inline bool slab_owner_attach(struct page *p, unsigned int objects) { return true; }
static inline void slab_owner_alloc(struct page *p, unsigned int index) { }
static inline void slab_owner_free(struct page *p, unsigned int index) { }
static inline unsigned long page_owner_seq(void) { return 0; }
static inline unsigned long page_owner_pages(void) { return 0; }
static inline void page_owner_report(unsigned long since, int max) { }
#endif

#endif
