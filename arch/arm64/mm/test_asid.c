// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "asid": the ASID allocator's rollover (arch/arm64/mm/context.c). With only
 * three ASIDs to hand out, six address spaces taking turns roll the generation over again
 * and again; each must still see only its own page, before and after its own writes.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/processor.h>

#define NR_MM	6
#define UPAGE	0x10000000UL

KTEST(asid, rollover_keeps_address_spaces_apart)
{
	struct mm_struct *mm[NR_MM] = { 0 }, *saved = current->mm;
	u64 gen_before;
	int i, round;
	u8 c;

	for (i = 0; i < NR_MM; i++) {
		mm[i] = mm_alloc(TASK_SIZE_MAX);
		if (!mm[i] || mm_map_anon(mm[i], UPAGE, PAGE_SIZE, VM_READ | VM_WRITE)) {
			t->failed = 1;
			goto out;
		}
		*(u8 *)__va(user_page_phys(mm[i], UPAGE)) = (u8)i;
	}
	asid_set_limit_for_test(4);		/* ASIDs 1, 2, 3 */
	gen_before = asid_generation_for_test();
	for (round = 0; round < 20 && !t->failed; round++)
		for (i = 0; i < NR_MM && !t->failed; i++) {
			current->mm = mm[i];
			switch_mm(saved, mm[i]);
			KTEST_EXPECT_EQ(t, get_user(c, (u8 __user *)UPAGE), 0);
			KTEST_EXPECT_EQ(t, c, (u8)(i + round * NR_MM));
			KTEST_EXPECT_EQ(t, put_user((u8)(i + (round + 1) * NR_MM), (u8 __user *)UPAGE), 0);
			current->mm = saved;
			switch_mm(mm[i], saved);
			if (t->failed)
				printk(KERN_ERR "    # round %d, mm %d\n", round, i);
		}
	/* Six mms, three ASIDs: a new generation at least every other turn. */
	KTEST_EXPECT(t, asid_generation_for_test() - gen_before >= 20 * NR_MM / 3 - 1);
	asid_set_limit_for_test(0);
out:
	for (i = 0; i < NR_MM; i++)
		if (mm[i])
			mmput(mm[i]);
}
