// SPDX-License-Identifier: GPL-2.0
/*
 * mm_selfcheck: a debug command-line word that makes the kernel check its own memory
 * bookkeeping while user programs run, without a syscall (a fuzzer's workers cannot turn it
 * off, nor call it with bad arguments). With it on:
 *
 *   - pid 1's first fork takes the baseline: pages in use outside the kmalloc slabs, and
 *     kmalloc objects in use (slab pages themselves are never given back, so the count of
 *     free pages alone would call every grown slab a leak);
 *   - every process exit, before its memory goes, checks the page allocator (buddy_check),
 *     the kmalloc slabs (slab_check) and the exiting address space's areas (vma_check);
 *   - init's exit checks all three once more and the figures against the baseline, and
 *     prints the verdict in KTAP before the machine powers off (the boot tests read it).
 *
 * Used by the syscall fuzzer's boot cases (tests/boot/cases_fuzz.py, docs/fuzzing.md).
 * Locking: the allocator and slab walks take the interrupt-off sections their alloc/free
 * paths take; an address space's areas are walked under its page_table_lock.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/buddy.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include <linux/spinlock.h>
#include <linux/selfcheck.h>
#include <linux/slab.h>
#include <linux/page_owner.h>
#include <linux/mmu_context.h>
#include <linux/timekeeping.h>

extern struct zone mem_zone;

bool mm_selfcheck_enabled;
static bool baseline_taken;
static unsigned long base_pages, base_objects, base_free, base_slab, base_init_own;
static unsigned long base_classes[KMALLOC_CLASSES];	/* kmalloc objects per size class */
static unsigned long base_owner_seq;	/* CONFIG_PAGE_OWNER: allocations before the baseline */
static unsigned long exits_checked;
/* The first failure of each kind (allocator, slabs, areas), kept for the final verdict. */
static char failure[3][160];

static int selfcheck_setup(char *val)
{
	mm_selfcheck_enabled = true;
	return 0;
}
__setup("mm_selfcheck", selfcheck_setup);

/* Areas sorted, page aligned, non-empty, apart, below task_size, and as many as map_count. */
bool vma_check(struct mm_struct *mm, char *why, size_t size)
{
	unsigned long prev_end = 0;
	int n = 0;
	bool ok = true;

	spin_lock(&mm->page_table_lock);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		if (v->vm_start >= v->vm_end || (v->vm_start | v->vm_end) & ~PAGE_MASK ||
		    v->vm_start < prev_end || v->vm_end > mm->task_size || ++n > MAX_MAP_COUNT) {
			snprintf(why, size, "area %d [%#lx, %#lx) after one ending at %#lx (task_size "
				 "%#lx)", n, v->vm_start, v->vm_end, prev_end, mm->task_size);
			ok = false;
			break;
		}
		prev_end = v->vm_end;
	}
	if (ok && n != mm->map_count) {
		snprintf(why, size, "%d areas listed, map_count says %d", n, mm->map_count);
		ok = false;
	}
	spin_unlock(&mm->page_table_lock);
	return ok;
}

static bool allocator_check(char *why, size_t size)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&mem_zone_lock, flags);
	ok = buddy_check(&mem_zone, why, size);
	spin_unlock_irqrestore(&mem_zone_lock, flags);
	return ok;
}

/*
 * Pages only pid 1's address space holds: mapped there with no other reference (its
 * anonymous pages and private copies). init may touch a page of its own for the first time
 * after the baseline (the fuzzer's parent does when its cleanup first reads a folder two
 * levels deep into a buffer not yet faulted in): its memory grew, none leaked. So these
 * are counted apart, at the baseline and at the end. A page of init's with a reference too
 * many still counts as in use, and shows.
 */
static unsigned long last_slab_pages, last_init_own;

static unsigned long init_own_pages(struct mm_struct *mm)
{
	unsigned long n = 0;

	spin_lock(&mm->page_table_lock);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		if (v->vm_flags & VM_PFNMAP)
			continue;		/* borrowed frames (the vDSO): not the allocator's */
		for (unsigned long va = v->vm_start; va < v->vm_end; va += PAGE_SIZE) {
			phys_addr_t pa = user_page_phys(mm, va);

			if (pa && pfn_valid(PFN_DOWN(pa)) && page_count(phys_to_page(pa)) == 1)
				n++;
		}
	}
	spin_unlock(&mm->page_table_lock);
	return n;
}

/* Pages in use outside the slabs, and slab objects in use; false if the slabs are broken. */
static bool usage(unsigned long *pages, unsigned long *objects, char *why, size_t size)
{
	if (!slab_check(why, size, &last_slab_pages, objects))
		return false;
	/* Not counted: slab pages, a debug build's owner records beside them, and init's own. */
	last_init_own = current->tgid == 1 && current->mm ? init_own_pages(current->mm) : 0;
	*pages = mem_zone.managed_pages - nr_free_pages() - last_slab_pages - page_owner_pages() -
		 last_init_own;
	return true;
}

static void record(int kind, const char *who, const char *why)
{
	if (failure[kind][0])
		return;
	snprintf(failure[kind], sizeof(failure[kind]), "%s: %s", who, why);
	pr_err("mm_selfcheck: %s\n", failure[kind]);
}

void mm_selfcheck_fork(void)
{
	char why[160];

	if (baseline_taken || current->tgid != 1 || !current->mm)
		return;
	if (usage(&base_pages, &base_objects, why, sizeof(why))) {
		baseline_taken = true;
		base_free = nr_free_pages();
		base_slab = last_slab_pages;
		base_init_own = last_init_own;
		kmalloc_in_use(base_classes);
		base_owner_seq = page_owner_seq();
	}
	else
		record(1, "at the baseline", why);
}

void mm_selfcheck_exit(struct task_struct *t)
{
	char why[160];
	unsigned long pages, objects;

	exits_checked++;
	if (!allocator_check(why, sizeof(why)))
		record(0, t->comm, why);
	if (!usage(&pages, &objects, why, sizeof(why)))
		record(1, t->comm, why);
	if (t->mm && !vma_check(t->mm, why, sizeof(why)))
		record(2, t->comm, why);
}

/*
 * Memory not back to the baseline: which kmalloc classes differ, and, in a CONFIG_PAGE_OWNER
 * build, the pages and objects allocated since the baseline and still held, by their
 * allocating functions (printed as KTAP diagnostics, before the verdict's line).
 */
static void explain_difference(void)
{
	unsigned long now[KMALLOC_CLASSES];

	kmalloc_in_use(now);
	for (int c = 0; c < KMALLOC_CLASSES; c++)
		if (now[c] != base_classes[c])
			pr_notice("# kmalloc-%lu: %lu objects in use (baseline %lu)\n",
				  kmalloc_class_size(c), now[c], base_classes[c]);
	if (IS_ENABLED(CONFIG_PAGE_OWNER))
		page_owner_report(base_owner_seq, 20);
	else
		pr_notice("# (a CONFIG_PAGE_OWNER=y kernel names what was allocated since)\n");
}

/* init's exit: the last check and the verdict, in KTAP. */
void mm_selfcheck_report(void)
{
	static const char *const names[3] = { "page_allocator_consistent", "slabs_consistent",
					       "vmas_consistent" };
	unsigned long pages = 0, objects = 0;
	char why[160];
	int failed = 0;
	bool counted;

	mm_selfcheck_exit(current);
	/*
	 * With more than one CPU the last exits may still be finishing elsewhere: a thread
	 * wakes its joiner (CLONE_CHILD_CLEARTID) before its own CPU switches away from it
	 * and drops its task and stack. Look again, for at most a second (the clock, not
	 * jiffies: interrupts may be off here), until the counts are back or time is up.
	 */
	u64 deadline = ktime_get_ns() + 1000000000ULL;

	do {
		counted = usage(&pages, &objects, why, sizeof(why));
		if (!baseline_taken || (counted && pages == base_pages && objects == base_objects))
			break;
		cpu_relax();
	} while (num_online_cpus() > 1 && ktime_get_ns() < deadline);
	pr_notice("KTAP version 1\n1..4\n");
	for (int k = 0; k < 3; k++) {
		failed += !!failure[k][0];
		pr_notice("%sok %d %s # %lu exits checked%s%s\n", failure[k][0] ? "not " : "", k + 1,
			  names[k], exits_checked, failure[k][0] ? "; first failure: " : "",
			  failure[k]);
	}
	if (!baseline_taken) {
		pr_notice("ok 4 memory_back_to_baseline # SKIP init never forked\n");
	} else {
		bool back = counted && pages == base_pages && objects == base_objects;

		failed += !back;
		if (!back)
			explain_difference();
		pr_notice("%sok 4 memory_back_to_baseline # pages in use %lu (baseline %lu), "
			  "kmalloc objects %lu (baseline %lu), free pages %lu (baseline %lu), slab "
			  "pages %lu (baseline %lu), init's own %lu (baseline %lu)\n",
			  back ? "" : "not ", pages, base_pages, objects, base_objects, nr_free_pages(),
			  base_free, last_slab_pages, base_slab, last_init_own, base_init_own);
	}
	pr_notice("# mm_selfcheck: %d passed, %d failed\n", 4 - failed, failed);
}
