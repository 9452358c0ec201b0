/* The page allocator: a binary buddy allocator over every free page memblock reported. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

#define MAX_ORDER 11	/* orders 0..10: blocks of 4 KiB .. 4 MiB */

typedef unsigned int gfp_t;
#define GFP_KERNEL 0u
#define __GFP_ZERO 1u

/* Returns the kernel (direct-map) address of 2^order contiguous pages, or NULL. */
void *alloc_pages(gfp_t gfp, unsigned int order);
void free_pages(void *addr, unsigned int order);
void *get_zeroed_page(void);
void free_page(void *addr);

unsigned long nr_free_pages(void);
unsigned long nr_total_pages(void);

#endif
