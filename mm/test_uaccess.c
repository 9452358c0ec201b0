// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "uaccess": copy_from_user / copy_to_user / clear_user against a real user
 * page with nothing mapped after it. For every start a few bytes before the end of the page
 * and every length, the copy must move exactly the reachable bytes, report exactly how many
 * it did not copy, and (copy_from_user) zero the rest of the kernel buffer. The arch copy
 * loops move words and fall back to bytes on a fault; this is where an off-by-one in a fixup
 * would show.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

#define UBASE	0x10000000UL		/* one user page here, none after it */
#define MAXLEN	544		/* past two arm64 256-byte steps, a 32-byte step and the 8-byte loop */
#define MAXOFF	288		/* every fault position within a 256-byte step, and past one */

static struct mm_struct *old_mm;

/* Make a throwaway address space current: one read-write page at UBASE. */
static struct mm_struct *enter_test_mm(struct ktest_ctx *t)
{
	struct mm_struct *mm = mm_alloc(TASK_SIZE_MAX);

	if (!mm || mm_map_anon(mm, UBASE, PAGE_SIZE, VM_READ | VM_WRITE)) {
		t->failed = 1;
		if (mm)
			mmput(mm);
		return NULL;
	}
	old_mm = current->mm;
	current->mm = mm;
	switch_mm(old_mm, mm);
	return mm;
}

static void leave_test_mm(struct mm_struct *mm)
{
	current->mm = old_mm;
	switch_mm(mm, old_mm);
	mmput(mm);
}

static u8 pattern(unsigned long i)
{
	return (u8)(i * 13 + 7);
}

KTEST(uaccess, copy_from_user_stops_at_unmapped_page)
{
	struct mm_struct *mm = enter_test_mm(t);
	u8 page_tail[MAXOFF], buf[MAXLEN + 8];

	if (!mm)
		return;
	for (int i = 0; i < MAXOFF; i++)
		page_tail[i] = pattern(i);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(UBASE + PAGE_SIZE - MAXOFF), page_tail,
					MAXOFF), 0);
	for (int off = 0; off <= MAXOFF && !t->failed; off++)
		for (int len = 0; len <= MAXLEN && !t->failed; len++) {
			unsigned long from = UBASE + PAGE_SIZE - off, left;
			int ok = len < off ? len : off;

			memset(buf, 0xee, sizeof(buf));
			left = copy_from_user(buf, (const void __user *)from, len);
			KTEST_EXPECT_EQ(t, left, len - ok);
			for (int i = 0; i < ok; i++)
				KTEST_EXPECT_EQ(t, buf[i], pattern(MAXOFF - off + i));
			for (int i = ok; i < len; i++)
				KTEST_EXPECT_EQ(t, buf[i], 0);		/* zeroed tail */
			for (int i = len; i < (int)sizeof(buf); i++)
				KTEST_EXPECT_EQ(t, buf[i], 0xee);	/* untouched */
			if (t->failed)
				printk(KERN_ERR "    # off %d len %d\n", off, len);
		}
	leave_test_mm(mm);
}

KTEST(uaccess, copy_to_user_and_clear_user_stop_at_unmapped_page)
{
	struct mm_struct *mm = enter_test_mm(t);
	u8 src[MAXLEN], back[MAXOFF];

	if (!mm)
		return;
	for (int i = 0; i < MAXLEN; i++)
		src[i] = pattern(i + 100);
	for (int off = 0; off <= MAXOFF && !t->failed; off++)
		for (int len = 0; len <= MAXLEN && !t->failed; len++) {
			void __user *to = (void __user *)(UBASE + PAGE_SIZE - off);
			int ok = len < off ? len : off;

			KTEST_EXPECT_EQ(t, copy_to_user(to, src, len), len - ok);
			KTEST_EXPECT_EQ(t, copy_from_user(back, to, ok), 0);
			for (int i = 0; i < ok; i++)
				KTEST_EXPECT_EQ(t, back[i], src[i]);
			KTEST_EXPECT_EQ(t, clear_user(to, len), len - ok);
			KTEST_EXPECT_EQ(t, copy_from_user(back, to, ok), 0);
			for (int i = 0; i < ok; i++)
				KTEST_EXPECT_EQ(t, back[i], 0);
			if (t->failed)
				printk(KERN_ERR "    # off %d len %d\n", off, len);
		}
	leave_test_mm(mm);
}

/*
 * Sizes the compiler knows: the x86 copy splits them into quadwords and a tail at compile
 * time, so a size whose quadword count equals its tail (9, 18, ..., 63) once let the two
 * share a register. Each must arrive whole.
 */
#define FIXED_COPY(t, N) do {							\
	struct { u8 b[N]; } in, out;						\
	void __user *u = (void __user *)UBASE;					\
	for (int i = 0; i < N; i++)						\
		in.b[i] = pattern(i + N);					\
	memset(&out, 0, sizeof(out));						\
	KTEST_EXPECT_EQ(t, copy_to_user(u, &in, sizeof(in)), 0);		\
	KTEST_EXPECT_EQ(t, copy_from_user(&out, u, sizeof(out)), 0);		\
	KTEST_EXPECT(t, !memcmp(&in, &out, N));					\
} while (0)

KTEST(uaccess, constant_sizes_copy_whole)
{
	struct mm_struct *mm = enter_test_mm(t);

	if (!mm)
		return;
	FIXED_COPY(t, 1);
	FIXED_COPY(t, 4);
	FIXED_COPY(t, 8);
	FIXED_COPY(t, 9);
	FIXED_COPY(t, 18);
	FIXED_COPY(t, 27);
	FIXED_COPY(t, 63);
	FIXED_COPY(t, 64);
	FIXED_COPY(t, 390);
	leave_test_mm(mm);
}

/* Beyond the task's limit nothing is attempted: the whole length comes back. */
KTEST(uaccess, kernel_addresses_are_refused)
{
	struct mm_struct *mm = enter_test_mm(t);
	u8 buf[16];

	if (!mm)
		return;
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)buf, sizeof(buf)), sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)buf, buf, sizeof(buf)), sizeof(buf));
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (const void __user *)(TASK_SIZE_MAX - 8), 16), 16);
	leave_test_mm(mm);
}

/* Demand paging: a reserved area has no pages until a user copy touches it. */
KTEST(uaccess, reserved_pages_come_on_first_touch)
{
	struct mm_struct *mm = enter_test_mm(t);
	unsigned long area = UBASE + 16 * PAGE_SIZE, none = UBASE + 32 * PAGE_SIZE;
	unsigned long ro = UBASE + 48 * PAGE_SIZE;
	u8 buf[16] = { 1, 2, 3 }, back[16];

	if (!mm)
		return;
	KTEST_EXPECT_EQ(t, mm_reserve_anon(mm, area, 2 * PAGE_SIZE, VM_READ | VM_WRITE), 0);
	KTEST_EXPECT_EQ(t, mm_reserve_anon(mm, none, PAGE_SIZE, 0), 0);	/* PROT_NONE */
	KTEST_EXPECT_EQ(t, mm_reserve_anon(mm, ro, PAGE_SIZE, VM_READ), 0);
	KTEST_EXPECT(t, !user_page_phys(mm, area) && !user_page_phys(mm, area + PAGE_SIZE));
	/* A copy across the two pages faults both in. */
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)(area + PAGE_SIZE - 8), buf, 16), 0);
	KTEST_EXPECT(t, user_page_phys(mm, area) && user_page_phys(mm, area + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, mm->faulted_pages, 2);
	KTEST_EXPECT_EQ(t, copy_from_user(back, (const void __user *)(area + PAGE_SIZE - 8), 16), 0);
	KTEST_EXPECT(t, !memcmp(buf, back, 16));
	/* No access at all: nothing comes in, the copy reports every byte. */
	KTEST_EXPECT_EQ(t, copy_from_user(back, (const void __user *)none, 16), 16);
	KTEST_EXPECT(t, !user_page_phys(mm, none));
	/* Read-only: a read brings a zeroed page, a write is refused. */
	KTEST_EXPECT_EQ(t, copy_from_user(back, (const void __user *)ro, 16), 0);
	KTEST_EXPECT_EQ(t, back[0], 0);
	KTEST_EXPECT_EQ(t, copy_to_user((void __user *)ro, buf, 16), 16);
	KTEST_EXPECT_EQ(t, mm->faulted_pages, 3);
	leave_test_mm(mm);
}
