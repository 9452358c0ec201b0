// SPDX-License-Identifier: GPL-2.0
/*
 * Sleeping: wait queues (linux/wait.h), completions, and schedule_timeout(). The rule that
 * makes them race-free is in linux/wait.h: set the state, then test, then schedule().
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/timer.h>
#include <linux/jiffies.h>

void init_waitqueue_head(struct wait_queue_head *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&w->entry))
		list_add_tail(&w->entry, &wq->head);
	current->__state = state;
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	current->__state = TASK_RUNNING;
	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&w->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&w->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

static void wake_up_locked(struct wait_queue_head *wq)
{
	struct wait_queue_entry *w;

	list_for_each_entry(w, &wq->head, entry)
		wake_up_process(w->task);
}

void wake_up(struct wait_queue_head *wq)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	wake_up_locked(wq);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

/*
 * One hold of the lock for both steps: the waiter may see done and return (its completion
 * lived on its stack: vfork) as soon as the lock is free, so nothing may touch c after it.
 */
void complete(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	c->done = 1;
	wake_up_locked(&c->wait);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

/* Uninterruptible, as Linux's: vfork's parent waits for its child's exec or exit. */
void wait_for_completion(struct completion *c)
{
	struct wait_queue_entry w = { .task = current };

	might_sleep();
	INIT_LIST_HEAD(&w.entry);
	for (;;) {
		prepare_to_wait(&c->wait, &w, TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(c->done))
			break;
		schedule();
	}
	finish_wait(&c->wait, &w);
}

struct sleeper {
	struct timer_list timer;
	struct task_struct *task;
};

static void wake_sleeper(struct timer_list *t)
{
	wake_up_process(container_of(t, struct sleeper, timer)->task);
}

/*
 * Sleep in the state the caller set (TASK_INTERRUPTIBLE or UNINTERRUPTIBLE) for up to
 * 'ticks' ticks: returns the ticks left, 0 when the time ran out. A wake-up (a signal for
 * an interruptible sleep) ends it early.
 */
long schedule_timeout(long ticks)
{
	struct sleeper s = { .task = current };
	unsigned long expire = jiffies + ticks;
	long left;

	might_sleep();
	timer_setup(&s.timer, wake_sleeper);
	s.timer.expires = expire;
	add_timer(&s.timer);
	schedule();
	del_timer_sync(&s.timer);	/* s is on this stack: the callback must be done */
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}
