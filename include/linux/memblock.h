/*
 * memblock: the boot-time map of physical memory. The arch adds the RAM the boot protocol
 * reports and reserves what is in use; before the page allocator exists, early page tables
 * come from memblock_phys_alloc(). mm_init() hands every free page to the buddy allocator.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define MEMBLOCK_MAX_REGIONS 128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

struct memblock {
	struct memblock_type memory;
	struct memblock_type reserved;
	phys_addr_t limit;	/* mem= : nothing at or above this is used */
};

extern struct memblock memblock;

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_remove(phys_addr_t base, phys_addr_t size);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t min, phys_addr_t max);
void memblock_enforce_limit(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
phys_addr_t memblock_phys_mem_size(void);
bool memblock_is_reserved(phys_addr_t addr);
void memblock_dump(void);
/* Panics with a clear message when no free RAM lies above 'kernel_end' (phys). */
void memblock_check_above(phys_addr_t kernel_end);

/* Walk free ranges: memory minus reserved. Returns false when done. */
bool memblock_next_free_range(u64 *idx, phys_addr_t *start, phys_addr_t *end);

#define for_each_free_mem_range(i, s, e) \
	for (i = 0; memblock_next_free_range(&i, &s, &e); )

#endif
