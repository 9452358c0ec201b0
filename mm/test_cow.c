// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "cow": fork's address-space copy (dup_mm) and copy-on-write, without fork
 * itself. Each test builds a parent mm, copies it, writes into both (through
 * handle_mm_fault() as a user write fault would, and through copy_to_user() with the copy
 * loaded, which takes the real fault path of a kernel write into a copy-on-write page), and
 * checks what each side sees, the page reference counts, and that the free-page count is
 * back where it started once both are gone.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <asm/processor.h>

#define A	0x10000000UL		/* a private read-write area of NPAGES */
#define S	0x20000000UL		/* a shared (MAP_SHARED) one */
#define R	0x30000000UL		/* a read-only one */
#define NPAGES	3
#define RW	(VM_READ | VM_WRITE)

static u8 *kaddr(struct mm_struct *mm, unsigned long va)
{
	phys_addr_t pa = user_page_phys(mm, va);

	return pa ? __va(pa) : NULL;
}

static int count_of(struct mm_struct *mm, unsigned long va)
{
	phys_addr_t pa = user_page_phys(mm, va);

	return pa ? page_count(phys_to_page(pa)) : -1;
}

/* A parent with a private, a shared and a read-only area, every page filled with its tag. */
static struct mm_struct *make_parent(void)
{
	struct mm_struct *mm = mm_alloc(TASK_SIZE_MAX);

	if (!mm)
		return NULL;
	if (mm_map_anon(mm, A, NPAGES * PAGE_SIZE, RW) ||
	    mm_map_anon(mm, S, PAGE_SIZE, RW | VM_SHARED) ||
	    mm_map_anon(mm, R, PAGE_SIZE, VM_READ)) {
		mmput(mm);
		return NULL;
	}
	for (int i = 0; i < NPAGES; i++)
		memset(kaddr(mm, A + i * PAGE_SIZE), 'a' + i, PAGE_SIZE);
	memset(kaddr(mm, S), 's', PAGE_SIZE);
	memset(kaddr(mm, R), 'r', PAGE_SIZE);
	return mm;
}

/* The slab keeps pages it once had: make and drop one copy before counting free pages. */
static void warm_up(struct mm_struct *parent)
{
	struct mm_struct *c = dup_mm(parent);

	if (c)
		mmput(c);
	for (int i = 0; i < NPAGES; i++)	/* dup_mm left the parent's pages read-only */
		handle_mm_fault(parent, A + i * PAGE_SIZE, FAULT_FLAG_WRITE);
}

static struct mm_struct *saved_mm;

static void enter_mm(struct mm_struct *mm)
{
	saved_mm = current->mm;
	current->mm = mm;
	switch_mm(saved_mm, mm);
}

static void leave_mm(struct mm_struct *mm)
{
	current->mm = saved_mm;
	switch_mm(mm, saved_mm);
}

KTEST(cow, fork_shares_then_copies_on_write)
{
	struct mm_struct *parent = make_parent(), *child;
	unsigned long before;
	phys_addr_t pa;
	u8 c = 0;

	if (!parent) {
		t->failed = 1;
		return;
	}
	warm_up(parent);
	before = nr_free_pages();
	child = dup_mm(parent);
	KTEST_EXPECT(t, child != NULL);
	if (!child) {
		mmput(parent);
		return;
	}
	/* Every page is the parent's own frame, counted twice. */
	pa = user_page_phys(parent, A);
	KTEST_EXPECT_EQ(t, user_page_phys(child, A), pa);
	KTEST_EXPECT_EQ(t, count_of(parent, A), 2);
	KTEST_EXPECT_EQ(t, count_of(parent, R), 2);
	KTEST_EXPECT_EQ(t, child->map_count, parent->map_count);

	/* The child writes first: it gets a copy, the parent keeps its frame. */
	KTEST_EXPECT_EQ(t, handle_mm_fault(child, A, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT(t, user_page_phys(child, A) != pa);
	KTEST_EXPECT_EQ(t, user_page_phys(parent, A), pa);
	KTEST_EXPECT_EQ(t, kaddr(child, A)[100], 'a');		/* the copy has the data */
	kaddr(child, A)[100] = 'C';
	KTEST_EXPECT_EQ(t, kaddr(parent, A)[100], 'a');
	KTEST_EXPECT_EQ(t, count_of(parent, A), 1);
	KTEST_EXPECT_EQ(t, count_of(child, A), 1);
	/* The parent's next write finds the page its own: made writable, not copied. */
	KTEST_EXPECT_EQ(t, handle_mm_fault(parent, A, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, user_page_phys(parent, A), pa);
	KTEST_EXPECT_EQ(t, child->cow_pages, 1);
	KTEST_EXPECT_EQ(t, parent->cow_pages, 0);

	/* A kernel write (put_user) into the child's second page copies it too. */
	enter_mm(child);
	KTEST_EXPECT_EQ(t, put_user((u8)'K', (u8 __user *)(A + PAGE_SIZE + 7)), 0);
	KTEST_EXPECT_EQ(t, get_user(c, (u8 __user *)(A + PAGE_SIZE + 7)), 0);
	KTEST_EXPECT_EQ(t, c, 'K');
	KTEST_EXPECT_EQ(t, get_user(c, (u8 __user *)(A + PAGE_SIZE + 8)), 0);
	KTEST_EXPECT_EQ(t, c, 'b');
	/* ... and one into the read-only area is refused, not copied. */
	KTEST_EXPECT_EQ(t, put_user((u8)'K', (u8 __user *)R), -EFAULT);
	leave_mm(child);
	KTEST_EXPECT_EQ(t, kaddr(parent, A + PAGE_SIZE)[7], 'b');
	KTEST_EXPECT_EQ(t, kaddr(child, A + PAGE_SIZE)[7], 'K');
	KTEST_EXPECT_EQ(t, child->cow_pages, 2);
	KTEST_EXPECT_EQ(t, kaddr(child, R)[0], 'r');

	/* The third page is still shared; the child goes first, the parent's count is 1 again. */
	KTEST_EXPECT_EQ(t, count_of(parent, A + 2 * PAGE_SIZE), 2);
	mmput(child);
	KTEST_EXPECT_EQ(t, count_of(parent, A + 2 * PAGE_SIZE), 1);
	KTEST_EXPECT_EQ(t, count_of(parent, R), 1);
	for (int i = 0; i < NPAGES; i++)
		handle_mm_fault(parent, A + i * PAGE_SIZE, FAULT_FLAG_WRITE);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	mmput(parent);
}

KTEST(cow, shared_anonymous_memory_stays_shared)
{
	struct mm_struct *parent = make_parent(), *child;
	phys_addr_t pa;

	if (!parent) {
		t->failed = 1;
		return;
	}
	child = dup_mm(parent);
	KTEST_EXPECT(t, child != NULL);
	if (!child) {
		mmput(parent);
		return;
	}
	pa = user_page_phys(parent, S);
	KTEST_EXPECT_EQ(t, user_page_phys(child, S), pa);
	KTEST_EXPECT_EQ(t, count_of(parent, S), 2);
	/* Written from the child (a user copy, so through the fault path if it faults)... */
	enter_mm(child);
	KTEST_EXPECT_EQ(t, put_user((u8)'X', (u8 __user *)(S + 1)), 0);
	leave_mm(child);
	/* ... the same frame, seen by the parent. */
	KTEST_EXPECT_EQ(t, user_page_phys(child, S), pa);
	KTEST_EXPECT_EQ(t, kaddr(parent, S)[1], 'X');
	KTEST_EXPECT_EQ(t, handle_mm_fault(parent, S, FAULT_FLAG_WRITE), 0);
	KTEST_EXPECT_EQ(t, user_page_phys(parent, S), pa);
	KTEST_EXPECT_EQ(t, child->cow_pages + parent->cow_pages, 0);
	/* mprotect of the private area back to writable keeps its shared pages read-only. */
	KTEST_EXPECT_EQ(t, mm_protect(parent, A, A + PAGE_SIZE, VM_READ), 0);
	KTEST_EXPECT_EQ(t, mm_protect(parent, A, A + PAGE_SIZE, RW), 0);
	enter_mm(parent);
	KTEST_EXPECT_EQ(t, put_user((u8)'P', (u8 __user *)A), 0);
	leave_mm(parent);
	KTEST_EXPECT_EQ(t, kaddr(child, A)[0], 'a');
	KTEST_EXPECT_EQ(t, parent->cow_pages, 1);
	mmput(child);
	KTEST_EXPECT_EQ(t, count_of(parent, S), 1);
	mmput(parent);
}

/* The vDSO's kind of area: kernel frames that the copy maps the same, never counted. */
KTEST(cow, borrowed_pages_are_mapped_not_counted)
{
	struct mm_struct *parent = mm_alloc(TASK_SIZE_MAX), *child = NULL;
	void *kpage = get_zeroed_page();
	unsigned long va = 0x40000000UL;

	if (!parent || !kpage)
		goto out;
	KTEST_EXPECT_EQ(t, mm_add_special(parent, va, va + PAGE_SIZE, VM_READ | VM_EXEC, "[vdso]"), 0);
	KTEST_EXPECT_EQ(t, map_user_page(parent, va, __pa(kpage), VM_READ | VM_EXEC), 0);
	child = dup_mm(parent);
	KTEST_EXPECT(t, child != NULL);
	if (child)
		KTEST_EXPECT_EQ(t, user_page_phys(child, va), __pa(kpage));
	KTEST_EXPECT_EQ(t, page_count(virt_to_page(kpage)), 1);
	KTEST_EXPECT_EQ(t, handle_mm_fault(parent, va, FAULT_FLAG_WRITE), -EFAULT);
out:
	if (child)
		mmput(child);
	if (parent)
		mmput(parent);
	KTEST_EXPECT_EQ(t, kpage ? page_count(virt_to_page(kpage)) : 1, 1);
	if (kpage)
		free_page(kpage);
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
 * With k pages left, for every k from none to enough: dup_mm() either succeeds or returns
 * NULL, and in both cases, once the copy is gone, the free-page count is where it was and
 * every page of the parent is counted once.
 */
KTEST(cow, dup_mm_out_of_memory_keeps_nothing)
{
	struct mm_struct *parent = make_parent(), *child;
	int failures = 0, successes = 0;

	if (!parent) {
		t->failed = 1;
		return;
	}
	warm_up(parent);
	for (unsigned long k = 0; k <= 16 && !t->failed; k++) {
		void *held = hold_all_but(k);
		unsigned long left = nr_free_pages();

		child = dup_mm(parent);
		if (child) {
			successes++;
			mmput(child);
		} else {
			failures++;
		}
		KTEST_EXPECT_EQ(t, nr_free_pages(), left);
		for (int i = 0; i < NPAGES; i++)
			KTEST_EXPECT_EQ(t, count_of(parent, A + i * PAGE_SIZE), 1);
		KTEST_EXPECT_EQ(t, count_of(parent, S), 1);
		release_held(held);
		if (t->failed)
			printk(KERN_ERR "    # %lu pages left\n", k);
	}
	KTEST_EXPECT(t, failures > 0 && successes > 0);	/* both paths were taken */
	/* The parent still works: its pages are writable again on the first write. */
	KTEST_EXPECT_EQ(t, handle_mm_fault(parent, A, FAULT_FLAG_WRITE), 0);
	mmput(parent);
}

/* CLONE_VM: users share one mm; only the last mmput() frees it. */
KTEST(cow, mm_users_last_put_frees)
{
	struct mm_struct *mm = make_parent();
	unsigned long before;

	if (!mm) {
		t->failed = 1;
		return;
	}
	mmput(make_parent());		/* the slab's pages for a second mm */
	before = nr_free_pages();
	mmget(mm);
	KTEST_EXPECT_EQ(t, mm->mm_users, 2);
	mmput(mm);
	KTEST_EXPECT_EQ(t, mm->mm_users, 1);
	KTEST_EXPECT_EQ(t, kaddr(mm, A)[0], 'a');	/* still there */
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	mmput(mm);
	KTEST_EXPECT(t, nr_free_pages() > before);
}

/*
 * Many copies, each written and dropped, as fork+exit+wait would: the free-page count comes
 * back exactly, and switching between the two address spaces each time (ASIDs on arm64)
 * never shows one the other's page.
 */
KTEST(cow, thousand_copies_give_every_page_back)
{
	struct mm_struct *parent = make_parent(), *child;
	unsigned long before;
	u8 c;

	if (!parent) {
		t->failed = 1;
		return;
	}
	warm_up(parent);
	before = nr_free_pages();
	for (int i = 0; i < 1000 && !t->failed; i++) {
		child = dup_mm(parent);
		KTEST_EXPECT(t, child != NULL);
		if (!child)
			break;
		enter_mm(child);
		KTEST_EXPECT_EQ(t, put_user((u8)i, (u8 __user *)(A + 5)), 0);
		leave_mm(child);
		enter_mm(parent);
		KTEST_EXPECT_EQ(t, get_user(c, (u8 __user *)(A + 5)), 0);
		KTEST_EXPECT_EQ(t, c, 'a');
		leave_mm(parent);
		enter_mm(child);
		KTEST_EXPECT_EQ(t, get_user(c, (u8 __user *)(A + 5)), 0);
		KTEST_EXPECT_EQ(t, c, (u8)i);
		leave_mm(child);
		mmput(child);
		KTEST_EXPECT_EQ(t, count_of(parent, A), 1);
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	mmput(parent);
}
