// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of mm_selfcheck's checks (mm/selfcheck.c, "ktest=selfcheck"): each passes
 * on this kernel's own state and fails on a fault put there on purpose (then taken away),
 * so a check that always said yes would be caught. The buddy check's own cases run on the
 * host (tests/unit/test_buddy.c).
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/mm_types.h>
#include <linux/selfcheck.h>

KTEST(selfcheck, slab_check_passes_and_catches_a_miscount)
{
	unsigned long pages, objects;
	char why[160] = "";
	void *p = kmalloc(64, GFP_KERNEL);

	KTEST_EXPECT(t, p != NULL);
	KTEST_EXPECT(t, slab_check(why, sizeof(why), &pages, &objects));
	KTEST_EXPECT(t, pages > 0 && objects > 0);
	virt_to_page(p)->objects_in_use++;		/* one object counted twice */
	KTEST_EXPECT(t, !slab_check(why, sizeof(why), &pages, &objects));
	KTEST_EXPECT(t, strstr(why, "in use") != NULL);
	virt_to_page(p)->objects_in_use--;
	KTEST_EXPECT(t, slab_check(why, sizeof(why), &pages, &objects));
	kfree(p);
}

KTEST(selfcheck, vma_check_passes_and_catches_overlap)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);
	struct vm_area_struct a = { 0x10000, 0x20000 }, b = { 0x30000, 0x40000 };
	char why[160] = "";

	KTEST_EXPECT(t, mm != NULL);
	if (!mm)
		return;
	spin_lock_init(&mm->page_table_lock);
	mm->task_size = 0x100000;
	mm->mmap = &a;
	a.vm_next = &b;
	mm->map_count = 2;
	KTEST_EXPECT(t, vma_check(mm, why, sizeof(why)));
	b.vm_start = 0x18000;				/* b now starts inside a */
	KTEST_EXPECT(t, !vma_check(mm, why, sizeof(why)));
	b.vm_start = 0x30000;
	mm->map_count = 3;				/* one area more than listed */
	KTEST_EXPECT(t, !vma_check(mm, why, sizeof(why)));
	KTEST_EXPECT(t, strstr(why, "map_count") != NULL);
	kfree(mm);
}
