// SPDX-License-Identifier: GPL-2.0
/*
 * kmalloc: power-of-two size classes from 16 bytes to 2 KiB, each page holding objects of one
 * class (struct page records which). Free objects of a class are kept on a singly linked list
 * threaded through the objects themselves. Requests above 2 KiB take whole pages from the
 * buddy allocator. Simple and predictable; a kernel this size does not need per-CPU caches.
 *
 * Locking: slab_lock, with interrupts off, guards the free lists, each slab page's
 * objects_in_use and PG_slab/order, and the object owner records. It nests outside
 * mem_zone_lock (refill takes a page under it).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <linux/selfcheck.h>

#define KMALLOC_MIN_SHIFT 4
#define KMALLOC_MAX_SHIFT 11
#define NR_CLASSES (KMALLOC_MAX_SHIFT - KMALLOC_MIN_SHIFT + 1)
_Static_assert(NR_CLASSES == KMALLOC_CLASSES && kmalloc_class_size(0) == 1UL << KMALLOC_MIN_SHIFT,
	       "linux/slab.h's classes are these");

struct free_obj {
	struct free_obj *next;
};

static struct free_obj *free_lists[NR_CLASSES];
static DEFINE_SPINLOCK(slab_lock);

/* The smallest class that holds size (1 .. 2 KiB): one count-leading-zeros, not a loop. */
static unsigned int size_class(size_t size)
{
	if (size <= (1UL << KMALLOC_MIN_SHIFT))
		return 0;
	return (8 * sizeof(long) - __builtin_clzl(size - 1)) - KMALLOC_MIN_SHIFT;
}

/* An object's place on its slab page, for its owner record (linux/page_owner.h). */
static inline unsigned int obj_index(const void *o, unsigned int c)
{
	return ((unsigned long)o & (PAGE_SIZE - 1)) >> (c + KMALLOC_MIN_SHIFT);
}

static bool refill(unsigned int c)
{
	size_t objsize = 1UL << (c + KMALLOC_MIN_SHIFT);
	char *page = alloc_pages(GFP_KERNEL, 0);
	struct page *pg;

	if (!page)
		return false;
	pg = virt_to_page(page);
	if (!slab_owner_attach(pg, PAGE_SIZE / objsize)) {
		free_pages(page, 0);
		return false;
	}
	pg->flags = PG_slab;
	pg->order = c;
	for (size_t off = 0; off + objsize <= PAGE_SIZE; off += objsize) {
		struct free_obj *o = (struct free_obj *)(page + off);

		o->next = free_lists[c];
		free_lists[c] = o;
	}
	return true;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	unsigned long flags;
	void *p = NULL;

	if (!size)
		return NULL;
	if (size > (1UL << KMALLOC_MAX_SHIFT)) {
		unsigned int order = 0;

		while ((PAGE_SIZE << order) < size)
			order++;
		p = alloc_pages(gfp, order);
		if (p) {
			virt_to_page(p)->flags = PG_head;
			virt_to_page(p)->order = order;
		}
		return p;
	}

	unsigned int c = size_class(size);

	spin_lock_irqsave(&slab_lock, flags);
	if (free_lists[c] || refill(c)) {
		struct free_obj *o = free_lists[c];

		free_lists[c] = o->next;
		virt_to_page(o)->objects_in_use++;
		slab_owner_alloc(virt_to_page(o), obj_index(o, c));
		p = o;
	}
	spin_unlock_irqrestore(&slab_lock, flags);
	if (p && (gfp & __GFP_ZERO))
		memset(p, 0, 1UL << (c + KMALLOC_MIN_SHIFT));
	return p;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

size_t ksize(const void *p)
{
	struct page *pg = virt_to_page(p);

	if (pg->flags & PG_slab)
		return 1UL << (pg->order + KMALLOC_MIN_SHIFT);
	return PAGE_SIZE << pg->order;
}

void kfree(const void *p)
{
	struct page *pg;
	unsigned long flags;

	if (!p)
		return;
	pg = virt_to_page(p);
	if (pg->flags & PG_head) {
		pg->flags = 0;
		free_pages((void *)p, pg->order);
		return;
	}
	if (!(pg->flags & PG_slab))
		panic("kfree: %p was not allocated by kmalloc", p);
	spin_lock_irqsave(&slab_lock, flags);
	((struct free_obj *)p)->next = free_lists[pg->order];
	free_lists[pg->order] = (struct free_obj *)p;
	pg->objects_in_use--;
	slab_owner_free(pg, obj_index(p, pg->order));
	spin_unlock_irqrestore(&slab_lock, flags);
}

/*
 * The self-check (mm/selfcheck.c): every free object lies on a slab page of its class, at an
 * object boundary, and per class the free objects plus those in use fill the class's pages
 * exactly. Also counts the slab pages and the objects in use, for the leak figure. Under
 * slab_lock, as kmalloc and kfree.
 */
bool slab_check(char *why, size_t size, unsigned long *pages, unsigned long *in_use)
{
	extern struct zone mem_zone;
	unsigned long free_objs[NR_CLASSES] = { 0 }, used[NR_CLASSES] = { 0 };
	unsigned long npages[NR_CLASSES] = { 0 }, flags;
	bool ok = true;

	*pages = *in_use = 0;
	spin_lock_irqsave(&slab_lock, flags);
	for (unsigned int c = 0; c < NR_CLASSES && ok; c++) {
		size_t objsize = 1UL << (c + KMALLOC_MIN_SHIFT);

		for (struct free_obj *o = free_lists[c]; o; o = o->next) {
			struct page *pg = virt_to_page(o);

			if (!(pg->flags & PG_slab) || pg->order != c ||
			    ((unsigned long)o & (PAGE_SIZE - 1)) % objsize) {
				snprintf(why, size, "class %zu: free object %p on a page of class %u "
					 "(flags %#x) or off its boundary", objsize, o, pg->order, pg->flags);
				ok = false;
				break;
			}
			if (++free_objs[c] > mem_zone.spanned * (PAGE_SIZE / objsize)) {
				snprintf(why, size, "class %zu: the free list loops", objsize);
				ok = false;
				break;
			}
		}
	}
	for (unsigned long i = 0; i < mem_zone.spanned && ok; i++) {
		const struct page *pg = &mem_zone.map[i];

		if (!(pg->flags & PG_slab))
			continue;
		npages[pg->order]++;
		used[pg->order] += pg->objects_in_use;
	}
	for (unsigned int c = 0; c < NR_CLASSES && ok; c++) {
		size_t objsize = 1UL << (c + KMALLOC_MIN_SHIFT);

		if (free_objs[c] + used[c] != npages[c] * (PAGE_SIZE / objsize)) {
			snprintf(why, size, "class %zu: %lu free + %lu in use objects on %lu pages "
				 "of %lu each", objsize, free_objs[c], used[c], npages[c],
				 PAGE_SIZE / objsize);
			ok = false;
		}
		*pages += npages[c];
		*in_use += used[c];
	}
	spin_unlock_irqrestore(&slab_lock, flags);
	return ok;
}

/* Objects in use per class (mm_selfcheck's baseline and verdict: which class grew). */
void kmalloc_in_use(unsigned long in_use[KMALLOC_CLASSES])
{
	extern struct zone mem_zone;
	unsigned long flags;

	memset(in_use, 0, KMALLOC_CLASSES * sizeof(in_use[0]));
	spin_lock_irqsave(&slab_lock, flags);
	for (unsigned long i = 0; i < mem_zone.spanned; i++)
		if (mem_zone.map[i].flags & PG_slab)
			in_use[mem_zone.map[i].order] += mem_zone.map[i].objects_in_use;
	spin_unlock_irqrestore(&slab_lock, flags);
}
