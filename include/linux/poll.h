/*
 * poll, select and their wake-ups. A file's ->poll(f, pt) says which events are ready now
 * and, when pt is not NULL, calls poll_wait(f, wq, pt) for each wait queue whose wake-up
 * could change the answer; fs/select.c then sleeps until one of them is woken or the
 * timeout passes, and asks every file again. A driver that makes data readable (or room
 * writable) wakes the queue it named: that is the whole contract.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/fs.h>
#include <linux/wait.h>

/* Linux's poll(2) event bits (the same on every ABI). */
#define EPOLLIN		0x0001
#define EPOLLPRI	0x0002
#define EPOLLOUT	0x0004
#define EPOLLERR	0x0008
#define EPOLLHUP	0x0010
#define EPOLLNVAL	0x0020
#define EPOLLRDNORM	0x0040
#define EPOLLRDBAND	0x0080
#define EPOLLWRNORM	0x0100
#define EPOLLWRBAND	0x0200
#define EPOLLRDHUP	0x2000
/* What a file that has no ->poll is: always ready (Linux's DEFAULT_POLLMASK). */
#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;
typedef void (*poll_queue_proc)(struct file *f, struct wait_queue_head *wq,
				struct poll_table_struct *pt);
typedef struct poll_table_struct {
	poll_queue_proc _qproc;		/* NULL: the caller only asks, it will not sleep */
} poll_table;

static inline void poll_wait(struct file *f, struct wait_queue_head *wq, poll_table *pt)
{
	if (pt && pt->_qproc && wq)
		pt->_qproc(f, wq, pt);
}

/* The events ready on f now, without waiting (also for files with no ->poll). */
static inline __poll_t vfs_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

#endif
