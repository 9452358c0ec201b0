// SPDX-License-Identifier: GPL-2.0
/*
 * The calls that change directories: mkdirat/mkdir, mknodat/mknod, unlinkat/unlink/rmdir,
 * renameat2/renameat/rename, linkat/link, symlinkat/symlink. Each resolves the parent
 * directory of its last name (user_path_parent), looks the name up under the parent's
 * i_mutex (lookup_one_len), checks Linux's rules in Linux's order (may_create, may_delete,
 * the sticky bit, mount points) and calls the parent's inode_operations, which update the
 * dentry tree themselves (tmpfs: d_delete on unlink, d_move on rename).
 *
 * Locking (include/linux/fs.h): the parent's i_mutex is held from the lookup of the last
 * name to the end of the change, so a name cannot appear or vanish in between. rename
 * takes rename_mutex first when the two parents differ (no other rename can then change
 * which of them is an ancestor of the other), then the ancestor's i_mutex before the
 * descendant's; unrelated parents in address order. The victim's own i_mutex is taken
 * after its parent's (a child after its parent) while the link count changes.
 *
 * Left out (docs/files.md): RENAME_WHITEOUT (EINVAL), O_TMPFILE and linkat of an unlinked
 * file, sockets made by mknod (S_IFSOCK is accepted and makes an inode that cannot be
 * connected to), delegations and leases, and the protected_hardlinks/symlinks sysctls.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/cred.h>
#include <linux/fs_struct.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4

struct parent_walk {
	struct path parent;	/* held */
	const char *last;	/* in buf, NUL-terminated (trailing slashes cut off) */
	unsigned int len;
	int type;
	bool slash;		/* the name ended in '/' */
	char *buf;
};

static void put_parent(struct parent_walk *pw)
{
	path_put(&pw->parent);
	kfree(pw->buf);
}

/*
 * Split a user path into its parent directory (resolved, following symlinks, from dfd)
 * and its last name. 0 and pw filled (put_parent() it), or -EFAULT, -ENAMETOOLONG,
 * -ENOENT (an empty name) and the walk's errors.
 */
static int user_path_parent(int dfd, const char __user *uname, struct parent_walk *pw)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *slash;
	long n;
	int err;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, uname, PATH_MAX);
	err = n < 0 ? -EFAULT : n == PATH_MAX ? -ENAMETOOLONG : n == 0 ? -ENOENT : 0;
	if (err) {
		kfree(buf);
		return err;
	}
	pw->buf = buf;
	pw->slash = false;
	while (n > 1 && buf[n - 1] == '/') {
		buf[--n] = 0;
		pw->slash = true;
	}
	slash = strrchr(buf, '/');
	if (!slash) {
		pw->last = buf;
		err = kern_path_at(dfd, ".", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &pw->parent);
	} else if (slash == buf && !buf[1]) {
		pw->last = buf + 1;		/* "/" itself */
		err = kern_path_at(dfd, "/", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &pw->parent);
	} else {
		/* The parent's part, with its own trailing slashes: "a//b" names a/ then b. */
		char saved = slash[1];

		pw->last = slash + 1;
		slash[1] = 0;
		err = kern_path_at(dfd, buf, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &pw->parent);
		slash[1] = saved;
	}
	if (err) {
		kfree(buf);
		return err;
	}
	pw->len = strlen(pw->last);
	if (!pw->len)
		pw->type = LAST_ROOT;
	else if (!strcmp(pw->last, "."))
		pw->type = LAST_DOT;
	else if (!strcmp(pw->last, ".."))
		pw->type = LAST_DOTDOT;
	else
		pw->type = LAST_NORM;
	if (pw->len > NAME_MAX) {
		put_parent(pw);
		return -ENAMETOOLONG;
	}
	/* Searching the parent for the name needs execute permission on it. */
	err = inode_permission(pw->parent.dentry->d_inode, MAY_EXEC);
	if (err) {
		put_parent(pw);
		return err;
	}
	return 0;
}

static bool is_mountpoint(const struct dentry *d)
{
	return d->d_flags & DCACHE_MOUNTED;
}

static int path_want_write(const struct path *p)
{
	if ((p->mnt && (p->mnt->mnt_flags & MNT_RDONLY)) ||
	    (p->dentry->d_sb && (p->dentry->d_sb->s_flags & SB_RDONLY)))
		return -EROFS;
	return 0;
}

/* A directory removed while still open or someone's cwd takes no new names. */
static bool dir_is_dead(const struct inode *dir)
{
	return S_ISDIR(dir->i_mode) && dir->i_nlink == 0;
}

static int may_create(struct inode *dir, struct dentry *child)
{
	if (child->d_inode)
		return -EEXIST;
	if (dir_is_dead(dir))
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

/* The sticky bit: only the file's owner, the directory's owner or CAP_FOWNER may remove. */
static bool check_sticky(const struct inode *dir, const struct inode *inode)
{
	uid_t fsuid = current->cred.fsuid;

	if (!(dir->i_mode & S_ISVTX))
		return false;
	if (inode->i_uid == fsuid || dir->i_uid == fsuid)
		return false;
	return !capable(CAP_FOWNER);
}

static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	struct inode *inode = victim->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (check_sticky(dir, inode))
		return -EPERM;
	if (isdir) {
		if (!S_ISDIR(inode->i_mode))
			return -ENOTDIR;
		if (victim->d_parent == victim)
			return -EBUSY;
	} else if (S_ISDIR(inode->i_mode)) {
		return -EISDIR;
	}
	if (dir_is_dead(dir))
		return -ENOENT;
	return 0;
}

/* ---- the vfs_* operations: the parent's i_mutex is held, the child looked up ---- */

int vfs_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, d, mode & (S_IRWXUGO | S_ISVTX));
}

int vfs_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !capable(CAP_MKNOD))
		return -EPERM;
	mode = mode_strip_sgid(dir, mode);
	if (S_ISREG(mode)) {
		if (!dir->i_op || !dir->i_op->create)
			return -EACCES;
		return dir->i_op->create(dir, d, mode);
	}
	if (!dir->i_op || !dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, d, mode, dev);
}

int vfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	int err = may_create(dir, d);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, d, target);
}

int vfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;
	int err;

	if (!inode)
		return -ENOENT;
	err = may_create(dir, d);
	if (err)
		return err;
	if (dir->i_sb != inode->i_sb)
		return -EXDEV;
	if (S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!dir->i_op || !dir->i_op->link)
		return -EPERM;
	mutex_lock(&inode->i_mutex);
	err = inode->i_nlink ? dir->i_op->link(old, dir, d) : -ENOENT;
	mutex_unlock(&inode->i_mutex);
	return err;
}

int vfs_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;
	int err = may_delete(dir, d, false);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->unlink)
		return -EPERM;
	mutex_lock(&inode->i_mutex);
	err = is_mountpoint(d) ? -EBUSY : dir->i_op->unlink(dir, d);
	mutex_unlock(&inode->i_mutex);
	return err;
}

int vfs_rmdir(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;
	int err = may_delete(dir, d, true);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->rmdir)
		return -EPERM;
	/* ENOTEMPTY is the file system's answer (it walks the children under dcache_lock). */
	mutex_lock(&inode->i_mutex);
	err = is_mountpoint(d) ? -EBUSY : dir->i_op->rmdir(dir, d);
	mutex_unlock(&inode->i_mutex);
	return err;
}

int vfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
	       struct dentry *new, unsigned int flags)
{
	struct inode *source = old->d_inode, *target = new->d_inode;
	bool is_dir = S_ISDIR(source->i_mode);
	bool new_is_dir = target && S_ISDIR(target->i_mode);
	int err;

	if (source == target)
		return 0;	/* two names of one file: nothing to do, as Linux */
	err = may_delete(old_dir, old, is_dir);
	if (err)
		return err;
	if (!target)
		err = may_create(new_dir, new);
	else if (flags & RENAME_EXCHANGE)
		err = may_delete(new_dir, new, new_is_dir);
	else
		err = may_delete(new_dir, new, is_dir);
	if (err)
		return err;
	if (!old_dir->i_op || !old_dir->i_op->rename)
		return -EPERM;
	/* A directory moving to another parent rewrites its "..": it must be writable. */
	if (new_dir != old_dir) {
		if (is_dir && (err = inode_permission(source, MAY_WRITE)))
			return err;
		if ((flags & RENAME_EXCHANGE) && new_is_dir &&
		    (err = inode_permission(target, MAY_WRITE)))
			return err;
	}
	/*
	 * A directory replaced is locked as rmdir locks it (Linux's vfs_rename locks the
	 * victim): a create in it, under its i_mutex, either ends before the file system finds
	 * it empty or starts after and finds it removed (ENOENT), so no name is left behind in
	 * a directory that is gone. It is new_dir's child and not an ancestor of old_dir (the
	 * trap check), so parent-before-child order holds.
	 */
	if (new_is_dir && !(flags & RENAME_EXCHANGE))
		mutex_lock(&target->i_mutex);
	if (is_mountpoint(old) || is_mountpoint(new))
		err = -EBUSY;
	else	/* the file system moves the dentries (d_move) and refuses a non-empty target */
		err = old_dir->i_op->rename(old_dir, old, new_dir, new, flags);
	if (new_is_dir && !(flags & RENAME_EXCHANGE))
		mutex_unlock(&target->i_mutex);
	return err;
}

/* ---- mkdir ---- */

static long do_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	struct parent_walk pw;
	struct inode *dir;
	struct dentry *d;
	int err = user_path_parent(dfd, pathname, &pw);

	if (err)
		return err;
	err = -EEXIST;
	if (pw.type != LAST_NORM)
		goto out;
	dir = pw.parent.dentry->d_inode;
	mutex_lock(&dir->i_mutex);
	d = lookup_one_len(pw.last, pw.parent.dentry, pw.len);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = d->d_inode ? -EEXIST : path_want_write(&pw.parent);
		if (!err)
			err = vfs_mkdir(dir, d, mode & ~current_umask());
		dput(d);
	}
	mutex_unlock(&dir->i_mutex);
out:
	put_parent(&pw);
	return err;
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(dfd, pathname, mode);
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}

/* ---- the creating calls: a new name, no trailing slash ---- */

/*
 * Look up pw's last name for creating it: the held negative dentry with the parent's
 * i_mutex taken (unlock with done_create), or an ERR_PTR (nothing held but pw).
 */
static struct dentry *start_create(struct parent_walk *pw)
{
	struct inode *dir = pw->parent.dentry->d_inode;
	struct dentry *d;
	int err;

	if (pw->type != LAST_NORM)
		return ERR_PTR(-EEXIST);
	mutex_lock(&dir->i_mutex);
	d = lookup_one_len(pw->last, pw->parent.dentry, pw->len);
	if (IS_ERR(d))
		goto fail;
	err = d->d_inode ? -EEXIST : pw->slash ? -ENOENT : path_want_write(&pw->parent);
	if (!err)
		return d;
	dput(d);
	d = ERR_PTR(err);
fail:
	mutex_unlock(&dir->i_mutex);
	return d;
}

static void done_create(struct parent_walk *pw, struct dentry *d)
{
	dput(d);
	mutex_unlock(&pw->parent.dentry->d_inode->i_mutex);
}

/* mknod's dev argument: Linux's 32-bit encoding (12-bit major, 20-bit minor, split). */
static dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

static long do_mknodat(int dfd, const char __user *filename, umode_t mode, unsigned int dev)
{
	struct parent_walk pw;
	struct dentry *d;
	int err;

	/* The type is judged before the name is even looked at. */
	switch (mode & S_IFMT) {
	case 0:
		mode |= S_IFREG;
		break;
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	err = user_path_parent(dfd, filename, &pw);
	if (err)
		return err;
	d = start_create(&pw);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		mode = (mode & S_IFMT) | (mode & S_IALLUGO & ~current_umask());
		err = vfs_mknod(pw.parent.dentry->d_inode, d, mode,
				S_ISCHR(mode) || S_ISBLK(mode) ? new_decode_dev(dev) : 0);
		done_create(&pw, d);
	}
	put_parent(&pw);
	return err;
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode,
		unsigned int, dev)
{
	return do_mknodat(dfd, filename, mode, dev);
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(AT_FDCWD, filename, mode, dev);
}

static long do_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	struct parent_walk pw;
	struct dentry *d;
	char *target = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;
	int err;

	if (!target)
		return -ENOMEM;
	n = strncpy_from_user(target, oldname, PATH_MAX);
	err = n < 0 ? -EFAULT : n == PATH_MAX ? -ENAMETOOLONG : n == 0 ? -ENOENT : 0;
	if (err)
		goto out;
	err = user_path_parent(newdfd, newname, &pw);
	if (err)
		goto out;
	d = start_create(&pw);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_symlink(pw.parent.dentry->d_inode, d, target);
		done_create(&pw, d);
	}
	put_parent(&pw);
out:
	kfree(target);
	return err;
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}

static long do_linkat(int olddfd, const char __user *oldname, int newdfd,
		      const char __user *newname, int flags)
{
	unsigned int lookup = 0;
	struct parent_walk pw;
	struct path old;
	struct dentry *d;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	/* Linking an open file by its descriptor is a privilege (it may have no name). */
	if ((flags & AT_EMPTY_PATH) && !capable(CAP_DAC_READ_SEARCH))
		return -ENOENT;
	if (flags & AT_SYMLINK_FOLLOW)
		lookup |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = user_path_at(olddfd, oldname, lookup, &old);
	if (err)
		return err;
	err = user_path_parent(newdfd, newname, &pw);
	if (err)
		goto out_old;
	err = -EXDEV;
	if (old.mnt != pw.parent.mnt)
		goto out;
	d = start_create(&pw);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = vfs_link(old.dentry, pw.parent.dentry->d_inode, d);
		done_create(&pw, d);
	}
out:
	put_parent(&pw);
out_old:
	path_put(&old);
	return err;
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/* ---- unlink and rmdir ---- */

static long do_rmdir(int dfd, const char __user *pathname)
{
	struct parent_walk pw;
	struct inode *dir;
	struct dentry *d;
	int err = user_path_parent(dfd, pathname, &pw);

	if (err)
		return err;
	switch (pw.type) {
	case LAST_DOTDOT:
		err = -ENOTEMPTY;
		goto out;
	case LAST_DOT:
		err = -EINVAL;
		goto out;
	case LAST_ROOT:
		err = -EBUSY;
		goto out;
	}
	err = path_want_write(&pw.parent);
	if (err)
		goto out;
	dir = pw.parent.dentry->d_inode;
	mutex_lock(&dir->i_mutex);
	d = lookup_one_len(pw.last, pw.parent.dentry, pw.len);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		err = d->d_inode ? vfs_rmdir(dir, d) : -ENOENT;
		dput(d);
	}
	mutex_unlock(&dir->i_mutex);
out:
	put_parent(&pw);
	return err;
}

static long do_unlinkat(int dfd, const char __user *pathname)
{
	struct parent_walk pw;
	struct inode *dir;
	struct dentry *d;
	int err = user_path_parent(dfd, pathname, &pw);

	if (err)
		return err;
	err = -EISDIR;
	if (pw.type != LAST_NORM)
		goto out;
	err = path_want_write(&pw.parent);
	if (err)
		goto out;
	dir = pw.parent.dentry->d_inode;
	mutex_lock(&dir->i_mutex);
	d = lookup_one_len(pw.last, pw.parent.dentry, pw.len);
	err = PTR_ERR(d);
	if (!IS_ERR(d)) {
		if (!d->d_inode)
			err = -ENOENT;
		else if (pw.slash)	/* "name/": only a directory could be meant */
			err = S_ISDIR(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
		else
			err = vfs_unlink(dir, d);
		dput(d);
	}
	mutex_unlock(&dir->i_mutex);
out:
	put_parent(&pw);
	return err;
}

SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flag & AT_REMOVEDIR)
		return do_rmdir(dfd, pathname);
	return do_unlinkat(dfd, pathname);
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return do_unlinkat(AT_FDCWD, pathname);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return do_rmdir(AT_FDCWD, pathname);
}

/* ---- rename ---- */

/* Is d below (or equal to) anc in the dentry tree? rename_mutex keeps the answer true. */
static bool is_subdir(struct dentry *d, struct dentry *anc)
{
	for (;;) {
		if (d == anc)
			return true;
		if (d->d_parent == d)
			return false;
		d = d->d_parent;
	}
}

/*
 * Lock two parents for a rename: rename_mutex, then an ancestor before its descendant.
 * Returns the "trap": the child of the upper parent on the way down to the lower one
 * (moving it into the lower parent would put a directory inside itself), or NULL.
 */
static struct dentry *lock_rename(struct dentry *p1, struct dentry *p2)
{
	struct dentry *d;

	if (p1 == p2) {
		mutex_lock(&p1->d_inode->i_mutex);
		return NULL;
	}
	mutex_lock(&rename_mutex);
	for (d = p2; d->d_parent != d; d = d->d_parent)
		if (d->d_parent == p1) {
			mutex_lock(&p1->d_inode->i_mutex);
			mutex_lock(&p2->d_inode->i_mutex);
			return d;
		}
	for (d = p1; d->d_parent != d; d = d->d_parent)
		if (d->d_parent == p2) {
			mutex_lock(&p2->d_inode->i_mutex);
			mutex_lock(&p1->d_inode->i_mutex);
			return d;
		}
	/* Unrelated: neither can be taken as a child of the other, any fixed order is safe. */
	if (p1 < p2) {
		mutex_lock(&p1->d_inode->i_mutex);
		mutex_lock(&p2->d_inode->i_mutex);
	} else {
		mutex_lock(&p2->d_inode->i_mutex);
		mutex_lock(&p1->d_inode->i_mutex);
	}
	return NULL;
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	mutex_unlock(&p1->d_inode->i_mutex);
	if (p1 != p2) {
		mutex_unlock(&p2->d_inode->i_mutex);
		mutex_unlock(&rename_mutex);
	}
}

static long do_renameat2(int olddfd, const char __user *oldname, int newdfd,
			 const char __user *newname, unsigned int flags)
{
	struct parent_walk from, to;
	struct dentry *old_dir, *new_dir, *old, *new, *trap;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;		/* no overlay file system to want whiteouts */
	err = user_path_parent(olddfd, oldname, &from);
	if (err)
		return err;
	err = user_path_parent(newdfd, newname, &to);
	if (err)
		goto out_from;
	err = -EXDEV;
	if (from.parent.mnt != to.parent.mnt)
		goto out;
	err = -EBUSY;
	if (from.type != LAST_NORM)
		goto out;
	if (flags & RENAME_NOREPLACE)
		err = -EEXIST;
	if (to.type != LAST_NORM)
		goto out;
	err = path_want_write(&from.parent);
	if (err)
		goto out;
	old_dir = from.parent.dentry;
	new_dir = to.parent.dentry;
	trap = lock_rename(new_dir, old_dir);
	old = lookup_one_len(from.last, old_dir, from.len);
	err = PTR_ERR(old);
	if (IS_ERR(old))
		goto out_unlock;
	err = -ENOENT;
	if (!old->d_inode)
		goto out_old;
	new = lookup_one_len(to.last, new_dir, to.len);
	err = PTR_ERR(new);
	if (IS_ERR(new))
		goto out_old;
	err = -EEXIST;
	if ((flags & RENAME_NOREPLACE) && new->d_inode)
		goto out_new;
	if (flags & RENAME_EXCHANGE) {
		err = -ENOENT;
		if (!new->d_inode)
			goto out_new;
		err = -ENOTDIR;
		if (!S_ISDIR(new->d_inode->i_mode) && to.slash)
			goto out_new;
	}
	if (!S_ISDIR(old->d_inode->i_mode)) {
		err = -ENOTDIR;
		if (from.slash || (!(flags & RENAME_EXCHANGE) && to.slash))
			goto out_new;
	}
	/* A directory into itself, or (unless exchanging) over one of its own ancestors. */
	err = -EINVAL;
	if (old == trap || (S_ISDIR(old->d_inode->i_mode) && is_subdir(new_dir, old)))
		goto out_new;
	if (!(flags & RENAME_EXCHANGE))
		err = -ENOTEMPTY;
	if (new == trap)
		goto out_new;
	err = vfs_rename(old_dir->d_inode, old, new_dir->d_inode, new, flags);
out_new:
	dput(new);
out_old:
	dput(old);
out_unlock:
	unlock_rename(new_dir, old_dir);
out:
	put_parent(&to);
out_from:
	put_parent(&from);
	return err;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return do_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}
