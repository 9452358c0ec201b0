// SPDX-License-Identifier: GPL-2.0
/*
 * sync, syncfs, fsync, fdatasync. Every file system Ferry has keeps its data in memory
 * (tmpfs, proc, devtmpfs), so there is nothing to write back: sync and syncfs only check
 * their argument. fsync asks the file's own operation, and a file without one (a pipe, a
 * terminal, a device) cannot be synced: -EINVAL, as Linux. File systems whose files can be
 * synced and have nothing to do plug in a fsync returning 0 (tmpfs's noop_fsync).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <linux/errno.h>

SYSCALL_DEFINE0(sync)
{
	return 0;
}

SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

static long do_fsync(unsigned int fd, int datasync)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = f->f_op && f->f_op->fsync ? f->f_op->fsync(f, datasync) : -EINVAL;
	fput(f);
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd, 1);
}
