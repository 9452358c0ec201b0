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
 * Lookup is by a hash table keyed by (parent, name hash), as Linux's dentry_hashtable, so
 * finding a name costs the same in a directory of 3 entries or 30,000: every dentry with a
 * parent is in one chain from d_alloc until it leaves its directory (d_delete, or the last
 * dput); d_move rehashes it. The parent's d_subdirs list stays for readdir's order.
 *
 * Locking: dcache_lock (a spinlock, innermost: taken under mount_lock, never around
 * anything that sleeps) guards the hash chains, every d_subdirs/d_child list, d_flags and
 * the step of a count to zero, so a lookup never hands out a dentry that is being freed.
 * It is a plain spin_lock, not irqsave: no interrupt handler touches a dentry (dget, dput
 * and every lookup run in task context only), and the kernel is not preempted, so a CPU
 * cannot be interrupted into a second taker of the lock it holds. Callers that already run
 * with interrupts off (under mount_lock) may take it too. Adding or removing a name also
 * needs the directory's i_mutex (the callers take it).
 *
 * Every count decrement that could reach zero happens under dcache_lock (dput), so while
 * a task holds the lock, every dentry in the hash has a count of at least one and stays:
 * that lets d_lookup_step move the walk's reference from a directory to its child in one
 * lock hold (see there).
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

/* The hash chains (dcache_lock). 4096 heads: the bounded 2^20 dentries are 256 a chain at
 * worst, a tree of a few thousand names mostly one. */
#define D_HASH_BITS	12
static struct dentry *dentry_hashtable[1 << D_HASH_BITS];

static struct dentry **d_hash(const struct dentry *parent, unsigned int hash)
{
	unsigned int mix = hash + (unsigned int)((unsigned long)parent >> 4);

	return &dentry_hashtable[(mix * 0x9e3779b1u) >> (32 - D_HASH_BITS)];
}

/* dcache_lock held */
static void __d_rehash(struct dentry *d)
{
	struct dentry **head = d_hash(d->d_parent, d->d_hashval);

	d->d_hash_next = *head;
	if (*head)
		(*head)->d_hash_pprev = &d->d_hash_next;
	*head = d;
	d->d_hash_pprev = head;
}

/* dcache_lock held */
static void __d_unhash(struct dentry *d)
{
	if (!d->d_hash_pprev)
		return;
	*d->d_hash_pprev = d->d_hash_next;
	if (d->d_hash_next)
		d->d_hash_next->d_hash_pprev = d->d_hash_pprev;
	d->d_hash_next = NULL;
	d->d_hash_pprev = NULL;
}

unsigned int full_name_hash(const char *name, unsigned int len)
{
	unsigned int h = 0;

	while (len--)
		h = name_hash_add(h, *name++);
	return h;
}

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

	if (!d)
		return NULL;
	if (set_name(d, name, len)) {
		kfree(d);
		return NULL;
	}
	d->d_hashval = full_name_hash(name, len);
	spin_lock(&dcache_lock);
	if (nr_dentries >= MAX_DENTRIES) {
		spin_unlock(&dcache_lock);
		free_name(d);
		kfree(d);
		return NULL;
	}
	nr_dentries++;
	spin_unlock(&dcache_lock);
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

	if (!d)
		return NULL;
	d->d_flags = dflags;
	d->d_parent = dget(parent);
	d->d_op = parent->d_sb->s_d_op;
	spin_lock(&dcache_lock);
	list_add_tail(&d->d_child, &parent->d_subdirs);
	__d_rehash(d);
	spin_unlock(&dcache_lock);
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
	spin_lock(&dcache_lock);
	d->d_inode = inode;
	if (d->d_parent != d && inode) {
		d->d_dirpos = ++d->d_parent->d_next_dirpos;
		list_del(&d->d_child);
		list_add_tail(&d->d_child, &d->d_parent->d_subdirs);
	}
	spin_unlock(&dcache_lock);
}

/* Names are short: a byte loop inline beats a call to memcmp (the kernel has no builtins). */
static inline bool name_eq(const char *a, const char *b, unsigned int len)
{
	while (len--)
		if (*a++ != *b++)
			return false;
	return true;
}

/* dcache_lock held: name in parent, or NULL (names being looked up are passed by). */
static struct dentry *__d_lookup(const struct dentry *parent, const char *name,
				 unsigned int len, unsigned int hash)
{
	struct dentry *d;

	for (d = *d_hash(parent, hash); d; d = d->d_hash_next) {
		if (d->d_hashval != hash || d->d_parent != parent || d->d_namelen != len)
			continue;
		if (d->d_flags & DCACHE_PAR_LOOKUP)
			continue;
		if (name_eq(d->d_name, name, len))
			return d;
	}
	return NULL;
}

/* name (hash: full_name_hash's) in parent, with a reference, or NULL. */
struct dentry *d_lookup_hash(struct dentry *parent, const char *name, unsigned int len,
			     unsigned int hash)
{
	struct dentry *d;

	spin_lock(&dcache_lock);
	d = dget(__d_lookup(parent, name, len, hash));
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len)
{
	return d_lookup_hash(parent, name, len, full_name_hash(name, len));
}

/*
 * The walk's step through a cached name (fs/namei.c's walk_component). The caller holds a
 * reference to parent (its place). Under one hold of dcache_lock: find the name, and when
 * the child is a plain place to move to (positive, not a symlink the caller will follow,
 * nothing mounted on it, no d_revalidate to ask), move the caller's reference from parent
 * to the child: the child's count goes up, and the parent's goes down only when it stays
 * above zero (others hold it: the tree, a working directory). Both are safe under the
 * lock: no count reaches zero without it (see the top of the file). *moved then says the
 * caller's parent reference is gone; else the child (if any) has a new reference of its
 * own and the parent's is untouched, and the caller goes the slow way. NULL: not cached.
 */
struct dentry *d_lookup_step(struct dentry *parent, const char *name, unsigned int len,
			     unsigned int hash, bool follow, bool *moved)
{
	struct dentry *d;
	struct inode *inode;

	*moved = false;
	spin_lock(&dcache_lock);
	d = __d_lookup(parent, name, len, hash);
	if (d) {
		__atomic_fetch_add(&d->d_count, 1, __ATOMIC_RELAXED);
		inode = d->d_inode;
		if (inode && !(d->d_flags & DCACHE_MOUNTED) &&
		    !(follow && S_ISLNK(inode->i_mode)) &&
		    !(d->d_op && d->d_op->d_revalidate) &&
		    __atomic_load_n(&parent->d_count, __ATOMIC_RELAXED) > 1) {
			__atomic_fetch_sub(&parent->d_count, 1, __ATOMIC_RELEASE);
			*moved = true;
		}
	}
	spin_unlock(&dcache_lock);
	return d;
}

void d_lookup_done(struct dentry *d)
{
	spin_lock(&dcache_lock);
	d->d_flags &= ~DCACHE_PAR_LOOKUP;
	spin_unlock(&dcache_lock);
}

void d_delete(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (!(d->d_flags & DCACHE_DELETED)) {
		d->d_flags |= DCACHE_DELETED;
		list_del_init(&d->d_child);
		__d_unhash(d);
	}
	spin_unlock(&dcache_lock);
}

int d_move(struct dentry *d, struct dentry *new_parent, const char *name, unsigned int len)
{
	struct dentry tmp;
	struct dentry *old_parent;
	unsigned int hash = full_name_hash(name, len);
	bool hashed;

	if (set_name(&tmp, name, len))
		return -ENOMEM;
	dget(new_parent);
	spin_lock(&dcache_lock);
	hashed = d->d_hash_pprev != NULL;
	__d_unhash(d);
	free_name(d);
	if (tmp.d_name == tmp.d_iname) {
		memcpy(d->d_iname, tmp.d_iname, len + 1);
		d->d_name = d->d_iname;
	} else {
		d->d_name = tmp.d_name;
	}
	d->d_namelen = len;
	d->d_hashval = hash;
	old_parent = d->d_parent;
	/* A renamed name takes its (new) directory's next position, within one directory too:
	 * Linux's __d_move puts it at the head of the children, where dcache_readdir lists it
	 * first. A listing in progress has passed that place already (tmpfs lists the newest
	 * first), so it does not meet the name twice. */
	d->d_parent = new_parent;
	d->d_dirpos = ++new_parent->d_next_dirpos;
	list_del(&d->d_child);
	list_add_tail(&d->d_child, &new_parent->d_subdirs);
	if (hashed)
		__d_rehash(d);
	spin_unlock(&dcache_lock);
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

		spin_lock(&dcache_lock);
		if (__atomic_sub_fetch(&d->d_count, 1, __ATOMIC_ACQ_REL) > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (d->d_count < 0)
			panic("dput: %s dropped below zero", d->d_name);
		list_del_init(&d->d_child);
		__d_unhash(d);
		nr_dentries--;
		spin_unlock(&dcache_lock);
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
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	spin_lock(&dcache_lock);
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
	spin_unlock(&dcache_lock);
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
