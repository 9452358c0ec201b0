// SPDX-License-Identifier: GPL-2.0
/*
 * statfs, fstatfs and the 32-bit ABIs' statfs64/fstatfs64: what a file system reports
 * about its space (super_operations.statfs fills a struct kstatfs), copied out in each
 * ABI's layout:
 *   struct statfs (x86_64, arm64)     longs and u64s, 120 bytes
 *   struct compat_statfs (i386, arm)  32-bit words; -EOVERFLOW when a count does not fit
 *   struct compat_statfs64            u64 counts, packed to 4-byte alignment: 84 bytes on
 *                                     i386 and on arm under arm64 (Linux's arm64 packs it
 *                                     too; arm's own entry takes the EABI's 88 as 84)
 * statfs64's size argument must be the layout's size, else -EINVAL.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

struct statfs {
	long f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	long f_namelen, f_frsize, f_flags, f_spare[4];
};

struct compat_statfs {
	s32 f_type, f_bsize;
	u32 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	s32 f_namelen, f_frsize, f_flags, f_spare[4];
};

/* Packed on both arches, as Linux's x86 and arm64 compat layouts are. */
#define COMPAT_STATFS64_PACK __attribute__((packed, aligned(4)))
struct compat_statfs64 {
	u32 f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	int f_fsid[2];
	u32 f_namelen, f_frsize, f_flags, f_spare[4];
} COMPAT_STATFS64_PACK;

static long mount_st_flags(const struct vfsmount *mnt, const struct super_block *sb)
{
	long flags = ST_VALID;

	if ((mnt && (mnt->mnt_flags & MNT_RDONLY)) || (sb->s_flags & SB_RDONLY))
		flags |= ST_RDONLY;
	if (mnt && (mnt->mnt_flags & MNT_NOSUID))
		flags |= ST_NOSUID;
	if (mnt && (mnt->mnt_flags & MNT_NODEV))
		flags |= ST_NODEV;
	if (mnt && (mnt->mnt_flags & MNT_NOEXEC))
		flags |= ST_NOEXEC;
	return flags;
}

/* The answer of a file system with no space to count (proc): its magic, the page as block
 * size, NAME_MAX, and zero blocks and files -- Linux's simple_statfs, which df shows as
 * "proc 0 0 0 0% /proc". */
int simple_statfs(struct dentry *d, struct kstatfs *buf)
{
	buf->f_type = d->d_sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

int vfs_statfs(const struct path *path, struct kstatfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;
	int err;

	memset(buf, 0, sizeof(*buf));
	if (!sb || !sb->s_op || !sb->s_op->statfs)
		return -ENOSYS;
	err = sb->s_op->statfs(path->dentry, buf);
	if (err)
		return err;
	if (!buf->f_frsize)
		buf->f_frsize = buf->f_bsize;
	buf->f_flags = mount_st_flags(path->mnt, sb);
	return 0;
}

static int user_statfs(const char __user *pathname, struct kstatfs *st)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = vfs_statfs(&p, st);
	path_put(&p);
	return err;
}

static int fd_statfs(unsigned int fd, struct kstatfs *st)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = f->f_path.dentry ? vfs_statfs(&f->f_path, st) : -ENOSYS;
	fput(f);
	return err;
}

static int put_statfs(const struct kstatfs *st, struct statfs __user *ubuf)
{
	struct statfs buf = {
		.f_type = st->f_type, .f_bsize = st->f_bsize,
		.f_blocks = st->f_blocks, .f_bfree = st->f_bfree, .f_bavail = st->f_bavail,
		.f_files = st->f_files, .f_ffree = st->f_ffree,
		.f_fsid = { (int)(u32)st->f_fsid, (int)(u32)(st->f_fsid >> 32) },
		.f_namelen = st->f_namelen, .f_frsize = st->f_frsize, .f_flags = st->f_flags,
	};

	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct kstatfs st;
	int err = user_statfs(pathname, &st);

	return err ? err : put_statfs(&st, buf);
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct kstatfs st;
	int err = fd_statfs(fd, &st);

	return err ? err : put_statfs(&st, buf);
}

/* ---- the 32-bit layouts ---- */

static bool over32(u64 v)
{
	return v >> 32;
}

static int put_compat_statfs(const struct kstatfs *st, struct compat_statfs __user *ubuf)
{
	struct compat_statfs buf;

	if (over32(st->f_blocks | st->f_bfree | st->f_bavail | st->f_bsize | st->f_frsize))
		return -EOVERFLOW;
	/* "No limit" (all ones) is passed through as all ones in 32 bits. */
	if ((st->f_files != ~0ULL && over32(st->f_files)) ||
	    (st->f_ffree != ~0ULL && over32(st->f_ffree)))
		return -EOVERFLOW;
	memset(&buf, 0, sizeof(buf));
	buf.f_type = st->f_type;
	buf.f_bsize = st->f_bsize;
	buf.f_blocks = st->f_blocks;
	buf.f_bfree = st->f_bfree;
	buf.f_bavail = st->f_bavail;
	buf.f_files = st->f_files;
	buf.f_ffree = st->f_ffree;
	buf.f_fsid[0] = (u32)st->f_fsid;
	buf.f_fsid[1] = (u32)(st->f_fsid >> 32);
	buf.f_namelen = st->f_namelen;
	buf.f_frsize = st->f_frsize;
	buf.f_flags = st->f_flags;
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct compat_statfs __user *, buf)
{
	struct kstatfs st;
	int err = user_statfs(pathname, &st);

	return err ? err : put_compat_statfs(&st, buf);
}

COMPAT_SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct compat_statfs __user *, buf)
{
	struct kstatfs st;
	int err = fd_statfs(fd, &st);

	return err ? err : put_compat_statfs(&st, buf);
}

static int put_compat_statfs64(const struct kstatfs *st, struct compat_statfs64 __user *ubuf)
{
	struct compat_statfs64 buf;

	if (over32(st->f_bsize | st->f_frsize))
		return -EOVERFLOW;
	memset(&buf, 0, sizeof(buf));
	buf.f_type = st->f_type;
	buf.f_bsize = st->f_bsize;
	buf.f_blocks = st->f_blocks;
	buf.f_bfree = st->f_bfree;
	buf.f_bavail = st->f_bavail;
	buf.f_files = st->f_files;
	buf.f_ffree = st->f_ffree;
	buf.f_fsid[0] = (u32)st->f_fsid;
	buf.f_fsid[1] = (u32)(st->f_fsid >> 32);
	buf.f_namelen = st->f_namelen;
	buf.f_frsize = st->f_frsize;
	buf.f_flags = st->f_flags;
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

long kcompat_sys_statfs64(const char __user *pathname, u32 sz, void __user *buf)
{
	struct kstatfs st;
	int err;

	if (sz != sizeof(struct compat_statfs64))
		return -EINVAL;
	err = user_statfs(pathname, &st);
	return err ? err : put_compat_statfs64(&st, buf);
}

long kcompat_sys_fstatfs64(unsigned int fd, u32 sz, void __user *buf)
{
	struct kstatfs st;
	int err;

	if (sz != sizeof(struct compat_statfs64))
		return -EINVAL;
	err = fd_statfs(fd, &st);
	return err ? err : put_compat_statfs64(&st, buf);
}

COMPAT_SYSCALL_DEFINE3(statfs64, const char __user *, pathname, compat_size_t, sz,
		       struct compat_statfs64 __user *, buf)
{
	return kcompat_sys_statfs64(pathname, sz, buf);
}

COMPAT_SYSCALL_DEFINE3(fstatfs64, unsigned int, fd, compat_size_t, sz,
		       struct compat_statfs64 __user *, buf)
{
	return kcompat_sys_fstatfs64(fd, sz, buf);
}
