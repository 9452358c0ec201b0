// SPDX-License-Identifier: GPL-2.0
/*
 * Pipe buffers charged to their user (Linux's user_struct->pipe_bufs with the sysctls
 * fs.pipe-user-pages-soft and -hard at their defaults): every pipe and FIFO counts the
 * slots (pages) it may fill against the real uid that made it. Past the soft limit (16384
 * pages, 1024 default pipes) an unprivileged user's new pipes get PIPE_MIN_DEF_BUFFERS
 * slots and F_SETPIPE_SZ may not grow a pipe (EPERM); the hard limit is 0: off, as
 * Linux's default. So with a raised RLIMIT_NOFILE a user can still pin only about
 * 16384 pages through pipes it enlarged, plus two per pipe after that.
 *
 * Lifetime: a pipe_user exists while a pipe is charged to it (refs); the last pipe's
 * free_pipe_info drops it. The table holds at most one entry per uid with a live pipe,
 * so it is bounded by the pipes themselves.
 *
 * Locking: pipe_users_lock (a spinlock, innermost, never held across an allocation)
 * guards the table, every entry's refs and bufs.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include "pipe.h"

struct pipe_user {
	uid_t uid;
	unsigned int refs;		/* pipes charged to it */
	unsigned long bufs;		/* the slots they may fill, together */
	struct pipe_user *next;		/* in its hash chain */
};

#define PIPE_USERS_HASH	64
static struct pipe_user *pipe_users[PIPE_USERS_HASH];
static DEFINE_SPINLOCK(pipe_users_lock);

/* The calling user's entry with a reference, made on first use; NULL when out of memory. */
struct pipe_user *pipe_user_get(void)
{
	uid_t uid = current->cred.uid;
	struct pipe_user **head = &pipe_users[uid % PIPE_USERS_HASH], *u, *fresh;
	unsigned long flags;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);	/* before the lock: it may sleep */
	spin_lock_irqsave(&pipe_users_lock, flags);
	for (u = *head; u; u = u->next)
		if (u->uid == uid)
			break;
	if (!u && fresh) {
		u = fresh;
		fresh = NULL;
		u->uid = uid;
		u->next = *head;
		*head = u;
	}
	if (u)
		u->refs++;
	spin_unlock_irqrestore(&pipe_users_lock, flags);
	kfree(fresh);			/* the user had an entry already */
	return u;
}

void pipe_user_put(struct pipe_user *u)
{
	struct pipe_user **p;
	unsigned long flags;
	bool last;

	if (!u)
		return;
	spin_lock_irqsave(&pipe_users_lock, flags);
	last = --u->refs == 0;
	if (last)
		for (p = &pipe_users[u->uid % PIPE_USERS_HASH]; *p; p = &(*p)->next)
			if (*p == u) {
				*p = u->next;
				break;
			}
	spin_unlock_irqrestore(&pipe_users_lock, flags);
	if (last)
		kfree(u);
}

/* Change u's charge from old to new slots: the user's total after it. */
unsigned long account_pipe_buffers(struct pipe_user *u, unsigned long old, unsigned long new)
{
	unsigned long flags, total;

	spin_lock_irqsave(&pipe_users_lock, flags);
	u->bufs += new - old;
	total = u->bufs;
	spin_unlock_irqrestore(&pipe_users_lock, flags);
	return total;
}

bool too_many_pipe_buffers_soft(unsigned long user_bufs)
{
	return PIPE_USER_PAGES_SOFT && user_bufs > PIPE_USER_PAGES_SOFT;
}

bool too_many_pipe_buffers_hard(unsigned long user_bufs)
{
	return PIPE_USER_PAGES_HARD && user_bufs > PIPE_USER_PAGES_HARD;
}

/* Linux lets CAP_SYS_RESOURCE or CAP_SYS_ADMIN past both limits. */
bool pipe_is_unprivileged_user(void)
{
	return !capable(CAP_SYS_RESOURCE) && !capable(CAP_SYS_ADMIN);
}
