// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl(2): the commands every file takes (do_vfs_ioctl), then the file's own
 * (f_op->unlocked_ioctl, or f_op->compat_ioctl for a 32-bit caller), as Linux 6.1:
 *
 *   EBADF    fd is not open
 *   FIOCLEX / FIONCLEX   set / clear close-on-exec
 *   FIONBIO  *(int *)arg turns O_NONBLOCK on or off
 *   FIOASYNC *(int *)arg: ENOTTY when it would change O_ASYNC (no file has ->fasync here)
 *   FIOQSIZE a regular file's, directory's or symlink's size as a loff_t; else ENOTTY
 *   FIONREAD a regular file's bytes after the offset as an int; other files answer it
 *   ENOTTY   the file has no ioctl, or does not know the command (-ENOIOCTLCMD)
 * A bad pointer in arg is EFAULT (get_user/put_user).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <uapi/asm-generic/ioctls.h>

#define ENOIOCTLCMD	515
#ifndef O_NONBLOCK
#define O_NONBLOCK	00004000
#endif
#ifndef FASYNC
#define FASYNC		00020000
#endif

/* The file's own ioctl: ENOTTY when it has none or does not know cmd. */
static long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	long ret;

	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	ret = f->f_op->unlocked_ioctl(f, cmd, arg);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

static int ioctl_fionbio(struct file *f, int __user *argp)
{
	unsigned long flags;
	int on;

	if (get_user(on, argp))
		return -EFAULT;
	spin_lock_irqsave(&f->f_lock, flags);
	if (on)
		f->f_flags |= O_NONBLOCK;
	else
		f->f_flags &= ~O_NONBLOCK;
	spin_unlock_irqrestore(&f->f_lock, flags);
	return 0;
}

static int ioctl_fioasync(struct file *f, int __user *argp)
{
	int on;

	if (get_user(on, argp))
		return -EFAULT;
	if (((on ? FASYNC : 0) ^ f->f_flags) & FASYNC)
		return -ENOTTY;		/* Linux's answer for a file without ->fasync */
	return 0;
}

/* The commands every file takes: their result, or -ENOIOCTLCMD for the file's own. */
static long do_vfs_ioctl(struct file *f, unsigned int fd, unsigned int cmd, unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct inode *inode = file_inode(f);

	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, 1);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, 0);
		return 0;
	case FIONBIO:
		return ioctl_fionbio(f, argp);
	case FIOASYNC:
		return ioctl_fioasync(f, argp);
	case FIOQSIZE:
		if (inode && (S_ISDIR(inode->i_mode) || S_ISREG(inode->i_mode) ||
			      S_ISLNK(inode->i_mode)))
			return copy_to_user(argp, &inode->i_size, sizeof(loff_t)) ? -EFAULT : 0;
		return -ENOTTY;
	case FIONREAD:
		if (!inode || !S_ISREG(inode->i_mode))
			return vfs_ioctl(f, cmd, arg);
		return put_user((int)(inode->i_size - f->f_pos), (int __user *)argp) ? -EFAULT : 0;
	}
	return -ENOIOCTLCMD;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_vfs_ioctl(f, fd, cmd, arg);
	if (ret == -ENOIOCTLCMD)
		ret = vfs_ioctl(f, cmd, arg);
	fput(f);
	return ret;
}

/*
 * A 32-bit caller: the generic commands take an int pointer, widened here; the rest go to
 * the file's compat_ioctl, which knows its own layouts (ENOTTY without one).
 */
COMPAT_SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, compat_ulong_t, arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = do_vfs_ioctl(f, fd, cmd, (unsigned long)compat_ptr(arg));
	if (ret == -ENOIOCTLCMD) {
		if (f->f_op->compat_ioctl)
			ret = f->f_op->compat_ioctl(f, cmd, (unsigned long)compat_ptr(arg));
		if (ret == -ENOIOCTLCMD)
			ret = -ENOTTY;
	}
	fput(f);
	return ret;
}
