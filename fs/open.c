// SPDX-License-Identifier: GPL-2.0
/*
 * Opening files: open, openat, creat, close; the open-flag rules (build_open_flags), the
 * permission an open needs (may_open), and the struct file it makes (alloc_file,
 * do_dentry_open). The walk that finds or creates the file is fs/namei.c's do_filp_open.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/compat.h>
#include <linux/fcntl.h>
#include "internal.h"

/* What each access mode asks of the file: O_RDONLY read, O_WRONLY write, O_RDWR and the
 * odd 3 both (Linux's ACC_MODE). */
#define ACC_MODE(x)	("\004\002\006\006"[(x) & O_ACCMODE])
/* And what the open file may then do: 3 gives neither (Linux's OPEN_FMODE). */
#define OPEN_FMODE(f)	((fmode_t)(((f) + 1) & O_ACCMODE))

/* O_PATH files: a place, nothing more (read/write/ioctl are EBADF through f_mode). */
static const struct file_operations empty_fops = { .llseek = no_llseek };

int build_open_flags(int flags, umode_t mode, int *acc_mode)
{
	int acc;

	if ((flags & __O_TMPFILE) && !(flags & O_DIRECTORY))
		return -EINVAL;
	if ((flags & __O_TMPFILE) && (flags & O_CREAT))
		return -EINVAL;
	if (flags & O_PATH) {
		*acc_mode = 0;
		return 0;
	}
	acc = ACC_MODE(flags);
	if (flags & O_TRUNC)
		acc |= MAY_WRITE;
	if (flags & O_APPEND)
		acc |= MAY_APPEND;
	*acc_mode = acc;
	return 0;
}

struct file *alloc_file(const struct path *path, struct inode *inode,
			const struct file_operations *fops, unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);
	int err;

	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_count = 1;
	mutex_init(&f->f_pos_lock);
	spin_lock_init(&f->f_lock);
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	f->f_mode = OPEN_FMODE(flags) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (path && path->dentry) {
		f->f_path = *path;
		path_get(path);
	}
	f->f_inode = igrab(inode);
	/* A regular file opened for writing counts as a writer: not while it runs (ETXTBSY). */
	if ((f->f_mode & FMODE_WRITE) && inode && S_ISREG(inode->i_mode)) {
		err = get_write_access(inode);
		if (err) {
			fput(f);		/* no f_op yet: no release */
			return ERR_PTR(err);
		}
		f->f_mode |= FMODE_WRITER;
	}
	f->f_op = fops;
	if (fops && fops->open) {
		err = fops->open(inode, f);
		if (err) {
			f->f_op = NULL;		/* not opened: no release */
			fput(f);
			return ERR_PTR(err);
		}
	}
	/* A file that cannot seek (a pipe, a terminal: no llseek or no_llseek, after the
	 * driver's open chose its operations) is a stream: lseek, pread, pwrite are ESPIPE. */
	if (!f->f_op || !f->f_op->llseek || f->f_op->llseek == no_llseek)
		stream_open(inode, f);
	return f;
}

int stream_open(struct inode *inode, struct file *f)
{
	f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

int nonseekable_open(struct inode *inode, struct file *f)
{
	return stream_open(inode, f);
}

/*
 * May this (existing) file be opened with acc_mode? Symlinks cannot (ELOOP), directories not
 * for writing (EISDIR), devices not on a nodev mount (EACCES), and nothing on a read-only
 * mount for writing (EROFS); then the mode bits.
 */
static int may_open(const struct path *p, int acc_mode, int flags)
{
	struct inode *inode = p->dentry->d_inode;

	if (!acc_mode)
		return 0;
	switch (inode->i_mode & S_IFMT) {
	case S_IFLNK:
		return -ELOOP;
	case S_IFDIR:
		if (acc_mode & MAY_WRITE)
			return -EISDIR;
		break;
	case S_IFBLK:
	case S_IFCHR:
		if (p->mnt->mnt_flags & MNT_NODEV)
			return -EACCES;
		break;
	}
	if ((acc_mode & MAY_WRITE) && (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)) &&
	    mnt_want_write(p->mnt))
		return -EROFS;
	return inode_permission(inode, acc_mode);
}

/*
 * Cut a regular file to length 0 (O_TRUNC) through notify_change, so an unprivileged
 * opener takes set-user-ID and set-group-ID away as a write would (Linux's
 * handle_truncate; may_open has already checked write permission).
 */
static int do_truncate0(struct dentry *d)
{
	struct inode *inode = d->d_inode;
	struct iattr a = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .ia_size = 0 };
	int err;

	if (!inode->i_op || !inode->i_op->setattr)
		return 0;		/* procfs's files: nothing to cut */
	/* Even a read-only open may not cut a running program (Linux: ETXTBSY). */
	err = get_write_access(inode);
	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	a.ia_valid |= privs_to_remove(inode);
	if (a.ia_valid & (ATTR_KILL_SUID | ATTR_KILL_SGID))
		a.ia_valid |= ATTR_FORCE;
	err = notify_change(d, &a);
	mutex_unlock(&inode->i_mutex);
	put_write_access(inode);
	return err;
}

struct file *do_dentry_open(const struct path *p, int flags, bool created)
{
	struct inode *inode = p->dentry->d_inode;
	struct file *f;
	int acc, err;

	if (flags & O_PATH) {
		f = alloc_file(p, inode, &empty_fops, flags & O_PATH_FLAGS);
		if (!IS_ERR(f))
			f->f_mode = FMODE_PATH;
		return f;
	}
	err = build_open_flags(flags, 0, &acc);
	if (!err && !created)
		err = may_open(p, acc, flags);
	/* O_NOATIME: the owner's or CAP_FOWNER's, after the other checks (Linux's may_open). */
	if (!err && (flags & O_NOATIME) && !inode_owner_or_capable(inode))
		err = -EPERM;
	if (err)
		return ERR_PTR(err);
	if (!S_ISREG(inode->i_mode))
		flags &= ~O_TRUNC;
	/* A 32-bit caller without O_LARGEFILE cannot see past 2 GiB (Linux's generic_file_open). */
	if (S_ISREG(inode->i_mode) && !(flags & O_LARGEFILE) && inode->i_size > 0x7fffffffLL)
		return ERR_PTR(-EOVERFLOW);
	f = alloc_file(p, inode, inode->i_fop, flags);
	if (IS_ERR(f))
		return f;
	/* No file here does direct I/O (tmpfs, proc, devices): O_DIRECT is EINVAL after the
	 * driver's open and before O_TRUNC, as Linux's do_dentry_open without FMODE_CAN_ODIRECT
	 * (a file O_CREAT made stays). Pipes' O_DIRECT (packet mode) is pipe2's, not open's. */
	if (flags & O_DIRECT) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	if ((flags & O_TRUNC) && !created) {	/* even when empty: mtime/ctime move, as Linux's */
		err = do_truncate0(p->dentry);
		if (err) {
			fput(f);
			return ERR_PTR(err);
		}
	}
	return f;
}

struct file *dentry_open(const struct path *p, int flags)
{
	return do_dentry_open(p, flags, false);
}

/* Linux's do_sys_open: the name, the flags' checks, the walk and open, then the fd. */
long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct filename *name = getname(filename);
	struct file *f;
	int acc, err, fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = build_open_flags(flags, mode, &acc);
	if (!err && (flags & __O_TMPFILE))
		err = -EOPNOTSUPP;	/* O_TMPFILE: not supported (docs/files.md) */
	if (err) {
		putname(name);
		return err;
	}
	if (flags & O_PATH)
		flags &= O_PATH_FLAGS;		/* O_CREAT, O_TRUNC, ... mean nothing with it */
	if (flags & O_CREAT)
		mode = (mode & S_IALLUGO & ~current_umask()) | S_IFREG;
	f = do_filp_open(dfd, name->name, flags, mode);
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install_lowest(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

/*
 * A 64-bit program's files are all "large" (its off_t has 64 bits): the native entries add
 * O_LARGEFILE. A 32-bit program asks for it (glibc does); the compat entries take its flags
 * as they are, which is all that differs.
 */
SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, filename, flags | O_LARGEFILE, mode);
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags | O_LARGEFILE, mode);
}

COMPAT_SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags,
		       umode_t, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

COMPAT_SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

/* creat: open(O_CREAT|O_WRONLY|O_TRUNC); Linux's one entry adds O_LARGEFILE when forced
 * (64-bit callers) and not for 32-bit ones, as open does. */
SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	int flags = O_CREAT | O_WRONLY | O_TRUNC;

	if (!in_compat_syscall())
		flags |= O_LARGEFILE;
	return do_sys_open(AT_FDCWD, pathname, flags, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}
