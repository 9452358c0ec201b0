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

extern struct zone mem_zone;

bool mm_selfcheck_enabled;
static bool baseline_taken;
static unsigned long base_pages, base_objects, base_free, base_slab;
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

	local_irq_save(flags);
	ok = buddy_check(&mem_zone, why, size);
	local_irq_restore(flags);
	return ok;
}

/* Pages in use outside the slabs, and slab objects in use; false if the slabs are broken. */
static unsigned long last_slab_pages;

static bool usage(unsigned long *pages, unsigned long *objects, char *why, size_t size)
{
	if (!slab_check(why, size, &last_slab_pages, objects))
		return false;
	*pages = mem_zone.managed_pages - nr_free_pages() - last_slab_pages;
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
	counted = usage(&pages, &objects, why, sizeof(why));
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
		pr_notice("%sok 4 memory_back_to_baseline # pages in use %lu (baseline %lu), "
			  "kmalloc objects %lu (baseline %lu), free pages %lu (baseline %lu), slab "
			  "pages %lu (baseline %lu)\n", back ? "" : "not ", pages, base_pages, objects,
			  base_objects, nr_free_pages(), base_free, last_slab_pages, base_slab);
	}
	pr_notice("# mm_selfcheck: %d passed, %d failed\n", 4 - failed, failed);
}
