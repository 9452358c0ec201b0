// SPDX-License-Identifier: GPL-2.0
/*
 * open, openat, close, lseek on the ramfs, and the per-task descriptor table. ramfs is
 * read-only (it is the initramfs): opening for writing or creating gives -EROFS.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include "internal.h"
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/compat.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_CREAT		00000100
#define O_TRUNC		00001000
#define O_CLOEXEC	02000000
#ifdef CONFIG_ARM64
#define O_LARGEFILE	00400000	/* arm64 keeps arm's value */
#else
#define O_LARGEFILE	00100000
#endif
#define AT_FDCWD	-100
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

static ssize_t ramfs_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	struct inode *i = f->f_inode;
	size_t n;

	if (S_ISDIR(i->i_mode))
		return -EISDIR;
	if (*pos >= (loff_t)i->i_size)
		return 0;
	n = min(len, (size_t)(i->i_size - *pos));
	if (copy_to_user(buf, (const char *)i->i_private + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

static const struct file_operations ramfs_fops = { .read = ramfs_read };


static long do_open(int dfd, const char __user *filename, int flags)
{
	char path[256];
	long n = strncpy_from_user(path, filename, sizeof(path));
	struct inode *inode;
	struct file *f;
	int fd;

	if (n < 0)
		return -EFAULT;
	if (n == sizeof(path))
		return -ENAMETOOLONG;
	if (!n)
		return -ENOENT;
	if (path[0] != '/' && dfd != AT_FDCWD)
		return -ENOTDIR;	/* only absolute paths or the root as cwd so far */
	inode = ramfs_lookup(path);
	if (!inode)
		return (flags & O_CREAT) ? -EROFS : -ENOENT;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EROFS;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	f->f_op = &ramfs_fops;
	f->f_inode = inode;
	f->f_flags = flags;
	f->f_count = 1;
	fd = fd_install_lowest(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		kfree(f);
	return fd;
}

/*
 * A 64-bit program's files are all "large" (its off_t has 64 bits): the native entries add
 * O_LARGEFILE. A 32-bit program asks for it (glibc does); the compat entries take its flags
 * as they are, which is all that differs.
 */
SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_open(dfd, filename, flags | O_LARGEFILE);
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_open(AT_FDCWD, filename, flags | O_LARGEFILE);
}

COMPAT_SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		       umode_t, mode)
{
	return do_open(dfd, filename, flags);
}

COMPAT_SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_open(AT_FDCWD, filename, flags);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

static loff_t do_lseek(struct file *f, loff_t off, unsigned int whence)
{
	loff_t base;

	if (!f->f_inode)
		return -ESPIPE;		/* the console cannot seek */
	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = f->f_inode->i_size; break;
	default: return -EINVAL;
	}
	if (base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

/* lseek on fd, holding a reference to the file meanwhile. */
static loff_t fd_lseek(unsigned int fd, loff_t offset, unsigned int whence)
{
	struct file *f = fget(fd);
	loff_t r;

	if (!f)
		return -EBADF;
	r = do_lseek(f, offset, whence);
	fput(f);
	return r;
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, long, offset, unsigned int, whence)
{
	return fd_lseek(fd, offset, whence);
}

/*
 * A 32-bit off_t: the offset register is signed, so lseek(fd, -1, SEEK_END) is one byte
 * before the end, not 4 GiB past it (the native entry would zero-extend it).
 */
COMPAT_SYSCALL_DEFINE3(lseek, unsigned int, fd, compat_off_t, offset, unsigned int, whence)
{
	return fd_lseek(fd, offset, whence);
}

/* i386 _llseek: a 64-bit offset in two halves, the result stored through a pointer. */
SYSCALL_DEFINE5(llseek, unsigned int, fd, unsigned long, offset_high, unsigned long, offset_low,
		loff_t __user *, result, unsigned int, whence)
{
	loff_t r = fd_lseek(fd, (loff_t)((u64)offset_high << 32 | (u32)offset_low), whence);

	if (r < 0)
		return r;
	return put_user(r, result) ? -EFAULT : 0;
}
