// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor calls: dup, dup2, dup3, fcntl (fcntl64 and the 32-bit ABIs' compat entries),
 * close_range. The table itself (slots, close-on-exec bits, its lock) is fs/file.c's.
 *
 * Record locks (F_GETLK, F_SETLK, F_SETLKW, their 64-bit and OFD forms) are not
 * implemented: -EINVAL, as for any command Linux does not know. So are F_GETOWN/F_SETOWN
 * (no SIGIO yet), leases, dnotify and seals. Pipe sizes are fs/pipe.c's (pipe_fcntl).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/errno.h>

/* The flags F_SETFL may change; the access mode and creation flags stay as open set them. */
#define SETFL_MASK (O_APPEND | O_NONBLOCK | FASYNC | O_DIRECT | O_NOATIME)

static int dupfd(struct file *f, unsigned long from, bool cloexec)
{
	int fd;

	if (from >= task_rlimit(current, RLIMIT_NOFILE) || from >= NR_OPEN_MAX)
		return -EINVAL;
	fd = fd_install_lowest(get_file(f), from, cloexec);
	if (fd < 0)
		fput(f);
	return fd;
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *f = fget(fildes);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install_lowest(f, 0, false);	/* the reference fget took goes to the slot */
	if (fd < 0)
		fput(f);
	return fd;
}

static long do_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *f;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	return replace_fd(newfd, f, flags & O_CLOEXEC);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return do_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd)
		return fd_is_open(oldfd) ? (long)newfd : -EBADF;
	return do_dup3(oldfd, newfd, 0);
}

static long setfl(struct file *f, unsigned long arg)
{
	unsigned long flags;

	/* O_NOATIME only by the file's owner or CAP_FOWNER, as at open (Linux's setfl). */
	if ((arg & O_NOATIME) && !(f->f_flags & O_NOATIME) && f->f_inode &&
	    !inode_owner_or_capable(f->f_inode))
		return -EPERM;
	/* No file system here does direct I/O (Linux's tmpfs refuses it too). */
	if (arg & O_DIRECT)
		return -EINVAL;
	spin_lock_irqsave(&f->f_lock, flags);
	f->f_flags = (arg & SETFL_MASK) | (f->f_flags & ~SETFL_MASK);
	spin_unlock_irqrestore(&f->f_lock, flags);
	return 0;
}

static long do_fcntl(int fd, unsigned int cmd, unsigned long arg, struct file *f)
{
	switch (cmd) {
	case F_DUPFD:
		return dupfd(f, arg, false);
	case F_DUPFD_CLOEXEC:
		return dupfd(f, arg, true);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return f->f_flags;
	case F_SETFL:
		return setfl(f, arg);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(f, cmd, arg);		/* -EBADF for what is not a pipe */
	default:
		return -EINVAL;		/* record locks included: see the top of the file */
	}
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

/*
 * The 32-bit ABIs: the argument is a 32-bit word (zero-extended, as Linux's compat_ulong_t),
 * and struct flock/flock64 would differ here, were locks implemented. fcntl64 also knows
 * F_GETLK64 and friends, which plain fcntl refuses; with no locks both answer -EINVAL.
 */
COMPAT_SYSCALL_DEFINE3(fcntl64, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

COMPAT_SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(close_range, unsigned int, fd, unsigned int, max_fd, unsigned int, flags)
{
	int ret;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	if (flags & CLOSE_RANGE_UNSHARE) {
		ret = unshare_fd();
		if (ret)
			return ret;
	}
	close_fd_range(fd, max_fd, flags & CLOSE_RANGE_CLOEXEC);
	return 0;
}
