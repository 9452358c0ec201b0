/* Unit tests of mm/buddy.c: splitting, merging, alignment, exhaustion, double free. */
#include <string.h>
#include <linux/buddy.h>
#include "ktap.h"

#define SPAN 4096
static struct page map[SPAN];
static struct zone z;

static void fresh(unsigned long start, unsigned long end)
{
	buddy_init(&z, map, 0, SPAN);
	buddy_add_free_range(&z, start, end);
}

TEST(whole_range_becomes_max_order_blocks)
{
	fresh(0, SPAN);
	EXPECT_EQ(z.free_pages, SPAN);
	EXPECT_EQ(z.free_area[MAX_ORDER - 1].nr_free, SPAN >> (MAX_ORDER - 1));
	for (int o = 0; o < MAX_ORDER - 1; o++)
		EXPECT_EQ(z.free_area[o].nr_free, 0);
}

TEST(unaligned_range_is_split_into_aligned_blocks)
{
	fresh(3, 1030);		/* 3 .. 1029 */
	EXPECT_EQ(z.free_pages, 1027);
	EXPECT_EQ(z.managed_pages, 1027);
	/* No block may be misaligned for its order. */
	for (int o = 0; o < MAX_ORDER; o++) {
		struct page *p;

		list_for_each_entry(p, &z.free_area[o].free_list, lru)
			EXPECT_EQ((p - map) & ((1 << o) - 1), 0);
	}
}

TEST(alloc_is_aligned_and_split_halves_return)
{
	long a, b;

	fresh(0, SPAN);
	a = buddy_alloc(&z, 0);
	EXPECT(a >= 0);
	EXPECT_EQ(z.free_pages, SPAN - 1);
	for (int o = 0; o < MAX_ORDER - 1; o++)
		EXPECT_EQ(z.free_area[o].nr_free, 1);	/* one half left at each order */
	b = buddy_alloc(&z, 3);
	EXPECT_EQ(b & 7, 0);
	buddy_free(&z, a, 0);
	buddy_free(&z, b, 3);
	EXPECT_EQ(z.free_pages, SPAN);
	EXPECT_EQ(z.free_area[MAX_ORDER - 1].nr_free, SPAN >> (MAX_ORDER - 1));
}

TEST(exhaustion_returns_minus_one)
{
	int n = 0;

	fresh(0, 64);
	while (buddy_alloc(&z, 2) >= 0)
		n++;
	EXPECT_EQ(n, 16);
	EXPECT_EQ(buddy_alloc(&z, 0), -1);
	EXPECT_EQ(buddy_alloc(&z, MAX_ORDER), -1);
}

TEST(free_in_any_order_merges_fully)
{
	long p[64];

	fresh(0, 64);
	for (int i = 0; i < 64; i++)
		p[i] = buddy_alloc(&z, 0);
	for (int i = 0; i < 64; i += 2)		/* evens first, then odds: merges late */
		buddy_free(&z, p[i], 0);
	for (int i = 1; i < 64; i += 2)
		buddy_free(&z, p[i], 0);
	EXPECT_EQ(z.free_pages, 64);
	EXPECT_EQ(z.free_area[6].nr_free, 1);
}

TEST(double_free_and_bad_block_panic)
{
	long a;

	fresh(0, 64);
	a = buddy_alloc(&z, 1);
	buddy_free(&z, a, 1);
	EXPECT_PANIC(buddy_free(&z, a, 1));
	EXPECT_PANIC(buddy_free(&z, 1, 1));		/* misaligned for order 1 */
	EXPECT_PANIC(buddy_free(&z, SPAN, 0));		/* outside the zone */
}

/* buddy_check (mm/buddy_check.c): the self-check mm_selfcheck runs after fuzzing. */
TEST(check_passes_after_mixed_allocs_and_frees)
{
	char why[128] = "";
	long p[40];

	fresh(5, 2000);
	for (int i = 0; i < 40; i++)
		p[i] = buddy_alloc(&z, i % 4);
	for (int i = 0; i < 40; i += 3)
		buddy_free(&z, p[i], i % 4);
	EXPECT(buddy_check(&z, why, sizeof(why)));
	EXPECT_STR(why, "");
}

TEST(check_catches_a_stray_free_mark)
{
	char why[128] = "";
	long a;

	fresh(0, 256);
	a = buddy_alloc(&z, 3);
	map[a + 4].flags |= PG_buddy;		/* inside an allocated block, yet marked free */
	map[a + 4].order = 5;
	EXPECT(!buddy_check(&z, why, sizeof(why)));
	EXPECT(strstr(why, "marked free") != NULL);
}

TEST(check_catches_wrong_counts)
{
	char why[128] = "";

	fresh(0, 256);
	buddy_alloc(&z, 0);
	z.free_pages++;				/* a page freed twice in the count */
	EXPECT(!buddy_check(&z, why, sizeof(why)));
	EXPECT(strstr(why, "free_pages") != NULL);
	z.free_pages--;
	z.free_area[0].nr_free++;
	EXPECT(!buddy_check(&z, why, sizeof(why)));
	EXPECT(strstr(why, "nr_free") != NULL);
}

TEST(check_catches_unmerged_buddies)
{
	char why[128] = "";
	long a, b;

	fresh(0, 4);
	a = buddy_alloc(&z, 0);
	b = buddy_alloc(&z, 0);
	buddy_free(&z, a, 0);
	/* b's page put on the order-0 list by hand, skipping the merge buddy_free makes */
	map[b].flags = PG_buddy;
	map[b].order = 0;
	list_add(&map[b].lru, &z.free_area[0].free_list);
	z.free_area[0].nr_free++;
	z.free_pages++;
	EXPECT(!buddy_check(&z, why, sizeof(why)));
	EXPECT(strstr(why, "unmerged") != NULL);
}
