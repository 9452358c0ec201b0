// SPDX-License-Identifier: GPL-2.0
/*
 * Descriptor calls: dup, dup2, dup3, fcntl (fcntl64 and the 32-bit ABIs' compat entries),
 * close_range. The table itself (slots, close-on-exec bits, its lock) is fs/file.c's.
 *
 * Record locks (F_GETLK, F_SETLK, F_SETLKW, the 32-bit ABIs' 64-bit forms, the OFD forms)
 * are fs/locks.c's; here each ABI's struct flock is read and written. F_GETOWN/F_SETOWN (no
 * SIGIO yet), leases, dnotify and seals are not implemented: -EINVAL, as for any command
 * Linux does not know. Pipe sizes are fs/pipe.c's (pipe_fcntl).
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
#include <linux/filelock.h>
#include <linux/uaccess.h>

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
		return -EINVAL;
	}
}

/* A record lock command with the kernel's struct flock64; GETLK writes its answer back. */
static long do_lock_cmd(struct file *f, unsigned int cmd, struct flock64 *fl)
{
	switch (cmd) {
	case F_GETLK:
	case F_GETLK64:
	case F_OFD_GETLK:
		return fcntl_getlk(f, cmd, fl);
	default:
		return fcntl_setlk(f, cmd, fl);
	}
}

static bool is_lock_cmd(unsigned int cmd)
{
	return cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_GETLK ||
	       cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
}

/* The 64-bit ABIs' struct flock: 32 bytes, the kernel's own form. */
static long native_lock_cmd(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct flock64 __user *ufl = (struct flock64 __user *)arg;
	struct flock64 fl;
	long ret;

	if (copy_from_user(&fl, ufl, sizeof(fl)))
		return -EFAULT;
	ret = do_lock_cmd(f, cmd, &fl);
	if (!ret && (cmd == F_GETLK || cmd == F_OFD_GETLK) && copy_to_user(ufl, &fl, sizeof(fl)))
		return -EFAULT;
	return ret;
}

/*
 * The 32-bit ABIs. struct flock: 32-bit offsets and length (16 bytes, both ABIs). struct
 * flock64: 64-bit ones, laid out as each ABI aligns a 64-bit member: i386 packs it (24
 * bytes), arm's EABI aligns it to 8 (32 bytes).
 */
struct compat_flock {
	short l_type;
	short l_whence;
	compat_off_t l_start;
	compat_off_t l_len;
	compat_pid_t l_pid;
};

#ifdef CONFIG_ARM64
struct compat_flock64 {
	short l_type;
	short l_whence;
	compat_loff_t l_start;
	compat_loff_t l_len;
	compat_pid_t l_pid;
};
#else
struct compat_flock64 {
	short l_type;
	short l_whence;
	compat_loff_t l_start;
	compat_loff_t l_len;
	compat_pid_t l_pid;
} __attribute__((packed));
#endif

/* fcntl64: struct flock for the plain commands, flock64 for the 64 and OFD ones. */
static long compat_lock_cmd(struct file *f, unsigned int cmd, compat_ulong_t arg)
{
	void __user *uarg = compat_ptr(arg);
	bool plain = cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW;
	bool get = cmd == F_GETLK || cmd == F_GETLK64 || cmd == F_OFD_GETLK;
	struct flock64 fl;
	long ret;

	if (plain) {
		struct compat_flock cfl;

		if (copy_from_user(&cfl, uarg, sizeof(cfl)))
			return -EFAULT;
		fl = (struct flock64){ cfl.l_type, cfl.l_whence, cfl.l_start, cfl.l_len, cfl.l_pid };
		ret = do_lock_cmd(f, cmd, &fl);
		if (ret || !get)
			return ret;
		/* A start past 2 GiB cannot be told in 32 bits: EOVERFLOW; a length is cut to
		 * the largest one (Linux's fixup_compat_flock). */
		if (fl.l_start > 0x7fffffff)
			return -EOVERFLOW;
		if (fl.l_len > 0x7fffffff)
			fl.l_len = 0x7fffffff;
		cfl = (struct compat_flock){ fl.l_type, fl.l_whence, fl.l_start, fl.l_len, fl.l_pid };
		return copy_to_user(uarg, &cfl, sizeof(cfl)) ? -EFAULT : 0;
	} else {
		struct compat_flock64 cfl;

		if (copy_from_user(&cfl, uarg, sizeof(cfl)))
			return -EFAULT;
		fl = (struct flock64){ cfl.l_type, cfl.l_whence, cfl.l_start, cfl.l_len, cfl.l_pid };
		ret = do_lock_cmd(f, cmd == F_GETLK64 ? F_GETLK : cmd == F_SETLK64 ? F_SETLK :
				  cmd == F_SETLKW64 ? F_SETLKW : cmd, &fl);
		if (ret || !get)
			return ret;
		memset(&cfl, 0, sizeof(cfl));
		cfl.l_type = fl.l_type;
		cfl.l_whence = fl.l_whence;
		cfl.l_start = fl.l_start;
		cfl.l_len = fl.l_len;
		cfl.l_pid = fl.l_pid;
		return copy_to_user(uarg, &cfl, sizeof(cfl)) ? -EFAULT : 0;
	}
}

static bool is_compat_lock_cmd(unsigned int cmd)
{
	return is_lock_cmd(cmd) || cmd == F_GETLK64 || cmd == F_SETLK64 || cmd == F_SETLKW64;
}

/* What an O_PATH descriptor may ask (Linux's check_fcntl_cmd); anything else is EBADF. */
static bool path_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD || cmd == F_SETFD ||
	       cmd == F_GETFL;
}

/* Every ABI's fcntl: the file, O_PATH's limits, then the command in the caller's layout. */
static long fcntl_fd(unsigned int fd, unsigned int cmd, unsigned long arg, bool compat)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_PATH && !path_fcntl_cmd(cmd))
		ret = -EBADF;
	else if (compat && is_compat_lock_cmd(cmd))
		ret = compat_lock_cmd(f, cmd, arg);
	else if (!compat && is_lock_cmd(cmd))
		ret = native_lock_cmd(f, cmd, arg);
	else
		ret = do_fcntl(fd, cmd, arg, f);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	return fcntl_fd(fd, cmd, arg, false);
}

/* The argument is a 32-bit word (zero-extended, as Linux's compat_ulong_t). */
COMPAT_SYSCALL_DEFINE3(fcntl64, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg)
{
	return fcntl_fd(fd, cmd, arg, true);
}

/* Plain fcntl on a 32-bit ABI has no 64-bit lock forms (nor the OFD ones, which use flock64). */
COMPAT_SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg)
{
	if (cmd == F_GETLK64 || cmd == F_SETLK64 || cmd == F_SETLKW64 || cmd == F_OFD_GETLK ||
	    cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW)
		return -EINVAL;
	return fcntl_fd(fd, cmd, arg, true);
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
