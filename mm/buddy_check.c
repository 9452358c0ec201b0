// SPDX-License-Identifier: GPL-2.0
/*
 * buddy_check(): is a zone's free memory what the buddy allocator's invariants say it must be?
 * Pure bookkeeping over struct zone (no locks, no addresses), so the host unit tests run it
 * as mm/buddy.c is run, and mm/selfcheck.c calls it with the allocator's interrupts off.
 *
 * Checked: every free-list entry lies in the zone, is aligned to its order and marked as a
 * free block of that order; each list's length is its nr_free; the blocks add up to
 * free_pages; no page inside a free block is marked as the start of another; no free block's
 * buddy is free at the same order (freeing always merges); and no page outside the lists
 * carries the free mark. The first broken rule is described in 'why'.
 */
#include <linux/buddy.h>
#include <linux/kernel.h>
#include <linux/string.h>

static bool fail(char *why, size_t size, const char *what, unsigned long idx, unsigned int order)
{
	snprintf(why, size, "%s (frame index %lu, order %u)", what, idx, order);
	return false;
}

bool buddy_check(const struct zone *z, char *why, size_t size)
{
	unsigned long listed = 0, marked = 0, pages = 0;

	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		const struct list_head *head = &z->free_area[o].free_list;
		unsigned long n = 0;

		for (const struct list_head *l = head->next; l != head; l = l->next) {
			const struct page *p = list_entry(l, struct page, lru);
			unsigned long idx = p - z->map;

			if (p < z->map || idx >= z->spanned)
				return fail(why, size, "free-list entry outside the zone", idx, o);
			if (!(p->flags & PG_buddy) || p->order != o)
				return fail(why, size, "free-list entry not marked free at its order", idx, o);
			if ((idx & ((1UL << o) - 1)) || idx + (1UL << o) > z->spanned)
				return fail(why, size, "free block misaligned or past the zone", idx, o);
			for (unsigned long k = 1; k < (1UL << o); k++)
				if (z->map[idx + k].flags & PG_buddy)
					return fail(why, size, "free block inside another", idx + k, o);
			if (o < MAX_ORDER - 1) {
				unsigned long b = idx ^ (1UL << o);

				if (b < z->spanned && (z->map[b].flags & PG_buddy) && z->map[b].order == o)
					return fail(why, size, "free buddies left unmerged", idx, o);
			}
			if (++n > z->spanned)
				return fail(why, size, "free list loops", idx, o);
		}
		if (n != z->free_area[o].nr_free) {
			snprintf(why, size, "order %u: %lu blocks listed, nr_free says %lu", o, n,
				 z->free_area[o].nr_free);
			return false;
		}
		listed += n;
		pages += n << o;
	}
	if (pages != z->free_pages) {
		snprintf(why, size, "free blocks hold %lu pages, free_pages says %lu", pages,
			 z->free_pages);
		return false;
	}
	for (unsigned long i = 0; i < z->spanned; i++)
		marked += !!(z->map[i].flags & PG_buddy);
	if (marked != listed) {
		snprintf(why, size, "%lu pages marked free, %lu blocks on the lists", marked, listed);
		return false;
	}
	return true;
}
