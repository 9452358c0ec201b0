// SPDX-License-Identifier: GPL-2.0
/* In-kernel tests of the page allocator, kmalloc and kernel stacks (KTAP, "ktest=mm"). */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <asm/thread_info.h>

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
