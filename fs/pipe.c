// SPDX-License-Identifier: GPL-2.0
/*
 * Pipes and FIFOs: pipe/pipe2, the read and write ends, poll, FIONREAD, F_SETPIPE_SZ, and
 * the opening rules of named FIFOs (pipefifo_fops). The buffer's shape and its locking are in
 * linux/pipe_fs_i.h; pipefs (the pseudo file system whose inodes back anonymous pipes) is
 * in fs/pipefs.c.
 *
 * What a reader or writer may see, as Linux:
 *   read   bytes as soon as any are there; 0 (end of file) once no writer is left;
 *          -EAGAIN with O_NONBLOCK when empty; otherwise it sleeps (-ERESTARTSYS on a signal)
 *   write  all of it before returning, sleeping while the pipe is full; up to PIPE_BUF bytes
 *          go in one piece, never interleaved with another writer's; -EPIPE and SIGPIPE when
 *          no reader is left; with O_NONBLOCK as much as fits, or -EAGAIN when nothing does
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/pipe_fs_i.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/cred.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include "pipe.h"


/* Guards a FIFO inode's i_pipe and every pipe's 'files' count (Linux's inode->i_lock). */
static DEFINE_SPINLOCK(pipe_files_lock);

struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);
	unsigned long slots = PIPE_DEF_BUFFERS, user_bufs;

	if (!pipe)
		return NULL;
	pipe->user = pipe_user_get();
	if (!pipe->user)
		goto fail;
	/* Linux's alloc_pipe_info: past the soft limit a small pipe, past the hard none. */
	user_bufs = account_pipe_buffers(pipe->user, 0, slots);
	if (too_many_pipe_buffers_soft(user_bufs) && pipe_is_unprivileged_user()) {
		user_bufs = account_pipe_buffers(pipe->user, slots, PIPE_MIN_DEF_BUFFERS);
		slots = PIPE_MIN_DEF_BUFFERS;
	}
	pipe->nr_accounted = slots;
	if (too_many_pipe_buffers_hard(user_bufs) && pipe_is_unprivileged_user())
		goto fail;
	pipe->bufs = kzalloc(slots * sizeof(*pipe->bufs), GFP_KERNEL);
	if (!pipe->bufs)
		goto fail;
	mutex_init(&pipe->mutex);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->ring_size = pipe->max_usage = slots;
	return pipe;
fail:
	if (pipe->user) {
		account_pipe_buffers(pipe->user, pipe->nr_accounted, 0);
		pipe_user_put(pipe->user);
	}
	kfree(pipe);
	return NULL;
}

void free_pipe_info(struct pipe_inode_info *pipe)
{
	for (unsigned int i = 0; i < pipe->ring_size; i++)
		if (pipe->bufs[i].page)
			free_page(pipe->bufs[i].page);
	if (pipe->tmp_page)
		free_page(pipe->tmp_page);
	kfree(pipe->bufs);
	account_pipe_buffers(pipe->user, pipe->nr_accounted, 0);
	pipe_user_put(pipe->user);
	kfree(pipe);
}

struct pipe_inode_info *get_pipe_info(struct file *f)
{
	const struct file_operations *op = f->f_op;

	if (op != &pipefifo_fops && op != &pipe_fops)
		return NULL;
	return f->private_data;
}

/* An emptied slot's page is kept as the spare when there is none (the next write needs one). */
static void pipe_buf_release(struct pipe_inode_info *pipe, struct pipe_buffer *buf)
{
	if (!pipe->tmp_page)
		pipe->tmp_page = buf->page;
	else
		free_page(buf->page);
	buf->page = NULL;
}

static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return !pipe_empty(READ_ONCE(pipe->head), READ_ONCE(pipe->tail)) ||
	       !READ_ONCE(pipe->writers);
}

static bool pipe_writable(const struct pipe_inode_info *pipe)
{
	return !pipe_full(READ_ONCE(pipe->head), READ_ONCE(pipe->tail),
			  READ_ONCE(pipe->max_usage)) ||
	       !READ_ONCE(pipe->readers);
}

static ssize_t pipe_read(struct file *f, char __user *to, size_t len, loff_t *pos)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool wake_writer = false;
	ssize_t ret = 0;

	if (!len)
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		unsigned int head = pipe->head, tail = pipe->tail, mask = pipe->ring_size - 1;

		if (!pipe_empty(head, tail)) {
			struct pipe_buffer *buf = &pipe->bufs[tail & mask];
			size_t chars = min(buf->len, (unsigned int)min(len, (size_t)PAGE_SIZE));
			unsigned long left = copy_to_user(to, (char *)buf->page + buf->offset, chars);

			if (left == chars) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			chars -= left;
			ret += chars;
			to += chars;
			len -= chars;
			buf->offset += chars;
			buf->len -= chars;
			if (buf->packet) {	/* O_DIRECT: the rest of the message is dropped */
				buf->len = 0;
				len = 0;
			}
			if (!buf->len) {
				pipe_buf_release(pipe, buf);
				pipe->tail = ++tail;
				wake_writer = true;
			}
			if (!len || left)
				break;
			continue;
		}
		if (!pipe->writers || ret)
			break;		/* end of file, or what was there */
		if (f->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (wake_writer)
			wake_up(&pipe->wr_wait);
		wake_writer = false;
		if (wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe)))
			return -ERESTARTSYS;
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	if (wake_writer)
		wake_up(&pipe->wr_wait);
	return ret;
}

/* No reader: the writer gets SIGPIPE (its default action ends the process) and -EPIPE. */
static ssize_t pipe_broken(void)
{
	send_sig(SIGPIPE, current, 0);
	return -EPIPE;
}

/* The bytes a write brings: from user memory (write(2)) or, for sendfile, from a kernel
 * buffer. Returns how many could not be copied, as copy_from_user. */
static unsigned long pipe_copy_in(void *to, const char __user *from, size_t n, bool kernel)
{
	if (kernel) {
		memcpy(to, (__force const void *)from, n);
		return 0;
	}
	return copy_from_user(to, from, n);
}

/*
 * A write of 'len' bytes whose first 'len % PAGE_SIZE' bytes may top up the newest slot;
 * whole slots follow. So a write of at most PIPE_BUF (= PAGE_SIZE) bytes lands in one slot,
 * in one piece, under the mutex: atomic with respect to other writers.
 */
static ssize_t __pipe_write(struct file *f, const char __user *from, size_t len, bool kernel)
{
	struct pipe_inode_info *pipe = f->private_data;
	/* sendfile's bytes are never packets: Linux's spliced buffers are plain ones. */
	bool packet = !kernel && (f->f_flags & O_DIRECT), wake_reader = false;
	ssize_t ret = 0;
	size_t chars;

	if (!len)
		return 0;
	mutex_lock(&pipe->mutex);
	if (!pipe->readers) {
		mutex_unlock(&pipe->mutex);
		return pipe_broken();
	}
	chars = len & (PAGE_SIZE - 1);
	if (chars && !packet && !pipe_empty(pipe->head, pipe->tail)) {
		unsigned int mask = pipe->ring_size - 1;
		struct pipe_buffer *buf = &pipe->bufs[(pipe->head - 1) & mask];
		unsigned int end = buf->offset + buf->len;

		if (!buf->packet && end + chars <= PAGE_SIZE) {
			if (pipe_copy_in((char *)buf->page + end, from, chars, kernel)) {
				ret = -EFAULT;
				goto out;
			}
			buf->len += chars;
			ret = chars;
			from += chars;
			len -= chars;
			wake_reader = true;
			if (!len)
				goto out;
		}
	}
	for (;;) {
		unsigned int head = pipe->head;

		if (!pipe->readers) {
			/* The signal even after a partial write; the count is still returned. */
			ssize_t err = pipe_broken();

			if (!ret)
				ret = err;
			break;
		}
		if (!pipe_full(head, pipe->tail, pipe->max_usage)) {
			struct pipe_buffer *buf = &pipe->bufs[head & (pipe->ring_size - 1)];
			void *page = pipe->tmp_page;
			size_t n = min(len, (size_t)PAGE_SIZE);
			unsigned long left;

			if (!page)
				page = alloc_pages(GFP_KERNEL, 0);
			if (!page) {
				if (!ret)
					ret = -ENOMEM;
				break;
			}
			pipe->tmp_page = NULL;
			left = pipe_copy_in(page, from, n, kernel);
			if (left == n) {
				pipe->tmp_page = page;
				if (!ret)
					ret = -EFAULT;
				break;
			}
			n -= left;
			*buf = (struct pipe_buffer){ .page = page, .offset = 0, .len = n,
						     .packet = packet };
			pipe->head = head + 1;
			wake_reader = true;
			ret += n;
			from += n;
			len -= n;
			if (left) {
				if (!ret)
					ret = -EFAULT;
				break;
			}
			if (!len)
				break;
			continue;
		}
		if (f->f_flags & O_NONBLOCK) {
			if (!ret)
				ret = -EAGAIN;
			break;
		}
		if (signal_pending(current)) {
			if (!ret)
				ret = -ERESTARTSYS;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (wake_reader)
			wake_up(&pipe->rd_wait);
		wake_reader = false;
		wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe));
		mutex_lock(&pipe->mutex);
	}
out:
	mutex_unlock(&pipe->mutex);
	if (wake_reader)
		wake_up(&pipe->rd_wait);
	return ret;
}

static ssize_t pipe_write(struct file *f, const char __user *from, size_t len, loff_t *pos)
{
	return __pipe_write(f, from, len, false);
}

/* sendfile into a pipe (Linux splices; here the page sendfile read goes in as a write). */
static ssize_t pipe_write_kernel(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	return __pipe_write(f, (__force const char __user *)buf, len, true);
}

static __poll_t pipe_poll(struct file *f, poll_table *pt)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int head, tail;
	__poll_t mask = 0;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &pipe->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &pipe->wr_wait, pt);
	/* Read after joining the queues: a change from here on wakes this poller. */
	head = READ_ONCE(pipe->head);
	tail = READ_ONCE(pipe->tail);
	if (f->f_mode & FMODE_READ) {
		if (!pipe_empty(head, tail))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!READ_ONCE(pipe->writers))
			mask |= EPOLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (!pipe_full(head, tail, READ_ONCE(pipe->max_usage)))
			mask |= EPOLLOUT | EPOLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= EPOLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = f->private_data;
	unsigned int count = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&pipe->mutex);
	for (unsigned int t = pipe->tail; t != pipe->head; t++)
		count += pipe->bufs[t & (pipe->ring_size - 1)].len;
	mutex_unlock(&pipe->mutex);
	return put_user(count, (int __user *)arg);
}

/* The last close of one end: the other side learns it (EOF, EPIPE, POLLHUP), and the last
 * file on the pipe frees it. */
static int pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = f->private_data;
	bool last;

	mutex_lock(&pipe->mutex);
	if (f->f_mode & FMODE_READ)
		pipe->readers--;
	if (f->f_mode & FMODE_WRITE)
		pipe->writers--;
	mutex_unlock(&pipe->mutex);
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);

	spin_lock(&pipe_files_lock);
	last = !--pipe->files;
	if (last && inode->i_pipe == pipe)
		inode->i_pipe = NULL;
	spin_unlock(&pipe_files_lock);
	if (last)
		free_pipe_info(pipe);
	return 0;
}

/*
 * The slots a size asks for: a power of two of pages, at least one (0 asks for one page).
 * Past PIPE_MAX_SIZE Linux wants CAP_SYS_RESOURCE; here nobody may (a bound on what one
 * pipe can pin, docs/files.md), and past 2 GiB it is -EINVAL as on Linux.
 */
static long pipe_size_slots(unsigned long size)
{
	long slots = 1;

	if (size > (1UL << 31))
		return -EINVAL;
	if (size > PIPE_MAX_SIZE)
		return -EPERM;
	while ((unsigned long)slots * PAGE_SIZE < size)
		slots <<= 1;
	return slots;
}

/* Move the ring's slots into a new array of 'slots' entries, tail first. */
static long pipe_resize_ring(struct pipe_inode_info *pipe, unsigned int slots)
{
	unsigned int n = pipe_occupancy(pipe->head, pipe->tail), mask = pipe->ring_size - 1;
	struct pipe_buffer *bufs;

	if (n > slots)
		return -EBUSY;
	bufs = kzalloc(slots * sizeof(*bufs), GFP_KERNEL);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < n; i++)
		bufs[i] = pipe->bufs[(pipe->tail + i) & mask];
	kfree(pipe->bufs);
	pipe->bufs = bufs;
	pipe->tail = 0;
	pipe->head = n;
	pipe->ring_size = pipe->max_usage = slots;
	return 0;
}

/*
 * F_SETPIPE_SZ's work (pipe->mutex held): the new size charged to the pipe's user first; a
 * pipe grown past what it had while its user is over a limit is EPERM for the
 * unprivileged, as Linux's pipe_set_size. The size in bytes or an error.
 */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned long slots)
{
	unsigned long user_bufs = account_pipe_buffers(pipe->user, pipe->nr_accounted, slots);
	long ret;

	if (slots > pipe->nr_accounted &&
	    (too_many_pipe_buffers_hard(user_bufs) || too_many_pipe_buffers_soft(user_bufs)) &&
	    pipe_is_unprivileged_user()) {
		ret = -EPERM;
		goto revert;
	}
	ret = pipe_resize_ring(pipe, slots);
	if (ret)
		goto revert;
	pipe->nr_accounted = slots;
	wake_up(&pipe->wr_wait);	/* more room, maybe */
	return (long)slots * PAGE_SIZE;
revert:
	account_pipe_buffers(pipe->user, slots, pipe->nr_accounted);
	return ret;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *pipe = get_pipe_info(f);
	long slots, ret;

	if (!pipe)
		return -EBADF;
	mutex_lock(&pipe->mutex);
	switch (cmd) {
	case F_SETPIPE_SZ:
		slots = pipe_size_slots(arg);
		if (slots < 0) {
			ret = slots;
			break;
		}
		ret = pipe_set_size(pipe, slots);
		break;
	case F_GETPIPE_SZ:
		ret = (long)pipe->max_usage * PAGE_SIZE;
		break;
	default:
		ret = -EINVAL;
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

/* An anonymous pipe's two files (fs/pipefs.c makes them): nothing to do at open. */
const struct file_operations pipe_fops = {
	.llseek		= no_llseek,
	.read		= pipe_read,
	.write		= pipe_write,
	.write_kernel	= pipe_write_kernel,
	.poll		= pipe_poll,
	.unlocked_ioctl	= pipe_ioctl,
	.release	= pipe_release,
};

/* Take one more file on the pipe (under pipe_files_lock). */
void pipe_get_files(struct pipe_inode_info *pipe, unsigned int n)
{
	spin_lock(&pipe_files_lock);
	pipe->files += n;
	spin_unlock(&pipe_files_lock);
}

/*
 * FIFOs. An open for reading waits for a writer and one for writing waits for a reader
 * (the counters tell a sleeper that a partner came, even if it left again since);
 * O_NONBLOCK: a reader goes on at once, a writer with no reader gets -ENXIO; O_RDWR never
 * waits. The pipe is made by the first open and freed by the last close.
 */
static int wait_for_partner(struct pipe_inode_info *pipe, unsigned int *counter)
{
	unsigned int cur = *counter;
	int ret;

	mutex_unlock(&pipe->mutex);
	ret = wait_event_interruptible(pipe->rd_wait, READ_ONCE(*counter) != cur);
	mutex_lock(&pipe->mutex);
	return ret;
}

static void wake_up_partner(struct pipe_inode_info *pipe)
{
	wake_up(&pipe->rd_wait);
	wake_up(&pipe->wr_wait);
}

static struct pipe_inode_info *fifo_get_pipe(struct inode *inode)
{
	struct pipe_inode_info *pipe, *fresh = NULL;

	for (;;) {
		spin_lock(&pipe_files_lock);
		pipe = inode->i_pipe;
		if (pipe) {
			pipe->files++;
		} else if (fresh) {
			pipe = inode->i_pipe = fresh;
			pipe->files = 1;
			fresh = NULL;
		}
		spin_unlock(&pipe_files_lock);
		if (fresh)
			free_pipe_info(fresh);	/* another opener made it first */
		if (pipe)
			return pipe;
		fresh = alloc_pipe_info();	/* not under the spinlock: it may sleep */
		if (!fresh)
			return NULL;
	}
}

static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *pipe = fifo_get_pipe(inode);
	bool nonblock = f->f_flags & O_NONBLOCK;
	int ret = 0;

	if (!pipe)
		return -ENOMEM;
	f->private_data = pipe;
	mutex_lock(&pipe->mutex);
	switch (f->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		if (pipe->readers++ == 0)
			wake_up_partner(pipe);
		if (!pipe->writers && !nonblock)
			ret = wait_for_partner(pipe, &pipe->w_counter);
		break;
	case FMODE_WRITE:
		if (nonblock && !pipe->readers) {
			ret = -ENXIO;
			break;
		}
		pipe->w_counter++;
		if (!pipe->writers++)
			wake_up_partner(pipe);
		if (!pipe->readers)
			ret = wait_for_partner(pipe, &pipe->r_counter);
		break;
	case FMODE_READ | FMODE_WRITE:
		pipe->readers++;
		pipe->writers++;
		pipe->r_counter++;
		pipe->w_counter++;
		if (pipe->readers == 1 || pipe->writers == 1)
			wake_up_partner(pipe);
		break;
	default:
		ret = -EINVAL;
	}
	if (ret) {
		/* Undo this open's count; the release path is not run for a failed open. */
		if ((f->f_mode & FMODE_READ) && ret != -ENXIO)
			pipe->readers--;
		if ((f->f_mode & FMODE_WRITE) && ret != -ENXIO)
			pipe->writers--;
		mutex_unlock(&pipe->mutex);
		wake_up_partner(pipe);
		spin_lock(&pipe_files_lock);
		if (!--pipe->files) {
			inode->i_pipe = NULL;
			spin_unlock(&pipe_files_lock);
			free_pipe_info(pipe);
		} else {
			spin_unlock(&pipe_files_lock);
		}
		f->private_data = NULL;
		return ret;
	}
	mutex_unlock(&pipe->mutex);
	return 0;
}

/* The file operations of every S_IFIFO inode. */
const struct file_operations pipefifo_fops = {
	.open		= fifo_open,
	.llseek		= no_llseek,
	.read		= pipe_read,
	.write		= pipe_write,
	.write_kernel	= pipe_write_kernel,
	.poll		= pipe_poll,
	.unlocked_ioctl	= pipe_ioctl,
	.release	= pipe_release,
};
