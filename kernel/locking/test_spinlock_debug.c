// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of spinlock debugging (KTAP, "ktest=lockdebug"): each check of
 * kernel/locking/spinlock_debug.c fires once, on purpose, on a lock of the test's own, and
 * leaves the lock and this CPU's held count as they were. The "BUG: ..." reports these
 * print are expected; each test counts them (lock_debug_reports). Skipped without
 * CONFIG_DEBUG_SPINLOCK / CONFIG_DEBUG_ATOMIC_SLEEP.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/might_sleep.h>
#include <linux/irqflags.h>

#ifdef CONFIG_DEBUG_SPINLOCK
static DEFINE_SPINLOCK(test_lock);

KTEST(lockdebug, recursion_is_reported_and_not_taken_twice)
{
	unsigned long before = lock_debug_reports(), flags;
	unsigned int held = spin_locks_held();

	printk(KERN_INFO "    # a spinlock recursion report follows, on purpose\n");
	spin_lock_irqsave(&test_lock, flags);
	spin_lock(&test_lock);
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
	KTEST_EXPECT_EQ(t, spin_locks_held(), held + 1);
	spin_unlock_irqrestore(&test_lock, flags);
	KTEST_EXPECT(t, !spin_is_locked(&test_lock));
	KTEST_EXPECT_EQ(t, spin_locks_held(), held);
}

KTEST(lockdebug, unlock_of_a_free_lock_is_reported)
{
	unsigned long before = lock_debug_reports();
	unsigned int held = spin_locks_held();

	printk(KERN_INFO "    # a bad unlock report follows, on purpose\n");
	spin_unlock(&test_lock);
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
	/* Not advanced: the next spin_lock still gets the lock at once. */
	KTEST_EXPECT(t, !spin_is_locked(&test_lock));
	KTEST_EXPECT(t, spin_trylock(&test_lock));
	spin_unlock(&test_lock);
	KTEST_EXPECT_EQ(t, spin_locks_held(), held);
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
}

KTEST(lockdebug, schedule_with_a_spinlock_held_is_reported)
{
	unsigned long before = lock_debug_reports();

	/* schedule() runs this check first; calling it for real would switch with the lock. */
	printk(KERN_INFO "    # a sleeping-in-atomic report follows, on purpose\n");
	spin_lock(&test_lock);
	schedule_debug_locks();
	spin_unlock(&test_lock);
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
	schedule();			/* no lock held: the real one says nothing */
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
}
#endif

#ifdef CONFIG_DEBUG_ATOMIC_SLEEP
KTEST(lockdebug, might_sleep_with_a_spinlock_held_is_reported)
{
	unsigned long before = lock_debug_reports();

	printk(KERN_INFO "    # a sleeping-in-atomic report follows, on purpose\n");
	spin_lock(&test_lock);
	might_sleep();
	spin_unlock(&test_lock);
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
	might_sleep();
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
}

KTEST(lockdebug, might_sleep_with_interrupts_off_is_reported)
{
	unsigned long before = lock_debug_reports(), flags;

	printk(KERN_INFO "    # a sleeping-in-atomic report follows, on purpose\n");
	local_irq_save(flags);
	might_sleep();
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, lock_debug_reports(), before + 1);
}
#else
KTEST(lockdebug, might_sleep_checks)
{
	KTEST_SKIP(t, "CONFIG_DEBUG_ATOMIC_SLEEP is off");
}
#endif
