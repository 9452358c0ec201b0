// SPDX-License-Identifier: GPL-2.0
/*
 * truncate and ftruncate: a regular file's size set through notify_change(ATTR_SIZE), which
 * the file system's setattr carries out (tmpfs frees or zeroes the pages past the new end).
 * The 32-bit ABIs' truncate/ftruncate take a signed 32-bit length (compat_off_t), and their
 * truncate64/ftruncate64 a 64-bit one in two registers, laid out per ABI: those entry points
 * live in arch/x86/kernel/sys_ia32.c and arch/arm64/kernel/sys_aarch32.c.
 *
 * Errors as Linux: a negative length is EINVAL, a directory EISDIR (truncate) or EINVAL
 * (ftruncate), another non-regular file EINVAL, a descriptor not open for writing EINVAL,
 * beyond MAX_LFS_FILESIZE or RLIMIT_FSIZE EFBIG; truncate of a running program's file
 * ETXTBSY (i_writecount, include/linux/fs.h).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/errno.h>

#define MAX_NON_LFS	((1UL << 31) - 1)

/* A size change with the caller's i_mutex held; unprivileged, it also drops setuid bits. */
static int do_truncate(struct dentry *d, loff_t length, unsigned int time_attrs)
{
	struct inode *inode = d->d_inode;
	struct iattr attr = { 0 };
	unsigned int kill;

	attr.ia_size = length;
	attr.ia_valid = ATTR_SIZE | time_attrs;
	kill = privs_to_remove(inode);
	if (kill)	/* a writer who does not own the file still clears them, as Linux's */
		attr.ia_valid |= kill | ATTR_FORCE;
	return notify_change(d, &attr);
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -EINVAL;
	if (path->mnt && (path->mnt->mnt_flags & MNT_RDONLY))
		return -EROFS;
	err = inode_permission(inode, MAY_WRITE);
	if (err)
		return err;
	err = get_write_access(inode);		/* a running program: ETXTBSY */
	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	err = do_truncate(path->dentry, length, 0);
	mutex_unlock(&inode->i_mutex);
	put_write_access(inode);
	return err;
}

long do_sys_truncate(const char __user *pathname, loff_t length)
{
	struct path p;
	int err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	err = vfs_truncate(&p, length);
	path_put(&p);
	return err;
}

/* small: the caller's off_t has 32 bits, so without O_LARGEFILE 2 GiB is the limit. */
long do_sys_ftruncate(unsigned int fd, loff_t length, int small)
{
	struct file *f;
	struct inode *inode;
	int err;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (f->f_flags & O_LARGEFILE)
		small = 0;
	inode = file_inode(f);
	err = -EINVAL;
	if (!inode || !f->f_path.dentry || !S_ISREG(inode->i_mode) || !(f->f_mode & FMODE_WRITE))
		goto out;
	if (small && length > (loff_t)MAX_NON_LFS)
		goto out;
	mutex_lock(&inode->i_mutex);
	err = do_truncate(f->f_path.dentry, length, ATTR_MTIME | ATTR_CTIME);
	mutex_unlock(&inode->i_mutex);
out:
	fput(f);
	return err;
}

SYSCALL_DEFINE2(truncate, const char __user *, path, long, length)
{
	return do_sys_truncate(path, length);
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, unsigned long, length)
{
	return do_sys_ftruncate(fd, (long)length, 1);
}

COMPAT_SYSCALL_DEFINE2(truncate, const char __user *, path, compat_off_t, length)
{
	return do_sys_truncate(path, length);
}

COMPAT_SYSCALL_DEFINE2(ftruncate, unsigned int, fd, compat_off_t, length)
{
	return do_sys_ftruncate(fd, length, 1);
}
