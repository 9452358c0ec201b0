// SPDX-License-Identifier: GPL-2.0
/*
 * The life of a task's signal state: fork shares the handlers (CLONE_SIGHAND) or copies
 * them (CLONE_CLEAR_SIGHAND resets the caught ones), exec gives the process its own copy and
 * resets every caught signal to SIG_DFL (SIG_IGN stays, the mask and pending signals stay),
 * and the last task using a sighand_struct frees it. A new task starts with nothing pending.
 *
 * sighand->count is under its siglock; swapping a task's sighand pointer happens under
 * tasklist_lock as well, so a sender (who holds tasklist_lock) always locks the live one.
 * Every drop of a reference goes through __cleanup_sighand, which decides "last one, free
 * it" under the lock: two sharers exec'ing at once cannot both think another remains.
 * nr_sighand_structs counts the allocated ones (a test checks it comes back).
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include "signal_internal.h"

long nr_sighand_structs;

static struct sighand_struct *sighand_alloc(void)
{
	struct sighand_struct *sh = kmalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	__atomic_add_fetch(&nr_sighand_structs, 1, __ATOMIC_RELAXED);
	sh->count = 1;
	spin_lock_init(&sh->siglock);
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

static struct sighand_struct *sighand_alloc_copy(struct sighand_struct *from)
{
	struct sighand_struct *sh = sighand_alloc();
	unsigned long flags;

	if (!sh)
		return NULL;
	spin_lock_irqsave(&from->siglock, flags);
	memcpy(sh->action, from->action, sizeof(sh->action));
	spin_unlock_irqrestore(&from->siglock, flags);
	return sh;
}

/* fork: p (a copy of current) gets current's handlers, shared or copied. 0 or -ENOMEM. */
int copy_sighand(unsigned long long clone_flags, struct task_struct *p)
{
	struct sighand_struct *sh = current->sighand;
	unsigned long flags;

	if (clone_flags & CLONE_SIGHAND) {
		spin_lock_irqsave(&sh->siglock, flags);
		sh->count++;
		spin_unlock_irqrestore(&sh->siglock, flags);
		p->sighand = sh;
		return 0;
	}
	p->sighand = sighand_alloc_copy(sh);
	if (!p->sighand)
		return -ENOMEM;
	if (clone_flags & CLONE_CLEAR_SIGHAND)
		flush_signal_handlers(p, 0);
	return 0;
}

/* Drop one user of sighand; the last frees it. */
void __cleanup_sighand(struct sighand_struct *sighand)
{
	unsigned long flags;
	bool last;

	spin_lock_irqsave(&sighand->siglock, flags);
	last = --sighand->count == 0;
	spin_unlock_irqrestore(&sighand->siglock, flags);
	if (last) {
		__atomic_sub_fetch(&nr_sighand_structs, 1, __ATOMIC_RELAXED);
		kfree(sighand);
	}
}

/*
 * exec: caught signals go back to SIG_DFL (force_default: ignored ones too); flags,
 * restorers and handler masks are cleared. t's sighand is its own by now.
 */
void flush_signal_handlers(struct task_struct *t, int force_default)
{
	struct k_sigaction *ka = t->sighand->action;

	for (int i = 0; i < _NSIG; i++, ka++) {
		if (force_default || ka->sa.sa_handler != SIG_IGN)
			ka->sa.sa_handler = SIG_DFL;
		ka->sa.sa_flags = 0;
		ka->sa.sa_restorer = NULL;
		sigemptyset(&ka->sa.sa_mask);
	}
}

/*
 * me takes new (fresh, count 1) in place of the handlers it shares: the actions are copied
 * under the old one's lock at the moment of the swap, so a sharer's sigaction just before
 * is kept, and me's reference to the old one is dropped like any other (the last user of
 * it frees it, whoever that turns out to be).
 */
void sighand_replace(struct task_struct *me, struct sighand_struct *new)
{
	struct sighand_struct *old = me->sighand;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&old->siglock);
	memcpy(new->action, old->action, sizeof(new->action));
	me->sighand = new;
	spin_unlock(&old->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	__cleanup_sighand(old);
}

/*
 * exec from a process sharing its handlers with another (clone CLONE_SIGHAND without
 * CLONE_THREAD): the new program gets a copy of its own. After de_thread, so current is
 * the only thread of its process. A count of 1 read without the lock is safe: only a user
 * of the struct can add one, and me is the only user. A count above 1 may fall to 1 before
 * the swap (the other sharer exec'd or exited meanwhile): sighand_replace then frees the
 * old one, so nothing leaks (Linux does the same). 0 or -ENOMEM.
 */
int unshare_sighand(struct task_struct *me)
{
	struct sighand_struct *new;

	if (READ_ONCE(me->sighand->count) == 1)
		return 0;
	new = sighand_alloc();
	if (!new)
		return -ENOMEM;
	sighand_replace(me, new);
	return 0;
}

/* exec, after the point of no return: handlers reset, the alternate stack forgotten. */
void exec_signals(void)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	flush_signal_handlers(current, 0);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	current->sas_ss_sp = 0;
	current->sas_ss_size = 0;
	current->sas_ss_flags = SS_DISABLE;
}

/*
 * The signal side of release_task (tasklist_lock held): p's queued signals go, the
 * process's too when p was its last task, and p lets go of its handlers.
 */
void release_task_signals(struct task_struct *p, bool last_of_process)
{
	struct sighand_struct *sh = p->sighand;
	struct signal_struct *sig = p->signal;

	if (!sh)
		return;
	spin_lock(&sh->siglock);
	flush_sigqueue(&p->pending);
	if (last_of_process)
		flush_sigqueue(&sig->shared_pending);
	if (sig->curr_target == p)
		sig->curr_target = NULL;
	p->sighand = NULL;
	spin_unlock(&sh->siglock);
	__cleanup_sighand(sh);
}
