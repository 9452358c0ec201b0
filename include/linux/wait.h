/*
 * Wait queues: a list of tasks sleeping until something happens, under its own lock.
 *
 * A sleeper puts itself on the queue and sets its state before it tests the condition, and
 * the waker changes the condition before it wakes the queue; so a wake-up between the test
 * and schedule() only makes the sleeper RUNNING again, and schedule() then keeps it on the
 * run queue: no wake-up is lost (kernel/sched/wait.c).
 *
 * Locking: wq->lock (irqsave: interrupts wake queues) protects the list. Wakers take it,
 * then a run-queue lock inside try_to_wake_up(): the order is always wq->lock, rq->lock.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/might_sleep.h>

struct task_struct;

struct wait_queue_entry {
	struct task_struct *task;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ __SPIN_LOCK_UNLOCKED((name).lock), LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void init_waitqueue_head(struct wait_queue_head *wq);
/* Join wq (once) and set current's state to state (TASK_INTERRUPTIBLE / UNINTERRUPTIBLE). */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, long state);
/* Running again: leave wq. */
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);
/* Join / leave wq without touching the task's state (poll and select join many queues and
 * set their state once, around the scan of all their files). */
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
/* Wake every sleeper of wq (they re-test their conditions). */
void wake_up(struct wait_queue_head *wq);

/*
 * Sleep until cond is true: 0, or -ERESTARTSYS when a signal arrives first (the caller
 * returns it; the exit path turns it into a restart or -EINTR).
 */
#define wait_event_interruptible(wq, cond)					\
({										\
	struct wait_queue_entry __w = { .task = current };			\
	int __ret = 0;								\
	might_sleep();								\
	INIT_LIST_HEAD(&__w.entry);						\
	for (;;) {								\
		prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE);		\
		if (cond)							\
			break;							\
		if (signal_pending(current)) {					\
			__ret = -ERESTARTSYS;					\
			break;							\
		}								\
		schedule();							\
	}									\
	finish_wait(&(wq), &__w);						\
	__ret;									\
})

#endif
