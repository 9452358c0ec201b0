// SPDX-License-Identifier: GPL-2.0
/*
 * The initramfs's entries made in the root tmpfs, as Linux's init/initramfs.c makes them:
 * directories, regular files (their data copied into tmpfs pages), symlinks, device nodes,
 * FIFOs and sockets, each with the archive's mode, owner and mtime. An entry whose name
 * already exists replaces it (a directory over a directory only takes its attributes).
 * Entries with nlink > 1 that share (device, inode number) become hard links of the first
 * one; the data may come with any of them (GNU cpio puts it on the last). Directories get
 * their mtimes at the end, since the entries made in them change them.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/initramfs.h>
#include <linux/fcntl.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include "internal.h"

struct link_hash {
	u32 ino, major, minor, mode;
	struct path path;		/* the first name (held) */
	struct link_hash *next;
};

struct dir_time {
	struct path path;
	u32 mtime;
	struct dir_time *next;
};

static struct link_hash *links;
static struct dir_time *dir_times;

static void set_attrs(struct dentry *d, const struct initramfs_entry *e, bool set_mode)
{
	struct inode *inode = d->d_inode;

	if (set_mode)
		inode->i_mode = (inode->i_mode & S_IFMT) | (e->mode & S_IALLUGO);
	inode->i_uid = e->uid;
	inode->i_gid = e->gid;
	inode->i_atime.tv_sec = inode->i_mtime.tv_sec = e->mtime;
	inode->i_atime.tv_nsec = inode->i_mtime.tv_nsec = 0;
}

static const char *clean_name(const char *name)
{
	for (;;) {
		if (name[0] == '/')
			name++;
		else if (name[0] == '.' && name[1] == '/')
			name += 2;
		else if (name[0] == '.' && !name[1])
			name++;
		else
			return name;
	}
}

static void remember_dir(struct vfsmount *mnt, struct dentry *d, u32 mtime)
{
	struct dir_time *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return;
	t->path.mnt = mntget(mnt);
	t->path.dentry = dget(d);
	t->mtime = mtime;
	t->next = dir_times;
	dir_times = t;
}

static struct link_hash *find_link(const struct initramfs_entry *e)
{
	for (struct link_hash *l = links; l; l = l->next)
		if (l->ino == e->ino && l->major == e->dev_major && l->minor == e->dev_minor &&
		    ((l->mode ^ e->mode) & S_IFMT) == 0)
			return l;
	return NULL;
}

static void remember_link(const struct initramfs_entry *e, struct vfsmount *mnt,
			  struct dentry *d)
{
	struct link_hash *l = kzalloc(sizeof(*l), GFP_KERNEL);

	if (!l)
		return;
	*l = (struct link_hash){ e->ino, e->dev_major, e->dev_minor, e->mode,
				 { mntget(mnt), dget(d) }, links };
	links = l;
}

/* A file's data, written through an open file as any write would. */
static int write_data(struct vfsmount *mnt, struct dentry *d, const struct initramfs_entry *e)
{
	struct path p = { mnt, d };
	struct file *f;
	loff_t pos = 0;
	ssize_t n = 0;

	if (!e->size)
		return 0;
	f = alloc_file(&p, d->d_inode, d->d_inode->i_fop, O_WRONLY | O_LARGEFILE);
	if (IS_ERR(f))
		return PTR_ERR(f);
	if (f->f_op->write_kernel)
		n = f->f_op->write_kernel(f, e->data, e->size, &pos);
	fput(f);
	if (n < 0)
		return n;
	return (size_t)n == e->size ? 0 : -ENOSPC;
}

/* The entry itself in dir (its i_mutex held), d negative: 0 or an errno. */
static int make_one(struct path *parent, struct dentry *d, const struct initramfs_entry *e)
{
	struct inode *dir = parent->dentry->d_inode;
	umode_t mode = e->mode;
	char *target;
	int err;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		return dir->i_op->mkdir(dir, d, mode & S_IALLUGO);
	case S_IFREG:
		return dir->i_op->create(dir, d, mode & S_IALLUGO);
	case S_IFLNK:
		if (e->size >= PATH_MAX)
			return -ENAMETOOLONG;
		target = kmalloc(e->size + 1, GFP_KERNEL);
		if (!target)
			return -ENOMEM;
		memcpy(target, e->data, e->size);
		target[e->size] = '\0';
		err = dir->i_op->symlink(dir, d, target);
		kfree(target);
		return err;
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return dir->i_op->mknod(dir, d, mode, MKDEV(e->rdev_major, e->rdev_minor));
	default:
		return -EINVAL;
	}
}

int initramfs_make_entry(const struct initramfs_entry *e)
{
	const char *name = clean_name(e->name), *last;
	struct path parent;
	struct inode *dir;
	struct dentry *d;
	struct link_hash *l = NULL;
	int type, err = 0;

	if (!*name) {			/* "." : the root's own attributes */
		struct path root;

		if (!S_ISDIR(e->mode))
			return -EEXIST;
		current_root(&root);
		set_attrs(root.dentry, e, true);
		remember_dir(root.mnt, root.dentry, e->mtime);
		path_put(&root);
		return 0;
	}
	d = kern_lookup_at_parent_locked(AT_FDCWD, name, 0, &parent, &type);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (type != LAST_NORM) {
		done_path_create(&parent, d);
		return -EINVAL;
	}
	last = strrchr(name, '/');
	last = last ? last + 1 : name;
	dir = parent.dentry->d_inode;
	if (d->d_inode && !(S_ISDIR(e->mode) && S_ISDIR(d->d_inode->i_mode))) {
		/* something else is there: it goes first (Linux's clean_path) */
		err = S_ISDIR(d->d_inode->i_mode) ? dir->i_op->rmdir(dir, d) :
						     dir->i_op->unlink(dir, d);
		dput(d);
		d = err ? ERR_PTR(err) : lookup_one_len(last, parent.dentry, strlen(last));
		if (IS_ERR(d)) {
			mutex_unlock(&dir->i_mutex);
			path_put(&parent);
			return PTR_ERR(d);
		}
	}
	if (S_ISREG(e->mode) && e->nlink >= 2)
		l = find_link(e);
	if (l)
		err = dir->i_op->link(l->path.dentry, dir, d);
	else if (!d->d_inode)
		err = make_one(&parent, d, e);
	if (!err && !l && S_ISREG(e->mode) && e->nlink >= 2)
		remember_link(e, parent.mnt, d);
	mutex_unlock(&dir->i_mutex);
	if (!err && S_ISREG(e->mode))
		err = write_data(parent.mnt, d, e);
	if (!err) {
		set_attrs(d, e, !S_ISLNK(e->mode));
		if (S_ISDIR(e->mode))
			remember_dir(parent.mnt, d, e->mtime);
	}
	dput(d);
	path_put(&parent);
	return err;
}

void initramfs_finish(void)
{
	while (dir_times) {
		struct dir_time *t = dir_times;

		dir_times = t->next;
		t->path.dentry->d_inode->i_mtime.tv_sec = t->mtime;
		t->path.dentry->d_inode->i_mtime.tv_nsec = 0;
		path_put(&t->path);
		kfree(t);
	}
	while (links) {
		struct link_hash *l = links;

		links = l->next;
		path_put(&l->path);
		kfree(l);
	}
}
