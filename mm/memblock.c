// SPDX-License-Identifier: GPL-2.0
/*
 * memblock: two sorted lists of physical ranges, "memory" (what RAM exists, from the boot
 * protocol or the DTB) and "reserved" (what is already in use: kernel, boot data, initrd,
 * early page tables). Regions are kept sorted and merged so every query is a simple walk.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/init.h>

struct memblock memblock = { .limit = ~(phys_addr_t)0 };

static void insert_region(struct memblock_type *t, unsigned int i, phys_addr_t base, phys_addr_t size)
{
	if (t->cnt >= MEMBLOCK_MAX_REGIONS)
		panic("memblock: more than %d regions", MEMBLOCK_MAX_REGIONS);
	for (unsigned int j = t->cnt; j > i; j--)
		t->regions[j] = t->regions[j - 1];
	t->regions[i].base = base;
	t->regions[i].size = size;
	t->cnt++;
}

static void remove_region(struct memblock_type *t, unsigned int i)
{
	for (unsigned int j = i; j + 1 < t->cnt; j++)
		t->regions[j] = t->regions[j + 1];
	t->cnt--;
}

/* Add [base, base+size) and merge it with every region it touches or overlaps. */
static int add_range(struct memblock_type *t, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end;
	unsigned int i;

	if (!size)
		return 0;
	end = base + size < base ? ~(phys_addr_t)0 : base + size;
	for (i = 0; i < t->cnt && t->regions[i].base + t->regions[i].size < base; i++)
		;
	while (i < t->cnt && t->regions[i].base <= end) {
		struct memblock_region *r = &t->regions[i];

		base = min(base, r->base);
		end = max(end, r->base + r->size);
		remove_region(t, i);
	}
	insert_region(t, i, base, end - base);
	return 0;
}

/* Cut [base, base+size) out of every region, splitting a region that straddles it. */
static int remove_range(struct memblock_type *t, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size < base ? ~(phys_addr_t)0 : base + size;

	for (unsigned int i = 0; i < t->cnt;) {
		phys_addr_t rb = t->regions[i].base, re = rb + t->regions[i].size;

		if (re <= base || rb >= end) {
			i++;
			continue;
		}
		remove_region(t, i);
		if (rb < base)
			insert_region(t, i++, rb, base - rb);
		if (re > end)
			insert_region(t, i++, end, re - end);
	}
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return add_range(&memblock.reserved, base, size);
}

int memblock_remove(phys_addr_t base, phys_addr_t size)
{
	return remove_range(&memblock.memory, base, size);
}

/* mem=SIZE: use only the first SIZE bytes of RAM (counting from the lowest RAM address). */
static int early_mem(char *val)
{
	char *end;
	phys_addr_t size = memparse(val, &end);

	if (!size || *end)
		return -1;
	memblock.limit = size;
	return 0;
}
early_param("mem", early_mem);

void memblock_enforce_limit(void)
{
	phys_addr_t left = memblock.limit, cut = ~(phys_addr_t)0;

	if (memblock.limit == ~(phys_addr_t)0)
		return;
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		struct memblock_region *r = &memblock.memory.regions[i];

		if (r->size >= left) {
			cut = r->base + left;
			break;
		}
		left -= r->size;
	}
	if (cut != ~(phys_addr_t)0) {
		pr_info("mem=: ignoring RAM above %#llx\n", (unsigned long long)cut);
		memblock_remove(cut, ~(phys_addr_t)0 - cut);
	}
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.cnt ? memblock.memory.regions[0].base : 0;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	struct memblock_type *t = &memblock.memory;

	return t->cnt ? t->regions[t->cnt - 1].base + t->regions[t->cnt - 1].size : 0;
}

phys_addr_t memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;

	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		total += memblock.memory.regions[i].size;
	return total;
}

bool memblock_is_reserved(phys_addr_t addr)
{
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++) {
		struct memblock_region *r = &memblock.reserved.regions[i];

		if (addr >= r->base && addr - r->base < r->size)
			return true;
	}
	return false;
}

/*
 * Free ranges = memory minus reserved, in address order. *cursor is the address where the
 * walk goes on (start with 0); both lists are sorted and merged, so one pass finds the next.
 */
bool memblock_next_free_range(u64 *cursor, phys_addr_t *out_start, phys_addr_t *out_end)
{
	struct memblock_type *mem = &memblock.memory, *res = &memblock.reserved;

	for (unsigned int mi = 0; mi < mem->cnt; mi++) {
		phys_addr_t start = mem->regions[mi].base;
		phys_addr_t end = start + mem->regions[mi].size;

		if (end <= *cursor)
			continue;
		start = max(start, (phys_addr_t)*cursor);
		for (unsigned int ri = 0; ri < res->cnt; ri++) {
			phys_addr_t rb = res->regions[ri].base, re = rb + res->regions[ri].size;

			if (re <= start)
				continue;
			if (rb <= start) {
				start = re;		/* reserved from here: skip past it */
				continue;
			}
			end = min(end, rb);		/* the next reservation ends the range */
			break;
		}
		if (start >= end)
			continue;
		*out_start = start;
		*out_end = end;
		*cursor = end;
		return true;
	}
	return false;
}

phys_addr_t memblock_phys_alloc_range(phys_addr_t size, phys_addr_t align,
				      phys_addr_t min_addr, phys_addr_t max_addr)
{
	phys_addr_t start, end, found = 0;
	u64 i;

	/* Top-down, like Linux: keeps low memory (DMA-able, below the kernel) free longest. */
	for_each_free_mem_range(i, start, end) {
		phys_addr_t cand;

		start = max(start, min_addr);
		end = min(end, max_addr);
		if (end <= start || end - start < size)
			continue;
		cand = ALIGN_DOWN(end - size, align);
		if (cand >= start && cand > found)
			found = cand;
	}
	if (!found)
		return 0;
	memblock_reserve(found, size);
	return found;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t p = memblock_phys_alloc_range(size, align, 0x100000, ~(phys_addr_t)0);

	if (!p)
		panic("memblock: out of memory for an early allocation of %llu bytes",
		      (unsigned long long)size);
	return p;
}

void memblock_check_above(phys_addr_t kernel_end)
{
	phys_addr_t start, end, total = 0;
	u64 i;

	if (!memblock.memory.cnt)
		panic("memory map: no usable RAM reported by the boot protocol");
	for_each_free_mem_range(i, start, end)
		if (end > kernel_end)
			total += end - max(start, kernel_end);
	/* Page tables for the direct map and the first stacks need a few hundred KiB. */
	if (total < (1 << 20))
		panic("memory map: no usable RAM above the kernel (kernel ends at %#llx, "
		      "%llu KiB free above it)", (unsigned long long)kernel_end,
		      (unsigned long long)total >> 10);
}

void memblock_dump(void)
{
	for (unsigned int i = 0; i < memblock.memory.cnt; i++)
		pr_info("  memory:   [%#014llx-%#014llx]\n",
			(unsigned long long)memblock.memory.regions[i].base,
			(unsigned long long)(memblock.memory.regions[i].base +
					     memblock.memory.regions[i].size - 1));
	for (unsigned int i = 0; i < memblock.reserved.cnt; i++)
		pr_info("  reserved: [%#014llx-%#014llx]\n",
			(unsigned long long)memblock.reserved.regions[i].base,
			(unsigned long long)(memblock.reserved.regions[i].base +
					     memblock.reserved.regions[i].size - 1));
}
