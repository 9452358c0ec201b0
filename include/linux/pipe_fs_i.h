/*
 * Pipes and FIFOs: the buffer both ends share (fs/pipe.c).
 *
 * The buffer is a ring of slots, each a page holding up to PAGE_SIZE bytes from one or more
 * writes (a write tops up the newest slot when it fits there, else starts a new one). Slots
 * are filled at head and emptied at tail; head - tail slots are in use, at most max_usage
 * (16 by default: 64 KiB, F_SETPIPE_SZ changes it). Pages come on demand and go when a slot
 * empties (one is kept in tmp_page for the next write), so an idle pipe holds no data pages.
 *
 * Locking: pipe->mutex guards everything below but the wait queues (which have their own
 * lock). A reader or writer sleeps on rd_wait / wr_wait with the mutex dropped; poll reads
 * head, tail, readers and writers without the mutex (a racy look is fine: a change after
 * it wakes the queue poll joined).
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/fs.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#define PIPE_BUF		4096		/* writes up to this size are atomic */
#define PIPE_DEF_BUFFERS	16		/* 16 pages: 64 KiB */
#define PIPE_MAX_SIZE		(1024 * 1024)	/* Linux's /proc/sys/fs/pipe-max-size default */

struct pipe_user;

struct pipe_buffer {
	void *page;			/* a page of the kernel's (NULL: the slot is empty) */
	unsigned int offset, len;	/* the unread bytes: page[offset .. offset + len) */
	bool packet;			/* O_DIRECT: one write, read as one message */
};

struct pipe_inode_info {
	struct mutex mutex;
	wait_queue_head_t rd_wait, wr_wait;
	unsigned int head, tail;	/* free-running slot counters; index & (ring_size - 1) */
	unsigned int max_usage;		/* slots the pipe may fill */
	unsigned int ring_size;		/* slots allocated (a power of two) */
	unsigned int readers, writers;	/* open read / write ends */
	unsigned int files;		/* open files on it (both ends): the last frees it */
	unsigned int r_counter, w_counter;	/* FIFO opens so far, to wake blocked opens */
	void *tmp_page;			/* a spare page for the next slot */
	struct pipe_buffer *bufs;
	struct pipe_user *user;		/* charged for nr_accounted slots (fs/pipe_account.c) */
	unsigned long nr_accounted;
};

static inline unsigned int pipe_occupancy(unsigned int head, unsigned int tail)
{
	return head - tail;
}

static inline bool pipe_empty(unsigned int head, unsigned int tail)
{
	return head == tail;
}

static inline bool pipe_full(unsigned int head, unsigned int tail, unsigned int limit)
{
	return pipe_occupancy(head, tail) >= limit;
}

/* Open FIFOs (S_IFIFO inodes of tmpfs and the like): init_special_inode-style users set
 * inode->i_fop = &pipefifo_fops; the first open makes inode->i_pipe. */
extern const struct file_operations pipefifo_fops;

/* fcntl's F_SETPIPE_SZ / F_GETPIPE_SZ on a pipe or FIFO: the size, or -EBADF (not a pipe),
 * -EINVAL, -EBUSY, -EPERM, as Linux. fs/fcntl.c calls it for those two commands. */
#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ	1031		/* F_LINUX_SPECIFIC_BASE + 7 */
#define F_GETPIPE_SZ	1032
#endif
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

/* The pipe behind a pipe end or FIFO file, or NULL. */
struct pipe_inode_info *get_pipe_info(struct file *f);

/* "pipe:[ino]": what /proc/<pid>/fd/N links to for a pipe end (d_path's pipefs answer);
 * buf of at least 32 bytes. The length, or 0 when f is not an anonymous pipe end. */
int pipefs_dname(struct file *f, char *buf, int size);

#endif
