// SPDX-License-Identifier: GPL-2.0
/*
 * stat and its family for every ABI: newstat/newlstat/newfstat/newfstatat (native),
 * statx, the 32-bit ABIs' stat/lstat/fstat (struct compat_stat), stat64/lstat64/fstat64/
 * fstatat64 (struct stat64), i386's oldstat/oldlstat/oldfstat; and readlink/readlinkat.
 * One vfs_getattr() fills struct kstat; each entry only lays it out (include/linux/stat.h)
 * with Linux's EOVERFLOW where a field does not fit.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/stat.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/fcntl.h>
#include "internal.h"

#define MAX_NON_LFS	0x7fffffffUL

int vfs_getattr(const struct path *p, struct kstat *st)
{
	struct inode *inode = p->dentry->d_inode;

	__builtin_memset(st, 0, sizeof(*st));	/* inline stores, not a call */
	st->dev = inode->i_sb->s_dev;
	st->ino = inode->i_ino;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->rdev = inode->i_rdev;
	st->size = inode->i_size;
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	st->blksize = PAGE_SIZE;
	st->blocks = inode->i_blocks;
	if (inode->i_op && inode->i_op->getattr)
		return inode->i_op->getattr(p, st);
	return 0;
}

static int vfs_fstat(unsigned int fd, struct kstat *st);

/* fd with AT_EMPTY_PATH and the name "": a file with no name (a pipe end, the console) has
 * no path to walk, so it is answered as fstat answers it. glibc's fstat is newfstatat(fd,
 * "", AT_EMPTY_PATH), and statx(fd, "", AT_EMPTY_PATH) on the 32-bit ABIs. */
static bool empty_path_on_pathless(int dfd, const char __user *name, int flags)
{
	struct file *f;
	bool pathless;
	char c;

	if (!(flags & AT_EMPTY_PATH) || dfd < 0 || get_user(c, name) || c)
		return false;
	f = fget(dfd);
	if (!f)
		return false;		/* the walk answers EBADF */
	pathless = !f->f_path.dentry;
	fput(f);
	return pathless;
}

/* The place flags name: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT (no effect). */
static int vfs_statx(int dfd, const char __user *name, int flags, struct kstat *st)
{
	unsigned int lookup = 0;
	struct path p;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (!(flags & AT_SYMLINK_NOFOLLOW))
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	if (empty_path_on_pathless(dfd, name, flags))
		return vfs_fstat(dfd, st);
	err = user_path_at(dfd, name, lookup, &p);
	if (err)
		return err;
	err = vfs_getattr(&p, st);
	path_put(&p);
	return err;
}

static int vfs_fstat(unsigned int fd, struct kstat *st)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	if (!f->f_path.dentry) {	/* a file with no name (a pipe, the console) */
		struct inode *inode = f->f_inode;

		__builtin_memset(st, 0, sizeof(*st));	/* inline stores, not a call */
		if (inode) {
			st->dev = inode->i_sb ? inode->i_sb->s_dev : 0;
			st->ino = inode->i_ino;
			st->mode = inode->i_mode;
			st->nlink = inode->i_nlink;
			st->uid = inode->i_uid;
			st->gid = inode->i_gid;
			st->rdev = inode->i_rdev;
			st->size = inode->i_size;
			st->atime = inode->i_atime;
			st->mtime = inode->i_mtime;
			st->ctime = inode->i_ctime;
		} else {
			st->mode = S_IFCHR | 0620;	/* the interim console */
			st->rdev = MKDEV(5, 1);
			st->nlink = 1;
		}
		st->blksize = PAGE_SIZE;
		err = 0;
	} else {
		err = vfs_getattr(&f->f_path, st);
	}
	fput(f);
	return err;
}

/* ---- native ----------------------------------------------------------------------------- */

static int cp_new_stat(const struct kstat *st, struct stat __user *ubuf)
{
	struct stat tmp;

	__builtin_memset(&tmp, 0, sizeof(tmp));	/* inline stores, not a call */
	tmp.st_dev = new_encode_dev(st->dev);
	tmp.st_ino = st->ino;
	tmp.st_mode = st->mode;
	tmp.st_nlink = st->nlink;
	tmp.st_uid = st->uid;
	tmp.st_gid = st->gid;
	tmp.st_rdev = new_encode_dev(st->rdev);
	tmp.st_size = st->size;
	tmp.st_blksize = st->blksize;
	tmp.st_blocks = st->blocks;
	tmp.st_atime = st->atime.tv_sec;
	tmp.st_atime_nsec = st->atime.tv_nsec;
	tmp.st_mtime = st->mtime.tv_sec;
	tmp.st_mtime_nsec = st->mtime.tv_nsec;
	tmp.st_ctime = st->ctime.tv_sec;
	tmp.st_ctime_nsec = st->ctime.tv_nsec;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(newstat, const char __user *, filename, struct stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, filename, 0, &st);

	return err ? err : cp_new_stat(&st, statbuf);
}

SYSCALL_DEFINE2(newlstat, const char __user *, filename, struct stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : cp_new_stat(&st, statbuf);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	struct kstat st;
	int err;

	if (flag & AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = vfs_statx(dfd, filename, flag, &st);
	return err ? err : cp_new_stat(&st, statbuf);
}

SYSCALL_DEFINE2(newfstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : cp_new_stat(&st, statbuf);
}

/* ---- statx ------------------------------------------------------------------------------ */

static int cp_statx(const struct kstat *st, bool mount_root, struct statx __user *ubuf)
{
	struct statx tmp;

	__builtin_memset(&tmp, 0, sizeof(tmp));	/* inline stores, not a call */
	tmp.stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	tmp.stx_blksize = st->blksize;
	tmp.stx_attributes = mount_root ? STATX_ATTR_MOUNT_ROOT : 0;
	tmp.stx_attributes_mask = STATX_ATTR_AUTOMOUNT | STATX_ATTR_MOUNT_ROOT | STATX_ATTR_DAX;
	tmp.stx_nlink = st->nlink;
	tmp.stx_uid = st->uid;
	tmp.stx_gid = st->gid;
	tmp.stx_mode = st->mode;
	tmp.stx_ino = st->ino;
	tmp.stx_size = st->size;
	tmp.stx_blocks = st->blocks;
	tmp.stx_atime.tv_sec = st->atime.tv_sec;
	tmp.stx_atime.tv_nsec = st->atime.tv_nsec;
	tmp.stx_mtime.tv_sec = st->mtime.tv_sec;
	tmp.stx_mtime.tv_nsec = st->mtime.tv_nsec;
	tmp.stx_ctime.tv_sec = st->ctime.tv_sec;
	tmp.stx_ctime.tv_nsec = st->ctime.tv_nsec;
	tmp.stx_rdev_major = MAJOR(st->rdev);
	tmp.stx_rdev_minor = MINOR(st->rdev);
	tmp.stx_dev_major = MAJOR(st->dev);
	tmp.stx_dev_minor = MINOR(st->dev);
	tmp.stx_mnt_id = MINOR(st->dev);
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE5(statx, int, dfd, const char __user *, filename, unsigned int, flags,
		unsigned int, mask, struct statx __user *, buffer)
{
	unsigned int lookup = 0;
	struct kstat st;
	struct path p;
	bool root;
	int err;

	if (mask & STATX__RESERVED)
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if (!(flags & AT_SYMLINK_NOFOLLOW))
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	if (empty_path_on_pathless(dfd, filename, flags)) {
		err = vfs_fstat(dfd, &st);
		return err ? err : cp_statx(&st, false, buffer);
	}
	err = user_path_at(dfd, filename, lookup, &p);
	if (err)
		return err;
	err = vfs_getattr(&p, &st);
	root = p.dentry == p.mnt->mnt_root;
	path_put(&p);
	return err ? err : cp_statx(&st, root, buffer);
}

/* ---- the 32-bit ABIs -------------------------------------------------------------------- */

/* A 32-bit id through a 16-bit field: 65534 when it does not fit (Linux's high2lowuid). */
static u16 low16(u32 id)
{
	return id & ~0xffffU ? OVERFLOWUID : id;
}

static int cp_compat_stat(const struct kstat *st, struct compat_stat __user *ubuf)
{
	struct compat_stat tmp;

	if (sizeof(tmp.st_dev) < 4 && (!old_valid_dev(st->dev) || !old_valid_dev(st->rdev)))
		return -EOVERFLOW;
	__builtin_memset(&tmp, 0, sizeof(tmp));	/* inline stores, not a call */
	tmp.st_dev = new_encode_dev(st->dev);
	tmp.st_ino = st->ino;
	if (tmp.st_ino != st->ino)
		return -EOVERFLOW;
	tmp.st_mode = st->mode;
	tmp.st_nlink = st->nlink;
	if (tmp.st_nlink != st->nlink)
		return -EOVERFLOW;
	tmp.st_uid = low16(st->uid);
	tmp.st_gid = low16(st->gid);
	tmp.st_rdev = new_encode_dev(st->rdev);
	if ((u64)st->size > MAX_NON_LFS)
		return -EOVERFLOW;
	tmp.st_size = st->size;
	tmp.st_atime = st->atime.tv_sec;
	tmp.st_atime_nsec = st->atime.tv_nsec;
	tmp.st_mtime = st->mtime.tv_sec;
	tmp.st_mtime_nsec = st->mtime.tv_nsec;
	tmp.st_ctime = st->ctime.tv_sec;
	tmp.st_ctime_nsec = st->ctime.tv_nsec;
	tmp.st_blocks = st->blocks;
	tmp.st_blksize = st->blksize;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE2(newstat, const char __user *, filename,
		       struct compat_stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, filename, 0, &st);

	return err ? err : cp_compat_stat(&st, statbuf);
}

COMPAT_SYSCALL_DEFINE2(newlstat, const char __user *, filename,
		       struct compat_stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : cp_compat_stat(&st, statbuf);
}

COMPAT_SYSCALL_DEFINE2(newfstat, unsigned int, fd, struct compat_stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : cp_compat_stat(&st, statbuf);
}

static int cp_new_stat64(const struct kstat *st, struct stat64 __user *ubuf)
{
	struct stat64 tmp;

	__builtin_memset(&tmp, 0, sizeof(tmp));	/* inline stores, not a call */
	tmp.st_dev = new_encode_dev(st->dev);
	tmp.st_rdev = new_encode_dev(st->rdev);
	tmp.st_ino = st->ino;
	tmp.__st_ino = st->ino;
	tmp.st_mode = st->mode;
	tmp.st_nlink = st->nlink;
	tmp.st_uid = st->uid;
	tmp.st_gid = st->gid;
	tmp.st_atime = st->atime.tv_sec;
	tmp.st_atime_nsec = st->atime.tv_nsec;
	tmp.st_mtime = st->mtime.tv_sec;
	tmp.st_mtime_nsec = st->mtime.tv_nsec;
	tmp.st_ctime = st->ctime.tv_sec;
	tmp.st_ctime_nsec = st->ctime.tv_nsec;
	tmp.st_size = st->size;
	tmp.st_blocks = st->blocks;
	tmp.st_blksize = st->blksize;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

/*
 * stat64 and friends. arm's rows name these native entries (arm64's struct stat64 is arm's
 * layout, as Linux's arm64 defines it for compat); i386's name Linux's compat_sys_ia32_*
 * (the same bodies: struct stat64 is i386's layout in this kernel).
 */
static long do_stat64(int dfd, const char __user *name, int flags, struct stat64 __user *buf)
{
	struct kstat st;
	int err = vfs_statx(dfd, name, flags, &st);

	return err ? err : cp_new_stat64(&st, buf);
}

static long do_fstat64(unsigned long fd, struct stat64 __user *buf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : cp_new_stat64(&st, buf);
}

#ifdef CONFIG_ARM64
SYSCALL_DEFINE2(stat64, const char __user *, filename, struct stat64 __user *, statbuf)
{
	return do_stat64(AT_FDCWD, filename, 0, statbuf);
}

SYSCALL_DEFINE2(lstat64, const char __user *, filename, struct stat64 __user *, statbuf)
{
	return do_stat64(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, statbuf);
}

SYSCALL_DEFINE2(fstat64, unsigned long, fd, struct stat64 __user *, statbuf)
{
	return do_fstat64(fd, statbuf);
}

SYSCALL_DEFINE4(fstatat64, int, dfd, const char __user *, filename,
		struct stat64 __user *, statbuf, int, flag)
{
	if (flag & AT_STATX_SYNC_TYPE)
		return -EINVAL;
	return do_stat64(dfd, filename, flag, statbuf);
}
#else
COMPAT_SYSCALL_DEFINE2(ia32_stat64, const char __user *, filename,
		       struct stat64 __user *, statbuf)
{
	return do_stat64(AT_FDCWD, filename, 0, statbuf);
}

COMPAT_SYSCALL_DEFINE2(ia32_lstat64, const char __user *, filename,
		       struct stat64 __user *, statbuf)
{
	return do_stat64(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, statbuf);
}

COMPAT_SYSCALL_DEFINE2(ia32_fstat64, unsigned int, fd, struct stat64 __user *, statbuf)
{
	return do_fstat64(fd, statbuf);
}

COMPAT_SYSCALL_DEFINE4(ia32_fstatat64, unsigned int, dfd, const char __user *, filename,
		       struct stat64 __user *, statbuf, int, flag)
{
	if (flag & AT_STATX_SYNC_TYPE)
		return -EINVAL;
	return do_stat64(dfd, filename, flag, statbuf);
}

/* i386's original stat: 16-bit fields; what does not fit is EOVERFLOW. */
static int cp_old_stat(const struct kstat *st, struct __old_kernel_stat __user *ubuf)
{
	struct __old_kernel_stat tmp;

	__builtin_memset(&tmp, 0, sizeof(tmp));	/* inline stores, not a call */
	if (!old_valid_dev(st->dev) || !old_valid_dev(st->rdev))
		return -EOVERFLOW;
	tmp.st_dev = new_encode_dev(st->dev);
	tmp.st_ino = st->ino;
	if (tmp.st_ino != st->ino)
		return -EOVERFLOW;
	tmp.st_mode = st->mode;
	tmp.st_nlink = st->nlink;
	if (tmp.st_nlink != st->nlink)
		return -EOVERFLOW;
	tmp.st_uid = low16(st->uid);
	tmp.st_gid = low16(st->gid);
	tmp.st_rdev = new_encode_dev(st->rdev);
	if ((u64)st->size > MAX_NON_LFS)
		return -EOVERFLOW;
	tmp.st_size = st->size;
	tmp.st_atime = st->atime.tv_sec;
	tmp.st_mtime = st->mtime.tv_sec;
	tmp.st_ctime = st->ctime.tv_sec;
	return copy_to_user(ubuf, &tmp, sizeof(tmp)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(stat, const char __user *, filename, struct __old_kernel_stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, filename, 0, &st);

	return err ? err : cp_old_stat(&st, statbuf);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct __old_kernel_stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_statx(AT_FDCWD, filename, AT_SYMLINK_NOFOLLOW, &st);

	return err ? err : cp_old_stat(&st, statbuf);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct __old_kernel_stat __user *, statbuf)
{
	struct kstat st;
	int err = vfs_fstat(fd, &st);

	return err ? err : cp_old_stat(&st, statbuf);
}
#endif

/* ---- readlink --------------------------------------------------------------------------- */

/*
 * The target of a symlink, at most bufsiz bytes, no NUL: EINVAL when it is not a symlink or
 * bufsiz <= 0. A procfs magic link has a readlink text of its own (its i_op->get_link with
 * a NULL jump returns it).
 */
static long do_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	struct inode *inode;
	const char *body;
	struct path p;
	int err, len;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(dfd, pathname, LOOKUP_EMPTY, &p);
	if (err)
		return err;
	inode = p.dentry->d_inode;
	err = -EINVAL;
	if (!S_ISLNK(inode->i_mode)) {
		char c = 1;

		/* Linux: "" names dfd itself, which is no symlink: ENOENT, not EINVAL. */
		if (!get_user(c, pathname) && !c)
			err = -ENOENT;
		goto out;
	}
	if (inode->i_op && inode->i_op->readlink) {	/* procfs's magic links */
		err = inode->i_op->readlink(p.dentry, buf, bufsiz);
		goto out;
	}
	body = inode->i_link;
	if (!body && inode->i_op && inode->i_op->get_link)
		body = inode->i_op->get_link(p.dentry, inode, NULL);
	if (!body)
		goto out;
	err = PTR_ERR(body);
	if (IS_ERR(body))
		goto out;
	len = strlen(body);
	if (len > bufsiz)
		len = bufsiz;
	err = copy_to_user(buf, body, len) ? -EFAULT : len;
out:
	path_put(&p);
	return err;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname, char __user *, buf,
		int, bufsiz)
{
	return do_readlinkat(dfd, pathname, buf, bufsiz);
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}
