// SPDX-License-Identifier: GPL-2.0
/*
 * Changing a file's metadata: the iattr machinery every file system's setattr goes through
 * (setattr_prepare's permission rules, notify_change, setattr_copy, simple_setattr), the
 * set-user-ID and set-group-ID bits that chown, truncate and an unprivileged write take
 * away (file_remove_privs), and the calls chmod/fchmod/fchmodat and
 * chown/fchown/lchown/fchownat with i386's and arm's 16-bit forms.
 *
 * Locking: notify_change and everything under it run with the inode's i_mutex held, so
 * two chmods, or a chmod and a write, never interleave their read-modify-write of i_mode.
 * Permission: "capable" is Ferry's euid-0 rule (linux/cred.h); the owner test
 * (inode_owner_or_capable, fs/inode.c) uses fsuid.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/fdtable.h>
#include <linux/cred.h>
#include <linux/sched.h>
#include <linux/resource.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/errno.h>

/* A new owner: only privilege gives a file away (or takes it). */
static bool chown_ok(const struct inode *inode, uid_t uid)
{
	if (current->cred.fsuid == inode->i_uid && uid == inode->i_uid)
		return true;
	return capable(CAP_CHOWN);
}

/* A new group: the owner may pick any group it is in. */
static bool chgrp_ok(const struct inode *inode, gid_t gid)
{
	if (current->cred.fsuid == inode->i_uid && (gid == inode->i_gid || in_group_p(gid)))
		return true;
	return capable(CAP_CHOWN);
}

int inode_newsize_ok(const struct inode *inode, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	if (size > MAX_LFS_FILESIZE)
		return -EFBIG;
	/* RLIMIT_FSIZE bounds growth, with SIGXFSZ as Linux's inode_newsize_ok. */
	if (size > inode->i_size && (unsigned long long)size > task_rlimit(current, RLIMIT_FSIZE)) {
		send_sig(SIGXFSZ, current, 0);
		return -EFBIG;
	}
	return 0;
}

int setattr_prepare(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	unsigned int v = attr->ia_valid;

	if (v & ATTR_SIZE) {
		int err = inode_newsize_ok(inode, attr->ia_size);

		if (err)
			return err;
	}
	if (v & ATTR_FORCE)
		return 0;
	if ((v & ATTR_UID) && !chown_ok(inode, attr->ia_uid))
		return -EPERM;
	if ((v & ATTR_GID) && !chgrp_ok(inode, attr->ia_gid))
		return -EPERM;
	if (v & ATTR_MODE) {
		gid_t gid = (v & ATTR_GID) ? attr->ia_gid : inode->i_gid;

		if (!inode_owner_or_capable(inode))
			return -EPERM;
		/* Set-group-ID for a group the caller is not in is dropped, not refused. */
		if (!in_group_p(gid) && !capable(CAP_FSETID))
			attr->ia_mode &= ~S_ISGID;
	}
	if ((v & ATTR_TIMES_SET) && !inode_owner_or_capable(inode))
		return -EPERM;
	if ((v & ATTR_TOUCH) && !inode_owner_or_capable(inode))
		return inode_permission(inode, MAY_WRITE);
	return 0;
}

void setattr_copy(struct inode *inode, const struct iattr *attr)
{
	unsigned int v = attr->ia_valid;

	if (v & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (v & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (v & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (v & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	if (v & ATTR_CTIME)
		inode->i_ctime = attr->ia_ctime;
	if (v & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
}

/*
 * For a file system's setattr that wants the rules and the copy in one (notify_change has
 * already applied the rules once; they hold again). A size change needs the file
 * system's data: refused.
 */
int simple_setattr(struct dentry *d, struct iattr *attr)
{
	int err = setattr_prepare(d, attr);

	if (err)
		return err;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != d->d_inode->i_size)
		return -EPERM;
	setattr_copy(d->d_inode, attr);
	return 0;
}

int notify_change(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	unsigned int v = attr->ia_valid;
	struct timespec64 now = current_time(inode);
	umode_t mode = inode->i_mode;
	int err;

	/* The KILL bits become a mode change when there is something to kill. */
	if ((v & ATTR_KILL_SUID) && (mode & S_ISUID)) {
		if (!(v & ATTR_MODE)) {
			v |= ATTR_MODE;
			attr->ia_mode = mode;
		}
		attr->ia_mode &= ~S_ISUID;
	}
	if ((v & ATTR_KILL_SGID) && (mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) {
		if (!(v & ATTR_MODE)) {
			v |= ATTR_MODE;
			attr->ia_mode = mode;
		}
		attr->ia_mode &= ~S_ISGID;
	}
	v &= ~(ATTR_KILL_SUID | ATTR_KILL_SGID);
	if (!v)
		return 0;
	if (v & ATTR_MODE)
		v |= ATTR_CTIME;
	attr->ia_valid = v;
	attr->ia_ctime = now;
	if (!(v & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if (!(v & ATTR_MTIME_SET))
		attr->ia_mtime = now;
	/* The rules here: the file systems' setattr (tmpfs's) only carry the change out. */
	err = setattr_prepare(d, attr);
	if (err)
		return err;
	if (inode->i_op && inode->i_op->setattr)
		return inode->i_op->setattr(d, attr);
	if ((v & ATTR_SIZE) && attr->ia_size != inode->i_size)
		return -EPERM;
	setattr_copy(inode, attr);
	return 0;
}

/* What an unprivileged change of the data takes away: ATTR_KILL_* bits, or 0 (Linux's
 * should_remove_suid: set-group-ID only with group execute, else it marks locking). */
unsigned int privs_to_remove(const struct inode *inode)
{
	unsigned int kill = 0;

	if (!S_ISREG(inode->i_mode))
		return 0;
	if (inode->i_mode & S_ISUID)
		kill |= ATTR_KILL_SUID;
	if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		kill |= ATTR_KILL_SGID;
	if (kill && capable(CAP_FSETID))
		return 0;
	return kill;
}

int file_remove_privs(struct file *f)
{
	struct dentry *d = f->f_path.dentry;
	struct iattr attr = { 0 };

	if (!d || !d->d_inode)
		return 0;
	attr.ia_valid = privs_to_remove(d->d_inode);
	if (!attr.ia_valid)
		return 0;
	attr.ia_valid |= ATTR_FORCE;
	return notify_change(d, &attr);
}

/* A path on a read-only mount or file system cannot change. */
static int path_want_write(const struct path *p)
{
	if ((p->mnt && (p->mnt->mnt_flags & MNT_RDONLY)) ||
	    (p->dentry->d_sb && (p->dentry->d_sb->s_flags & SB_RDONLY)))
		return -EROFS;
	return 0;
}

/* ---- chmod ---- */

static int chmod_common(const struct path *p, umode_t mode)
{
	struct inode *inode = p->dentry->d_inode;
	struct iattr attr = { 0 };
	int err = path_want_write(p);

	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	attr.ia_mode = (mode & S_IALLUGO) | (inode->i_mode & ~S_IALLUGO);
	attr.ia_valid = ATTR_MODE | ATTR_CTIME;
	err = notify_change(p->dentry, &attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}

static long do_fchmodat(int dfd, const char __user *filename, umode_t mode)
{
	struct path p;
	int err = user_path_at(dfd, filename, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = chmod_common(&p, mode);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	return do_fchmodat(dfd, filename, mode);
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return do_fchmodat(AT_FDCWD, filename, mode);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	struct file *f = fget(fd);
	int err = -EBADF;

	if (!f)
		return err;
	err = f->f_path.dentry ? chmod_common(&f->f_path, mode) : -EBADF;
	fput(f);
	return err;
}

/* ---- chown ---- */

static int chown_common(const struct path *p, uid_t user, gid_t group)
{
	struct inode *inode = p->dentry->d_inode;
	struct iattr attr = { 0 };
	int err = path_want_write(p);

	if (err)
		return err;
	attr.ia_valid = ATTR_CTIME;
	if (uid_valid(user)) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = user;
	}
	if (gid_valid(group)) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = group;
	}
	/* Even root's chown (and chown -1 -1) takes set-user-ID away, as on Linux. */
	if (!S_ISDIR(inode->i_mode))
		attr.ia_valid |= ATTR_KILL_SUID | ATTR_KILL_SGID;
	mutex_lock(&inode->i_mutex);
	err = notify_change(p->dentry, &attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}

static long do_fchownat(int dfd, const char __user *filename, uid_t user, gid_t group,
			int flag)
{
	unsigned int lookup = 0;
	struct path p;
	int err;

	if (flag & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flag & AT_SYMLINK_NOFOLLOW))
		lookup |= LOOKUP_FOLLOW;
	if (flag & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(dfd, filename, lookup, &p);
	if (err)
		return err;
	err = chown_common(&p, user, group);
	path_put(&p);
	return err;
}

static long do_fchown(unsigned int fd, uid_t user, gid_t group)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = f->f_path.dentry ? chown_common(&f->f_path, user, group) : -EBADF;
	fput(f);
	return err;
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, uid_t, user, gid_t, group,
		int, flag)
{
	return do_fchownat(dfd, filename, user, group, flag);
}

SYSCALL_DEFINE3(chown, const char __user *, filename, uid_t, user, gid_t, group)
{
	return do_fchownat(AT_FDCWD, filename, user, group, 0);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, uid_t, user, gid_t, group)
{
	return do_fchownat(AT_FDCWD, filename, user, group, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	return do_fchown(fd, user, group);
}

/*
 * i386's and arm's original calls take 16-bit ids: (u16)-1 still means "leave it", any other
 * value is that id (the upper half of a register is not looked at).
 */
static uid_t low2highuid(old_uid_t uid)
{
	return uid == (old_uid_t)-1 ? (uid_t)-1 : uid;
}

static gid_t low2highgid(old_gid_t gid)
{
	return gid == (old_gid_t)-1 ? (gid_t)-1 : gid;
}

SYSCALL_DEFINE3(chown16, const char __user *, filename, old_uid_t, user, old_gid_t, group)
{
	return do_fchownat(AT_FDCWD, filename, low2highuid(user), low2highgid(group), 0);
}

SYSCALL_DEFINE3(lchown16, const char __user *, filename, old_uid_t, user, old_gid_t, group)
{
	return do_fchownat(AT_FDCWD, filename, low2highuid(user), low2highgid(group),
			   AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE3(fchown16, unsigned int, fd, old_uid_t, user, old_gid_t, group)
{
	return do_fchown(fd, low2highuid(user), low2highgid(group));
}
