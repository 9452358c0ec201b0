// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "sighand": the reference count of sighand_struct across exec's unshare
 * (kernel/signal_life.c). The race it guards needs two processes sharing their handlers
 * (clone CLONE_SIGHAND without CLONE_THREAD) that exec at the same moment on two CPUs;
 * here the two are played by hand in the order that used to leak: both find the count
 * above 1 and take a fresh struct, then both swap. The last swap must free the shared one,
 * so the number of allocated structs comes back to where it started.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include "signal_internal.h"

static struct sighand_struct *shared_sighand(int users)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	__atomic_add_fetch(&nr_sighand_structs, 1, __ATOMIC_RELAXED);
	sh->count = users;
	spin_lock_init(&sh->siglock);
	init_waitqueue_head(&sh->signalfd_wqh);
	sh->action[SIGUSR1 - 1].sa.sa_handler = SIG_IGN;
	return sh;
}

static struct sighand_struct *fresh(void)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	__atomic_add_fetch(&nr_sighand_structs, 1, __ATOMIC_RELAXED);
	sh->count = 1;
	spin_lock_init(&sh->siglock);
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

KTEST(sighand, two_sharers_unsharing_at_once_free_the_shared_one)
{
	long start = __atomic_load_n(&nr_sighand_structs, __ATOMIC_RELAXED);
	struct task_struct *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct task_struct *b = kzalloc(sizeof(*b), GFP_KERNEL);
	struct sighand_struct *sh = shared_sighand(2), *na, *nb;

	if (!a || !b || !sh)
		KTEST_SKIP(t, "no memory");
	a->sighand = b->sighand = sh;
	/* Both saw count 2 (unshare_sighand's unlocked look) and took a fresh struct... */
	na = fresh();
	nb = fresh();
	if (!na || !nb)
		KTEST_SKIP(t, "no memory");
	/* ...then both swap: the second swap drops the last reference. */
	sighand_replace(a, na);
	KTEST_EXPECT_EQ(t, sh->count, 1);
	sighand_replace(b, nb);
	KTEST_EXPECT(t, a->sighand == na && b->sighand == nb);
	KTEST_EXPECT(t, na->action[SIGUSR1 - 1].sa.sa_handler == SIG_IGN);
	KTEST_EXPECT(t, nb->action[SIGUSR1 - 1].sa.sa_handler == SIG_IGN);
	__cleanup_sighand(na);
	__cleanup_sighand(nb);
	KTEST_EXPECT_EQ(t, __atomic_load_n(&nr_sighand_structs, __ATOMIC_RELAXED), start);
	kfree(a);
	kfree(b);
}
