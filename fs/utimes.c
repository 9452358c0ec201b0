// SPDX-License-Identifier: GPL-2.0
/*
 * Setting a file's access and modification times: utimensat (the 64-bit time layout, and
 * i386's/arm's utimensat_time32), futimesat, utimes and utime in each ABI's layouts.
 *
 * The rules (Linux's): a NULL times, or UTIME_NOW for both, means "now" and needs only
 * write permission (or ownership); any explicit time (or UTIME_OMIT) needs ownership or
 * CAP_FOWNER (EPERM). A nanosecond field outside 0..999,999,999 that is neither UTIME_NOW
 * nor UTIME_OMIT is EINVAL, and so is a microsecond field outside 0..999,999.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

/* The user layouts. */
struct __kernel_timespec {
	s64 tv_sec;
	long long tv_nsec;
};
struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};
struct utimbuf {			/* utime(2) on x86_64 */
	long actime, modtime;
};
struct old_utimbuf32 {			/* utime(2) on i386 */
	s32 actime, modtime;
};

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

static int vfs_utimes(const struct path *p, struct timespec64 *times)
{
	struct inode *inode = p->dentry->d_inode;
	struct iattr attr = { 0 };
	int err;

	if ((p->mnt && (p->mnt->mnt_flags & MNT_RDONLY)) ||
	    (inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY)))
		return -EROFS;
	if (times && times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
		times = NULL;
	attr.ia_valid = ATTR_CTIME | ATTR_MTIME | ATTR_ATIME;
	if (times) {
		if (times[0].tv_nsec == UTIME_OMIT) {
			attr.ia_valid &= ~ATTR_ATIME;
		} else if (times[0].tv_nsec != UTIME_NOW) {
			attr.ia_atime = times[0];
			attr.ia_valid |= ATTR_ATIME_SET;
		}
		if (times[1].tv_nsec == UTIME_OMIT) {
			attr.ia_valid &= ~ATTR_MTIME;
		} else if (times[1].tv_nsec != UTIME_NOW) {
			attr.ia_mtime = times[1];
			attr.ia_valid |= ATTR_MTIME_SET;
		}
		attr.ia_valid |= ATTR_TIMES_SET;
	} else {
		attr.ia_valid |= ATTR_TOUCH;
	}
	mutex_lock(&inode->i_mutex);
	err = notify_change(p->dentry, &attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}

/* filename NULL with a real dfd: that open file itself (futimens). */
static long do_utimes(int dfd, const char __user *filename, struct timespec64 *times,
		      int flags)
{
	unsigned int lookup = 0;
	struct path p;
	int err;

	if (times && (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec)))
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!filename && dfd != AT_FDCWD) {
		struct file *f;

		if (flags)
			return -EINVAL;
		f = fget(dfd);
		if (!f)
			return -EBADF;
		err = f->f_path.dentry ? vfs_utimes(&f->f_path, times) : -EBADF;
		fput(f);
		return err;
	}
	if (!(flags & AT_SYMLINK_NOFOLLOW))
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup, &p);	/* a NULL name: -EFAULT */
	if (err)
		return err;
	err = vfs_utimes(&p, times);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename,
		struct __kernel_timespec __user *, utimes, int, flags)
{
	struct __kernel_timespec u[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, flags);
	if (copy_from_user(u, utimes, sizeof(u)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		t[i].tv_sec = u[i].tv_sec;
		/* A 32-bit program's tv_nsec is 32 bits and padding: the padding is ignored. */
		t[i].tv_nsec = in_compat_syscall() ? (long)(u32)u[i].tv_nsec : (long)u[i].tv_nsec;
	}
	return do_utimes(dfd, filename, t, flags);
}

static long do_futimesat(int dfd, const char __user *filename, struct timespec64 *t)
{
	if (t && (t[0].tv_nsec < 0 || t[0].tv_nsec >= 1000000000 ||
		  t[1].tv_nsec < 0 || t[1].tv_nsec >= 1000000000))
		return -EINVAL;
	return do_utimes(dfd, filename, t, 0);
}

static long futimesat_native(int dfd, const char __user *filename,
			     struct __kernel_old_timeval __user *utimes)
{
	struct __kernel_old_timeval tv[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i].tv_sec = tv[i].tv_sec;
		t[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return do_futimesat(dfd, filename, t);
}

SYSCALL_DEFINE3(futimesat, int, dfd, const char __user *, filename,
		struct __kernel_old_timeval __user *, utimes)
{
	return futimesat_native(dfd, filename, utimes);
}

SYSCALL_DEFINE2(utimes, char __user *, filename, struct __kernel_old_timeval __user *, utimes)
{
	return futimesat_native(AT_FDCWD, filename, utimes);
}

SYSCALL_DEFINE2(utime, char __user *, filename, struct utimbuf __user *, times)
{
	struct utimbuf u;
	struct timespec64 t[2];

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&u, times, sizeof(u)))
		return -EFAULT;
	t[0] = (struct timespec64){ u.actime, 0 };
	t[1] = (struct timespec64){ u.modtime, 0 };
	return do_utimes(AT_FDCWD, filename, t, 0);
}

/* ---- the 32-bit time layouts (i386, arm): Linux's *_time32 entry points ---- */

SYSCALL_DEFINE4(utimensat_time32, unsigned int, dfd, const char __user *, filename,
		struct old_timespec32 __user *, utimes, int, flags)
{
	struct old_timespec32 u[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, flags);
	if (copy_from_user(u, utimes, sizeof(u)))
		return -EFAULT;
	for (int i = 0; i < 2; i++)
		t[i] = (struct timespec64){ u[i].tv_sec, u[i].tv_nsec };
	return do_utimes(dfd, filename, t, flags);
}

static long futimesat32(unsigned int dfd, const char __user *filename,
			struct old_timeval32 __user *utimes)
{
	struct old_timeval32 tv[2];
	struct timespec64 t[2];

	if (!utimes)
		return do_utimes(dfd, filename, NULL, 0);
	if (copy_from_user(tv, utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		t[i] = (struct timespec64){ tv[i].tv_sec, (long)tv[i].tv_usec * 1000 };
	}
	return do_futimesat(dfd, filename, t);
}

SYSCALL_DEFINE3(futimesat_time32, unsigned int, dfd, const char __user *, filename,
		struct old_timeval32 __user *, t)
{
	return futimesat32(dfd, filename, t);
}

SYSCALL_DEFINE2(utimes_time32, const char __user *, filename, struct old_timeval32 __user *, t)
{
	return futimesat32(AT_FDCWD, filename, t);
}

SYSCALL_DEFINE2(utime32, const char __user *, filename, struct old_utimbuf32 __user *, times)
{
	struct old_utimbuf32 u;
	struct timespec64 t[2];

	if (!times)
		return do_utimes(AT_FDCWD, filename, NULL, 0);
	if (copy_from_user(&u, times, sizeof(u)))
		return -EFAULT;
	t[0] = (struct timespec64){ u.actime, 0 };
	t[1] = (struct timespec64){ u.modtime, 0 };
	return do_utimes(AT_FDCWD, filename, t, 0);
}
