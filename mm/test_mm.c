// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the page allocator, kmalloc, kernel stacks and user address spaces
 * (KTAP, "ktest=mm").
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <asm/thread_info.h>
#include <asm/processor.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/errno.h>

KTEST(mm, pages_alloc_free_restores_count)
{
	unsigned long before = nr_free_pages();
	void *p[8];

	for (int i = 0; i < 8; i++) {
		p[i] = alloc_pages(GFP_KERNEL, i % 4);
		KTEST_EXPECT(t, p[i] != NULL);
		KTEST_EXPECT(t, IS_ALIGNED((unsigned long)p[i], PAGE_SIZE << (i % 4)));
	}
	KTEST_EXPECT(t, nr_free_pages() < before);
	for (int i = 0; i < 8; i++)
		free_pages(p[i], i % 4);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

KTEST(mm, zeroed_page_is_zero)
{
	unsigned char *p = alloc_pages(GFP_KERNEL, 0);

	KTEST_EXPECT(t, p != NULL);
	memset(p, 0xa5, PAGE_SIZE);
	free_page(p);
	p = get_zeroed_page();
	KTEST_EXPECT(t, p != NULL);
	for (unsigned i = 0; i < PAGE_SIZE; i++)
		if (p[i]) {
			KTEST_EXPECT(t, p[i] == 0);
			break;
		}
	free_page(p);
}

KTEST(mm, kmalloc_sizes_and_reuse)
{
	static const size_t sizes[] = { 1, 16, 17, 100, 512, 2048, 2049, 10000 };

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		char *a = kmalloc(sizes[i], GFP_KERNEL);

		KTEST_EXPECT(t, a != NULL);
		KTEST_EXPECT(t, ksize(a) >= sizes[i]);
		memset(a, 0x5a, sizes[i]);
		kfree(a);
	}
	void *x = kmalloc(64, GFP_KERNEL);
	kfree(x);
	KTEST_EXPECT(t, kmalloc(64, GFP_KERNEL) == x);	/* freed object comes back first */
	kfree(x);
	KTEST_EXPECT(t, kzalloc(0, GFP_KERNEL) == NULL);
}

KTEST(mm, kernel_stack_has_guard)
{
	char *s = alloc_kernel_stack();

	KTEST_EXPECT(t, s != NULL);
	KTEST_EXPECT(t, IS_ALIGNED((unsigned long)s, 2 * THREAD_SIZE));
	s[0] = 1;
	s[THREAD_SIZE - 1] = 1;		/* whole stack is mapped */
	KTEST_EXPECT(t, kernel_stack_guard_hit((unsigned long)s - 1));
	KTEST_EXPECT(t, !kernel_stack_guard_hit((unsigned long)s));
	free_kernel_stack(s);
}

KTEST(mm, vmalloc_roundtrip)
{
	vfree(vmalloc(1));	/* the first use may allocate page-table pages for good */
	unsigned long before = nr_free_pages();
	char *v = vmalloc(3 * PAGE_SIZE + 5);

	KTEST_EXPECT(t, v != NULL);
	KTEST_EXPECT(t, is_vmalloc_addr((unsigned long)v));
	memset(v, 1, 3 * PAGE_SIZE + 5);
	vfree(v);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
}

/* An mm with three areas, made and dropped, so the slab holds room for as many again. */
static void warm_slab(void)
{
	struct mm_struct *mm = mm_alloc(TASK_SIZE_MAX);

	if (!mm)
		return;
	for (unsigned long i = 0; i < 3; i++)
		mm_reserve_anon(mm, 0x400000 + 2 * i * PAGE_SIZE, PAGE_SIZE, VM_READ);
	mmput(mm);
}

/*
 * Whatever a user mm takes comes back: pages and page tables after munmap, everything a
 * failed populate took, and all of it at mmput. (A slab keeps its pages once it has them, so
 * the structures are allocated once before the first count.)
 */
KTEST(mm, user_mm_gives_back_every_page)
{
	unsigned long before_mm, before, far = 1UL << 40;
	struct mm_struct *mm;

	warm_slab();
	before_mm = nr_free_pages();
	mm = mm_alloc(TASK_SIZE_MAX);
	if (!mm) {
		t->failed = 1;
		return;
	}
	KTEST_EXPECT_EQ(t, mm_reserve_anon(mm, 0x400000, PAGE_SIZE, VM_READ), 0);
	before = nr_free_pages();
	/* 3 pages at a far address: 3 frames and the 3 tables below the root. */
	KTEST_EXPECT_EQ(t, mm_map_anon(mm, far, 3 * PAGE_SIZE, VM_READ | VM_WRITE), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before - 6);
	KTEST_EXPECT_EQ(t, mm_unmap(mm, far, far + 3 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	/* More than there is: -ENOMEM, and nothing kept. */
	KTEST_EXPECT_EQ(t, mm_map_anon(mm, far, (before + 16) * PAGE_SIZE, VM_READ | VM_WRITE),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_EXPECT(t, !user_page_phys(mm, far) && mm_range_free(mm, far, far + PAGE_SIZE));
	/* munmap of the whole user range costs what is mapped: it returns at once. */
	KTEST_EXPECT_EQ(t, mm_unmap(mm, 0, TASK_SIZE_MAX), 0);
	KTEST_EXPECT(t, mm->mmap == NULL && mm->map_count == 0);
	mmput(mm);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before_mm);
}

/* Areas are capped (MAX_MAP_COUNT): past it a new area or a split is -ENOMEM. */
KTEST(mm, user_areas_are_capped)
{
	struct mm_struct *mm = mm_alloc(TASK_SIZE_MAX);
	unsigned long base = 0x10000000;

	if (!mm) {
		t->failed = 1;
		return;
	}
	KTEST_EXPECT_EQ(t, mm_reserve_anon(mm, base, 4 * PAGE_SIZE, VM_READ), 0);
	mm->map_count = MAX_MAP_COUNT;		/* as if the program had made that many */
	KTEST_EXPECT_EQ(t, mm_reserve_anon(mm, base + 8 * PAGE_SIZE, PAGE_SIZE, VM_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, mm_unmap(mm, base + PAGE_SIZE, base + 2 * PAGE_SIZE), -ENOMEM);
	KTEST_EXPECT_EQ(t, mm_protect(mm, base + PAGE_SIZE, base + 2 * PAGE_SIZE, VM_WRITE), -ENOMEM);
	KTEST_EXPECT(t, mm->mmap && mm->mmap->vm_start == base &&
		     mm->mmap->vm_end == base + 4 * PAGE_SIZE && !mm->mmap->vm_next);
	mm->map_count = 1;
	KTEST_EXPECT_EQ(t, mm_unmap(mm, base + PAGE_SIZE, base + 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	mmput(mm);
}

/* Take every free page but 'left', as a list threaded through the pages themselves. */
static void *hold_all_but(unsigned long left)
{
	void **list = NULL;

	while (nr_free_pages() > left) {
		void **page = alloc_pages(GFP_KERNEL, 0);

		if (!page)
			break;
		*page = list;
		list = page;
	}
	return list;
}

static void release_held(void *list)
{
	while (list) {
		void *next = *(void **)list;

		free_page(list);
		list = next;
	}
}

/*
 * A populate that runs out of memory while making the tables of a new 1 GiB gives back the
 * tables it made. With 6 pages left, the page below the boundary takes its frame and three
 * tables, the page above it its frame and a new level-2 table, and its level-3 table is the
 * allocation that fails. (The level-2 table used to stay linked and empty, and kept its
 * level-1 table too, until mmput: 2 pages per failure.)
 */
KTEST(mm, failed_populate_frees_the_tables_it_made)
{
	unsigned long va = (1UL << 40) + (1UL << 30) - PAGE_SIZE, left;
	struct mm_struct *mm;
	void *held;

	warm_slab();
	mm = mm_alloc(TASK_SIZE_MAX);
	if (!mm) {
		t->failed = 1;
		return;
	}
	held = hold_all_but(6);
	left = nr_free_pages();
	KTEST_EXPECT_EQ(t, left, 6);
	KTEST_EXPECT_EQ(t, mm_map_anon(mm, va, 2 * PAGE_SIZE, VM_READ | VM_WRITE), -ENOMEM);
	KTEST_EXPECT_EQ(t, nr_free_pages(), left);
	KTEST_EXPECT(t, !user_page_phys(mm, va) && mm_range_free(mm, va, va + 2 * PAGE_SIZE));
	release_held(held);
	mmput(mm);
}

/* clear_page/copy_page (rep stosq/movsq, DC ZVA, ldp/stp) do a whole page and no more. */
KTEST(mm, clear_and_copy_page_stay_in_their_page)
{
	unsigned char *p = alloc_pages(GFP_KERNEL, 2), *a, *b, *after;
	bool ok = true;

	if (!p) {
		t->failed = 1;
		return;
	}
	a = p;
	b = p + PAGE_SIZE;
	after = p + 2 * PAGE_SIZE;
	memset(p, 0x5a, 4 * PAGE_SIZE);
	clear_page(a);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		ok &= a[i] == 0 && b[i] == 0x5a;
	KTEST_EXPECT(t, ok);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		b[i] = (unsigned char)(i * 7 + 3);
	copy_page(after, b);
	ok = !memcmp(after, b, PAGE_SIZE);
	for (unsigned int i = 0; i < PAGE_SIZE; i++)
		ok &= after[PAGE_SIZE + i] == 0x5a && a[i] == 0;
	KTEST_EXPECT(t, ok);
	free_pages(p, 2);
}
