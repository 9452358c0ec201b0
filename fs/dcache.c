// SPDX-License-Identifier: GPL-2.0
/*
 * Directory entries (dentries): one name in one directory, pointing at an inode or at none
 * (a negative dentry: the name is known to be absent). A dentry holds a reference to its
 * parent and to its inode, so a path held by an open file or a working directory keeps every
 * directory above it. The last dput() frees the dentry and drops those references in turn:
 * nothing is cached without a holder, so the cache is bounded by what is held. tmpfs holds
 * each of its names itself (one extra reference from creation to unlink): its directories
 * are their dentry children.
 *
 * Locking: dcache_lock (a spinlock, innermost: taken under mount_lock, never around
 * anything that sleeps) guards every d_subdirs/d_child list, d_flags and the step of a count
 * to zero, so d_lookup() never hands out a dentry that is being freed. Adding or removing a
 * name also needs the directory's i_mutex (the callers take it).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include "internal.h"

DEFINE_SPINLOCK(dcache_lock);
DEFINE_MUTEX(rename_mutex);

/* A bound on dentries alive at once: each is a kernel allocation a user can cause. */
#define MAX_DENTRIES	(1L << 20)
static long nr_dentries;	/* dcache_lock */

long dentry_count(void)
{
	return __atomic_load_n(&nr_dentries, __ATOMIC_RELAXED);
}

struct dentry *dget(struct dentry *d)
{
	if (d)
		__atomic_fetch_add(&d->d_count, 1, __ATOMIC_RELAXED);
	return d;
}

static int set_name(struct dentry *d, const char *name, unsigned int len)
{
	char *n = d->d_iname;

	if (len >= sizeof(d->d_iname)) {
		n = kmalloc(len + 1, GFP_KERNEL);
		if (!n)
			return -ENOMEM;
	}
	memcpy(n, name, len);
	n[len] = '\0';
	d->d_name = n;
	d->d_namelen = len;
	return 0;
}

static void free_name(struct dentry *d)
{
	if (d->d_name != d->d_iname)
		kfree(d->d_name);
}

static struct dentry *__d_alloc(struct super_block *sb, const char *name, unsigned int len)
{
	struct dentry *d = kzalloc(sizeof(*d), GFP_KERNEL);
	unsigned long flags;

	if (!d)
		return NULL;
	if (set_name(d, name, len)) {
		kfree(d);
		return NULL;
	}
	spin_lock_irqsave(&dcache_lock, flags);
	if (nr_dentries >= MAX_DENTRIES) {
		spin_unlock_irqrestore(&dcache_lock, flags);
		free_name(d);
		kfree(d);
		return NULL;
	}
	nr_dentries++;
	spin_unlock_irqrestore(&dcache_lock, flags);
	d->d_count = 1;
	d->d_sb = sb;
	d->d_parent = d;
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	return d;
}

/* A new negative child of parent, added at the end of its list (getdents's order). */
struct dentry *d_alloc(struct dentry *parent, const char *name, unsigned int len)
{
	return d_alloc_flags(parent, name, len, 0);
}

/*
 * The same, with d_flags set before the list shows it: the walk's lookup publishes its
 * dentry as DCACHE_PAR_LOOKUP, so a lockless d_lookup never takes a name the file system
 * has not answered for yet as absent (it waits on the directory's i_mutex instead).
 */
struct dentry *d_alloc_flags(struct dentry *parent, const char *name, unsigned int len,
			     unsigned int dflags)
{
	struct dentry *d = __d_alloc(parent->d_sb, name, len);
	unsigned long flags;

	if (!d)
		return NULL;
	d->d_flags = dflags;
	d->d_parent = dget(parent);
	d->d_op = parent->d_sb->s_d_op;
	spin_lock_irqsave(&dcache_lock, flags);
	list_add_tail(&d->d_child, &parent->d_subdirs);
	spin_unlock_irqrestore(&dcache_lock, flags);
	return d;
}

struct dentry *d_make_root(struct inode *root)
{
	struct dentry *d;

	if (!root)
		return NULL;
	d = __d_alloc(root->i_sb, "/", 1);
	if (!d) {
		iput(root);
		return NULL;
	}
	d->d_op = root->i_sb->s_d_op;
	d->d_inode = root;
	return d;
}

/*
 * A name becomes positive: it takes the next of its directory's getdents positions and
 * goes to the end of the children, so positive children stay in position order. Negative
 * dentries (failed lookups) never take a position, so positions count only names created
 * in (or renamed into) the directory.
 */
void d_instantiate(struct dentry *d, struct inode *inode)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	d->d_inode = inode;
	if (d->d_parent != d && inode) {
		d->d_dirpos = ++d->d_parent->d_next_dirpos;
		list_del(&d->d_child);
		list_add_tail(&d->d_child, &d->d_parent->d_subdirs);
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
}

struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len)
{
	struct dentry *d, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	list_for_each_entry(d, &parent->d_subdirs, d_child) {
		if (d->d_namelen == len && !(d->d_flags & DCACHE_PAR_LOOKUP) &&
		    !memcmp(d->d_name, name, len)) {
			found = dget(d);
			break;
		}
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
	return found;
}

void d_lookup_done(struct dentry *d)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	d->d_flags &= ~DCACHE_PAR_LOOKUP;
	spin_unlock_irqrestore(&dcache_lock, flags);
}

void d_delete(struct dentry *d)
{
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	if (!(d->d_flags & DCACHE_DELETED)) {
		d->d_flags |= DCACHE_DELETED;
		list_del_init(&d->d_child);
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
}

int d_move(struct dentry *d, struct dentry *new_parent, const char *name, unsigned int len)
{
	struct dentry tmp;
	struct dentry *old_parent;
	unsigned long flags;

	if (set_name(&tmp, name, len))
		return -ENOMEM;
	dget(new_parent);
	spin_lock_irqsave(&dcache_lock, flags);
	free_name(d);
	if (tmp.d_name == tmp.d_iname) {
		memcpy(d->d_iname, tmp.d_iname, len + 1);
		d->d_name = d->d_iname;
	} else {
		d->d_name = tmp.d_name;
	}
	d->d_namelen = len;
	old_parent = d->d_parent;
	/* Within one directory a name keeps its getdents position and place, so a listing in
	 * progress does not meet it twice; into another it takes that one's next position. */
	if (old_parent != new_parent) {
		d->d_parent = new_parent;
		d->d_dirpos = ++new_parent->d_next_dirpos;
		list_del(&d->d_child);
		list_add_tail(&d->d_child, &new_parent->d_subdirs);
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
	dput(old_parent);
	return 0;
}

/*
 * Drop a reference; the last one frees the dentry and drops its inode's and its parent's
 * references, walking up while those were the last too (a loop, not recursion: a deep tree
 * must not overrun the kernel stack).
 */
void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;
		struct inode *inode;
		unsigned long flags;

		spin_lock_irqsave(&dcache_lock, flags);
		if (__atomic_sub_fetch(&d->d_count, 1, __ATOMIC_ACQ_REL) > 0) {
			spin_unlock_irqrestore(&dcache_lock, flags);
			return;
		}
		if (d->d_count < 0)
			panic("dput: %s dropped below zero", d->d_name);
		list_del_init(&d->d_child);
		nr_dentries--;
		spin_unlock_irqrestore(&dcache_lock, flags);
		parent = d->d_parent == d ? NULL : d->d_parent;
		inode = d->d_inode;
		free_name(d);
		kfree(d);
		if (inode)
			iput(inode);
		d = parent;
	}
}

/* Prepend "/name" or text at *pos (counting down in buf): false when it does not fit. */
static bool prepend(char *buf, int *pos, const char *s, int len)
{
	if (*pos < len)
		return false;
	*pos -= len;
	memcpy(buf + *pos, s, len);
	return true;
}

/*
 * Write p's path from root at the end of buf: 0 when root was met, 1 when the top of the
 * mount tree was reached first (root is not above p: "unreachable"), -ENAMETOOLONG.
 * mount_lock and dcache_lock hold the tree still meanwhile.
 */
int prepend_path(const struct path *p, const struct path *root, char *buf, int *pos)
{
	struct vfsmount *mnt = p->mnt;
	struct dentry *d = p->dentry;
	int start = *pos, ret = 0;
	unsigned long flags, f2;

	spin_lock_irqsave(&mount_lock, flags);
	spin_lock_irqsave(&dcache_lock, f2);
	while (!(d == root->dentry && mnt == root->mnt)) {
		if (d == mnt->mnt_root || d->d_parent == d) {
			if (mnt->mnt_parent == mnt || d != mnt->mnt_root) {
				ret = 1;	/* the top of this mount tree */
				break;
			}
			d = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (!prepend(buf, pos, d->d_name, d->d_namelen) || !prepend(buf, pos, "/", 1)) {
			ret = -ENAMETOOLONG;
			break;
		}
		d = d->d_parent;
	}
	spin_unlock_irqrestore(&dcache_lock, f2);
	spin_unlock_irqrestore(&mount_lock, flags);
	if (ret >= 0 && *pos == start && !prepend(buf, pos, "/", 1))
		ret = -ENAMETOOLONG;
	return ret;
}

char *d_path(const struct path *p, char *buf, int buflen)
{
	struct path root;
	int pos = buflen, ret;

	if (!prepend(buf, &pos, "", 1))
		return ERR_PTR(-ENAMETOOLONG);
	if (d_unlinked(p->dentry) && !prepend(buf, &pos, " (deleted)", 10))
		return ERR_PTR(-ENAMETOOLONG);
	current_root(&root);
	ret = prepend_path(p, &root, buf, &pos);
	path_put(&root);
	if (ret < 0)
		return ERR_PTR(ret);
	return buf + pos;
}
