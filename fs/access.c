// SPDX-License-Identifier: GPL-2.0
/*
 * access, faccessat, faccessat2: may the caller read, write or execute a file? Linux's
 * rule is that access() answers for the real user and group (what a set-user-ID program
 * asks on behalf of whoever ran it); AT_EACCESS (faccessat2 only) answers for the
 * effective ones, as open() would.
 *
 * Ferry keeps one cred per task and judges file access by fsuid/fsgid (root's override is
 * fsuid 0, generic_permission): to ask as the real ids, the check runs with fsuid/fsgid set
 * to the real ids, then restores them. Only the task itself changes its cred, and it makes
 * no other call meanwhile, so the borrowed ids are seen by this check alone.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	struct cred saved = current->cred;
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path p;
	int err;

	if (mode & ~(F_OK | X_OK | W_OK | R_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup &= ~LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	if (!(flags & AT_EACCESS)) {
		current->cred.fsuid = saved.uid;
		current->cred.fsgid = saved.gid;
	}
	/* The walk itself is judged by the same ids (directory search permission). */
	err = user_path_at(dfd, filename, lookup, &p);
	if (!err) {
		struct inode *inode = p.dentry->d_inode;

		/* MAY_EXEC on a regular file needs an x bit even for root (inode_permission). */
		err = mode ? inode_permission(inode, mode) : 0;
		if (!err && (mode & W_OK) && !S_ISDIR(inode->i_mode) && !S_ISREG(inode->i_mode)) {
			/* device nodes, FIFOs: writable whatever the mount says */
		} else if (!err && (mode & W_OK) &&
			   ((p.mnt && (p.mnt->mnt_flags & MNT_RDONLY)) ||
			    (inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY)))) {
			err = -EROFS;
		}
		path_put(&p);
	}
	current->cred.fsuid = saved.fsuid;
	current->cred.fsgid = saved.fsgid;
	return err;
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}
