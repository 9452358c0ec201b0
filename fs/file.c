// SPDX-License-Identifier: GPL-2.0
/*
 * File descriptor tables (linux/fdtable.h): lookup with a reference, install at the lowest
 * free slot, close, copy at fork, close-on-exec at exec.
 */
#include <linux/kernel.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/resource.h>
#include <linux/filelock.h>

#define BITS_PER_LONG_ (8 * sizeof(long))

struct file *get_file(struct file *f)
{
	__atomic_fetch_add(&f->f_count, 1, __ATOMIC_RELAXED);
	return f;
}

/* The last reference: the driver's release, then the file's inode and path go. */
void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	locks_remove_file(f);
	if (f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	if (f->f_mode & FMODE_WRITER)
		put_write_access(f->f_inode);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	iput(f->f_inode);
	kfree(f);
}

struct file *fget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds && files->fd[fd])
		f = get_file(files->fd[fd]);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

struct fd fdget(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	if (files && __atomic_load_n(&files->count, __ATOMIC_RELAXED) == 1) {
		f = fd < files->max_fds ? files->fd[fd] : NULL;
		return (struct fd){ f, 0 };
	}
	f = fget(fd);
	return (struct fd){ f, f ? FDPUT_FPUT : 0 };
}

struct files_struct *alloc_files(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->count = 1;
	spin_lock_init(&files->lock);
	files->max_fds = NR_OPEN_DEFAULT;
	files->fd = files->fd_array;
	files->close_on_exec = files->cloexec_init;
	return files;
}

static void free_arrays(struct files_struct *files)
{
	if (files->fd != files->fd_array)
		kfree(files->fd);
	if (files->close_on_exec != files->cloexec_init)
		kfree(files->close_on_exec);
}

/*
 * Give files room for at least n slots (n <= the limit): 0 or -ENOMEM. Called with the lock
 * held and interrupts off; kmalloc does not sleep here.
 */
static int expand_files(struct files_struct *files, unsigned int n)
{
	unsigned int max = files->max_fds;
	struct file **fd;
	unsigned long *bits;

	while (max < n)
		max *= 2;
	if (max == files->max_fds)
		return 0;
	fd = kzalloc(max * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(max / 8, GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
	memcpy(bits, files->close_on_exec, files->max_fds / 8);
	free_arrays(files);
	files->fd = fd;
	files->close_on_exec = bits;
	files->max_fds = max;
	return 0;
}

static void set_cloexec(struct files_struct *files, unsigned int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG_);

	if (on)
		files->close_on_exec[fd / BITS_PER_LONG_] |= bit;
	else
		files->close_on_exec[fd / BITS_PER_LONG_] &= ~bit;
}

int fd_install_lowest(struct file *f, unsigned int start, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned long limit = task_rlimit(current, RLIMIT_NOFILE), flags;
	unsigned int fd;
	int ret;

	if (limit > NR_OPEN_MAX)
		limit = NR_OPEN_MAX;
	spin_lock_irqsave(&files->lock, flags);
	for (fd = start; fd < files->max_fds && files->fd[fd]; fd++)
		;
	ret = -EMFILE;
	if (fd >= limit)
		goto out;
	ret = expand_files(files, fd + 1);
	if (ret)
		goto out;
	files->fd[fd] = f;
	set_cloexec(files, fd, cloexec);
	ret = fd;
out:
	spin_unlock_irqrestore(&files->lock, flags);
	return ret;
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds) {
		f = files->fd[fd];
		files->fd[fd] = NULL;
		set_cloexec(files, fd, false);
	}
	spin_unlock_irqrestore(&files->lock, flags);
	if (!f)
		return -EBADF;
	filp_close(f, files);
	return 0;
}

/*
 * A descriptor of files goes: its owner's POSIX locks on the file go with it (POSIX); not
 * for an O_PATH descriptor, which is only a place (Linux's filp_close).
 */
void filp_close(struct file *f, struct files_struct *files)
{
	if (!(f->f_mode & FMODE_PATH))
		locks_remove_posix(f, files);
	fput(f);
}

struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = alloc_files();
	unsigned long flags;

	if (!files)
		return NULL;
	spin_lock_irqsave(&old->lock, flags);
	if (expand_files(files, old->max_fds)) {
		spin_unlock_irqrestore(&old->lock, flags);
		put_files_struct(files);
		return NULL;
	}
	for (unsigned int fd = 0; fd < old->max_fds; fd++)
		if (old->fd[fd])
			files->fd[fd] = get_file(old->fd[fd]);
	memcpy(files->close_on_exec, old->close_on_exec, old->max_fds / 8);
	spin_unlock_irqrestore(&old->lock, flags);
	return files;
}

void put_files_struct(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->count, 1, __ATOMIC_ACQ_REL))
		return;
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd])
			filp_close(files->fd[fd], files);
	free_arrays(files);
	kfree(files);
}

void set_close_on_exec(unsigned int fd, int flag)
{
	struct files_struct *files = current->files;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds)
		set_cloexec(files, fd, flag);
	spin_unlock_irqrestore(&files->lock, flags);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		unsigned long flags;
		struct file *f = NULL;

		spin_lock_irqsave(&files->lock, flags);
		if (files->close_on_exec[fd / BITS_PER_LONG_] & (1UL << (fd % BITS_PER_LONG_))) {
			f = files->fd[fd];
			files->fd[fd] = NULL;
			set_cloexec(files, fd, false);
		}
		spin_unlock_irqrestore(&files->lock, flags);
		if (f)
			filp_close(f, files);
	}
}

bool fd_is_open(unsigned int fd)
{
	struct file *f = fget(fd);

	if (f)
		fput(f);
	return f != NULL;
}

/* ---- dup2/dup3, close-on-exec and close_range (fs/fcntl.c's calls) ---- */

int replace_fd(unsigned int fd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned long limit = task_rlimit(current, RLIMIT_NOFILE), flags;
	struct file *old;
	int ret;

	if (limit > NR_OPEN_MAX)
		limit = NR_OPEN_MAX;
	if (fd >= limit) {
		fput(f);
		return -EBADF;
	}
	spin_lock_irqsave(&files->lock, flags);
	ret = expand_files(files, fd + 1);
	if (ret) {
		spin_unlock_irqrestore(&files->lock, flags);
		fput(f);
		return ret;
	}
	old = files->fd[fd];
	files->fd[fd] = f;
	set_cloexec(files, fd, cloexec);
	spin_unlock_irqrestore(&files->lock, flags);
	if (old)
		filp_close(old, files);	/* outside the lock: the last fput may release the file */
	return fd;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	unsigned long flags;
	bool on = false;

	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds)
		on = files->close_on_exec[fd / BITS_PER_LONG_] & (1UL << (fd % BITS_PER_LONG_));
	spin_unlock_irqrestore(&files->lock, flags);
	return on;
}

void close_fd_range(unsigned int fd, unsigned int max_fd, bool cloexec)
{
	struct files_struct *files = current->files;

	/* One slot per lock hold: fput may sleep, and another thread may open meanwhile. */
	for (; fd <= max_fd; fd++) {
		unsigned long flags;
		struct file *f = NULL;

		spin_lock_irqsave(&files->lock, flags);
		if (fd >= files->max_fds) {
			spin_unlock_irqrestore(&files->lock, flags);
			break;
		}
		if (files->fd[fd]) {
			if (cloexec) {
				set_cloexec(files, fd, true);
			} else {
				f = files->fd[fd];
				files->fd[fd] = NULL;
				set_cloexec(files, fd, false);
			}
		}
		spin_unlock_irqrestore(&files->lock, flags);
		if (f)
			filp_close(f, files);
		if (fd == ~0U)
			break;
	}
}

int unshare_fd(void)
{
	struct files_struct *old = current->files, *copy;
	unsigned long flags;

	if (__atomic_load_n(&old->count, __ATOMIC_ACQUIRE) == 1)
		return 0;
	copy = dup_fd(old);
	if (!copy)
		return -ENOMEM;
	/* procfs reads another task's ->files (and takes its reference) under tasklist_lock,
	 * as exec and exit change it: so do we. Only this task reads it without the lock. */
	spin_lock_irqsave(&tasklist_lock, flags);
	current->files = copy;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	put_files_struct(old);
	return 0;
}
