// SPDX-License-Identifier: GPL-2.0
/*
 * CONFIG_PAGE_OWNER: a record per allocated page and per kmalloc object of when it was
 * allocated (a running count) and the return addresses above the allocator, so that
 * mm_selfcheck's verdict can list what was allocated after its baseline and is still held
 * (the leak's candidates) by the function that allocated it. A debug build's tool, as
 * Linux's page_owner: struct page grows by a record, and each slab page gets a block of
 * records beside it (counted apart, so the leak figures stay those of a normal build).
 *
 * The return addresses come from the frame records (-fno-omit-frame-pointer): on x86_64 and
 * arm64 alike the frame pointer points at { caller's frame pointer, return address }.
 * Interrupts are off around each update (the callers' own sections, or ours).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/buddy.h>
#include <linux/page_owner.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/slab.h>

extern struct zone mem_zone;

static unsigned long clock;		/* allocations recorded so far */
static unsigned long record_pages;	/* pages holding the slabs' records */

/*
 * Fill ip[] with the return addresses above the allocator. The hooks pass skip = 2: the
 * first frame record (owner_fill's) holds the return into the hook, the second (the
 * hook's) the return into alloc_pages or kmalloc; the third is the allocator's caller.
 * Stops at a frame pointer that does not climb the same stack.
 */
static noinline void owner_fill(struct alloc_owner *o, int skip)
{
	unsigned long *fp = __builtin_frame_address(0);
	int n = 0;

	o->seq = ++clock;
	memset(o->ip, 0, sizeof(o->ip));
	while (n < OWNER_DEPTH && fp && !((unsigned long)fp & 7)) {
		unsigned long *next = (unsigned long *)fp[0];

		if (skip > 0)
			skip--;
		else
			o->ip[n++] = fp[1];
		if (next <= fp || (unsigned long)next - (unsigned long)fp >= THREAD_SIZE)
			break;
		fp = next;
	}
}

/* noinline, as slab_owner_alloc: owner_fill's skip counts their frames. */
noinline void page_owner_alloc(struct page *p, unsigned int order)
{
	owner_fill(&p->owner, 2);
	for (unsigned long i = 1; i < (1UL << order); i++)
		p[i].owner = p->owner;
}

void page_owner_free(struct page *p, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		p[i].owner.seq = 0;
}

/* A new slab page of `objects` objects: its records, from the page allocator directly. */
bool slab_owner_attach(struct page *p, unsigned int objects)
{
	size_t bytes = objects * sizeof(struct alloc_owner);
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	p->objects = alloc_pages(__GFP_ZERO, order);
	if (!p->objects)
		return false;
	page_owner_free(virt_to_page(p->objects), order);	/* not a candidate itself */
	record_pages += 1UL << order;
	return true;
}

noinline void slab_owner_alloc(struct page *p, unsigned int index)
{
	owner_fill(&p->objects[index], 2);
}

void slab_owner_free(struct page *p, unsigned int index)
{
	p->objects[index].seq = 0;
}

unsigned long page_owner_seq(void)
{
	return clock;
}

unsigned long page_owner_pages(void)
{
	return record_pages;
}

static void print_owner(const char *what, unsigned long addr, const struct alloc_owner *o)
{
	pr_notice("# owner: %s %#lx allocated %lu: %pS <- %pS <- %pS <- %pS\n", what, addr, o->seq,
		  (void *)o->ip[0], (void *)o->ip[1], (void *)o->ip[2], (void *)o->ip[3]);
}

/* Every page and object allocated after `since` and still held (up to max of each). */
void page_owner_report(unsigned long since, int max)
{
	int pages = 0, objects = 0;
	unsigned long flags;

	/* At init's exit, the last task: the zone lock keeps the page records still. */
	spin_lock_irqsave(&mem_zone_lock, flags);
	for (unsigned long i = 0; i < mem_zone.spanned; i++) {
		struct page *pg = &mem_zone.map[i];
		unsigned long pfn = mem_zone.start_pfn + i;

		if (pg->flags & PG_slab) {
			size_t size = ksize(__va(PFN_PHYS(pfn)));

			for (unsigned int k = 0; k < PAGE_SIZE / size; k++)
				if (pg->objects[k].seq > since && objects++ < max)
					print_owner("object", (unsigned long)__va(PFN_PHYS(pfn)) +
						    k * size, &pg->objects[k]);
		} else if (pg->owner.seq > since && (i == 0 || pg[-1].owner.seq != pg->owner.seq)) {
			if (pages++ < max)
				print_owner("page", pfn, &pg->owner);
		}
	}
	spin_unlock_irqrestore(&mem_zone_lock, flags);
	pr_notice("# owner: %d page blocks and %d kmalloc objects allocated after the baseline "
		  "are held\n", pages, objects);
}
