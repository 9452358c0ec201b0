/* Unit tests of mm/memblock.c: merging, removal, free-range walk, allocation, mem=. */
#include <string.h>
#include <linux/memblock.h>
#include "ktap.h"

static void reset(void)
{
	memset(&memblock, 0, sizeof(memblock));
	memblock.limit = ~0ULL;
}

TEST(add_merges_adjacent_and_overlapping)
{
	reset();
	memblock_add(0x1000, 0x1000);
	memblock_add(0x3000, 0x1000);
	memblock_add(0x2000, 0x1000);		/* bridges the two */
	EXPECT_EQ(memblock.memory.cnt, 1);
	EXPECT_EQ(memblock.memory.regions[0].base, 0x1000);
	EXPECT_EQ(memblock.memory.regions[0].size, 0x3000);
	memblock_add(0x10000, 0x1000);
	memblock_add(0x8000, 0x1000);
	EXPECT_EQ(memblock.memory.cnt, 3);
	EXPECT_EQ(memblock.memory.regions[1].base, 0x8000);	/* kept sorted */
}

TEST(remove_splits_a_region)
{
	reset();
	memblock_add(0x0, 0x10000);
	memblock_remove(0x4000, 0x2000);
	EXPECT_EQ(memblock.memory.cnt, 2);
	EXPECT_EQ(memblock.memory.regions[0].size, 0x4000);
	EXPECT_EQ(memblock.memory.regions[1].base, 0x6000);
	EXPECT_EQ(memblock.memory.regions[1].size, 0xa000);
}

TEST(free_ranges_skip_reservations)
{
	phys_addr_t s, e, got[8][2];
	u64 i;
	int n = 0;

	reset();
	memblock_add(0x0, 0x10000);
	memblock_add(0x20000, 0x10000);
	memblock_reserve(0x0, 0x1000);
	memblock_reserve(0x8000, 0x1000);
	memblock_reserve(0xf000, 0x12000);	/* spans the hole into the second region */
	for_each_free_mem_range(i, s, e) {
		got[n][0] = s;
		got[n][1] = e;
		n++;
	}
	EXPECT_EQ(n, 3);
	EXPECT_EQ(got[0][0], 0x1000);  EXPECT_EQ(got[0][1], 0x8000);
	EXPECT_EQ(got[1][0], 0x9000);  EXPECT_EQ(got[1][1], 0xf000);
	EXPECT_EQ(got[2][0], 0x21000); EXPECT_EQ(got[2][1], 0x30000);
}

TEST(alloc_is_top_down_aligned_and_reserved)
{
	phys_addr_t a, b;

	reset();
	memblock_add(0x100000, 0x100000);
	a = memblock_phys_alloc(0x1000, 0x1000);
	EXPECT_EQ(a, 0x1ff000);
	EXPECT(memblock_is_reserved(a));
	b = memblock_phys_alloc(0x3000, 0x10000);
	EXPECT_EQ(b, 0x1f0000);
	EXPECT_PANIC(memblock_phys_alloc(0x200000, 0x1000));
}

TEST(mem_limit_cuts_ram)
{
	reset();
	memblock_add(0x0, 0x9f000);
	memblock_add(0x100000, 0x7f00000);
	memblock.limit = 0x1000000;		/* mem=16M */
	memblock_enforce_limit();
	EXPECT_EQ(memblock_phys_mem_size(), 0x1000000);
	EXPECT_EQ(memblock_end_of_DRAM(), 0x100000 + 0x1000000 - 0x9f000);
}

TEST(no_ram_above_kernel_panics_clearly)
{
	reset();
	memblock_add(0x0, 0x400000);
	memblock_reserve(0x200000, 0x180000);	/* kernel at 2M..3.5M */
	EXPECT_PANIC(memblock_check_above(0x380000));
	EXPECT(strstr(unit_panic_msg, "no usable RAM above the kernel") != NULL);
	memblock_add(0x400000, 0x1000000);
	memblock_check_above(0x380000);		/* now fine: must not panic */
	reset();
	EXPECT_PANIC(memblock_check_above(0x380000));
	EXPECT(strstr(unit_panic_msg, "no usable RAM") != NULL);
}
