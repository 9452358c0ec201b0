/*
 * Mutexes: a sleeping lock for sections that may block or touch user memory (the VFS's
 * inode and directory locks, a pipe's buffer). A task that finds it taken sleeps on the
 * mutex's wait queue instead of spinning; the holder wakes the queue when it unlocks.
 *
 *   mutex_lock(m)                take, sleeping (uninterruptibly) while another task holds it
 *   mutex_lock_interruptible(m)  the same, but 0 or -EINTR when a signal arrives first
 *   mutex_trylock(m)             take if free: true, else false at once
 *   mutex_unlock(m)              release; only the holder may
 *
 * Never from interrupt context, never while holding a spinlock. Locking order between
 * mutexes is written where they are used (docs/files.md collects the VFS's).
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/wait.h>

struct task_struct;

struct mutex {
	struct task_struct *owner;	/* NULL when free; changed under wait.lock */
	struct wait_queue_head wait;	/* tasks waiting for it */
};

#define __MUTEX_INITIALIZER(name) { NULL, __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *m);
void mutex_lock(struct mutex *m);
int mutex_lock_interruptible(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);

static inline bool mutex_is_locked(struct mutex *m)
{
	return __atomic_load_n(&m->owner, __ATOMIC_RELAXED) != NULL;
}

#endif
