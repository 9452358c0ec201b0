// SPDX-License-Identifier: GPL-2.0
/*
 * Mutexes (linux/mutex.h): the owner field, changed under the wait queue's lock, is the
 * lock itself. A waiter joins the queue and sets its state before it tests the owner, and
 * the unlocker clears the owner before it wakes the queue, so a release between the test
 * and schedule() is never lost (the rule of linux/wait.h).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mutex.h>
#include <linux/errno.h>

void mutex_init(struct mutex *m)
{
	m->owner = NULL;
	init_waitqueue_head(&m->wait);
}

bool mutex_trylock(struct mutex *m)
{
	unsigned long flags;
	bool got = false;

	spin_lock_irqsave(&m->wait.lock, flags);
	if (!m->owner) {
		m->owner = current;
		got = true;
	}
	spin_unlock_irqrestore(&m->wait.lock, flags);
	return got;
}

static int __mutex_lock(struct mutex *m, long state)
{
	struct wait_queue_entry w = { .task = current };
	int ret = 0;

	might_sleep();
	if (mutex_trylock(m))
		return 0;
	INIT_LIST_HEAD(&w.entry);
	for (;;) {
		prepare_to_wait(&m->wait, &w, state);
		if (mutex_trylock(m))
			break;
		if (state == TASK_INTERRUPTIBLE && signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&m->wait, &w);
	return ret;
}

void mutex_lock(struct mutex *m)
{
	__mutex_lock(m, TASK_UNINTERRUPTIBLE);
}

int mutex_lock_interruptible(struct mutex *m)
{
	return __mutex_lock(m, TASK_INTERRUPTIBLE);
}

void mutex_unlock(struct mutex *m)
{
	unsigned long flags;

	spin_lock_irqsave(&m->wait.lock, flags);
	WARN_ON(m->owner != current);
	m->owner = NULL;
	spin_unlock_irqrestore(&m->wait.lock, flags);
	wake_up(&m->wait);
}
