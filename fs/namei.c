// SPDX-License-Identifier: GPL-2.0
/*
 * The path walk: from a name to a (mount, dentry) place, as Linux's namei.
 *
 *   path_init       where the walk starts: the process root for "/...", the working
 *                   directory for AT_FDCWD, else the directory open at dfd
 *   link_path_walk  every component but the last: each directory searched needs MAY_EXEC
 *                   (inode_permission), "." stays, ".." goes up but never above the process
 *                   root and out of a mount to its mount point, a name crosses into whatever
 *                   is mounted on it, a symlink's body is walked in its place (relative
 *                   bodies from the link's directory, absolute ones from the root); what was
 *                   left of the outer path waits on nd->stack until the body is done
 *   lookup_last     the last component, whose symlink is followed only with LOOKUP_FOLLOW
 *                   (then its body goes through link_path_walk again)
 *
 * Linux's limits: a component is at most NAME_MAX (255) bytes, a path less than PATH_MAX
 * (4096) with its NUL (ENAMETOOLONG); 40 symlinks per walk (MAXSYMLINKS, then ELOOP); a name
 * with a trailing slash must be a directory (ENOTDIR) and follows a final symlink.
 *
 * The walk holds a reference to the place it is at (nd->path) and to each symlink whose body
 * it is reading; it takes a directory's i_mutex only to ask the file system about a name
 * the dentry cache does not have (lookup_child). A cached name is one step under
 * dcache_lock (d_lookup_step): the walk's reference moves from the directory to the name,
 * and the mount's reference stays as it is until a mount is crossed.
 *
 * The nameidata lives on the caller's stack, and nd_init sets only what the walk reads
 * before writing. Two symlinks fit in it (EMBEDDED_LEVELS, as Linux's); a walk through more
 * takes room for MAXSYMLINKS from kmalloc (nd_grow) and gives it back at the end.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <linux/fcntl.h>
#include "internal.h"

#define EMBEDDED_LEVELS	2

struct nameidata {
	struct path path;		/* where the walk is (held) */
	struct path root;		/* the process root (held), once needed (set_root) */
	unsigned int flags;		/* LOOKUP_*; a trailing slash adds FOLLOW|DIRECTORY */
	int last_type;			/* LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT */
	const char *last;		/* the last component (not NUL-terminated) */
	unsigned int last_len;
	unsigned int last_hash;		/* full_name_hash() of last */
	bool trailing_slash;
	int total_links;		/* symlinks followed in this walk */
	int depth;			/* symlink bodies being walked */
	int nheld;
	const char **stack;		/* the rest of the path each body interrupted */
	struct path *held;		/* symlinks whose bodies are in use */
	const char *internal_stack[EMBEDDED_LEVELS];
	struct path internal_held[EMBEDDED_LEVELS];
};

#define LAST_SLASH	0x100	/* lookup_at_parent_locked: the name ended in '/' */

static void nd_init(struct nameidata *nd, unsigned int flags)
{
	nd->path.mnt = NULL;
	nd->path.dentry = NULL;
	nd->root.mnt = NULL;
	nd->root.dentry = NULL;
	nd->flags = flags;
	nd->trailing_slash = false;
	nd->total_links = 0;
	nd->depth = 0;
	nd->nheld = 0;
	nd->stack = nd->internal_stack;
	nd->held = nd->internal_held;
}

static void nd_exit(struct nameidata *nd)
{
	for (int i = 0; i < nd->nheld; i++)
		path_put(&nd->held[i]);
	if (nd->path.dentry)
		path_put(&nd->path);
	if (nd->root.dentry)
		path_put(&nd->root);
	if (nd->held != nd->internal_held)
		kfree(nd->held);
}

/*
 * A third symlink in one walk: room for all MAXSYMLINKS (held links and interrupted
 * paths in one block). depth never exceeds nheld, so growing at nheld covers both.
 */
static int nd_grow(struct nameidata *nd)
{
	struct path *held = kmalloc((MAXSYMLINKS + 1) * sizeof(struct path) +
				    MAXSYMLINKS * sizeof(const char *), GFP_KERNEL);
	const char **stack;

	if (!held)
		return -ENOMEM;
	stack = (const char **)(held + MAXSYMLINKS + 1);
	memcpy(held, nd->held, nd->nheld * sizeof(*held));
	memcpy(stack, nd->stack, nd->depth * sizeof(*stack));
	nd->held = held;
	nd->stack = stack;
	return 0;
}

/* The process root, taken the first time the walk needs it ("/", "..", absolute links). */
static void set_root(struct nameidata *nd)
{
	if (!nd->root.dentry)
		current_root(&nd->root);
}

static int path_init(struct nameidata *nd, int dfd, const char *name)
{
	if (*name == '/') {
		set_root(nd);
		nd->path = nd->root;
		path_get(&nd->path);
	} else if (dfd == AT_FDCWD) {
		current_pwd(&nd->path);
	} else {
		struct file *f = fget(dfd);

		if (!f)
			return -EBADF;
		if (!f->f_path.dentry || (*name && !S_ISDIR(f->f_inode->i_mode))) {
			fput(f);
			return -ENOTDIR;
		}
		nd->path = f->f_path;
		path_get(&nd->path);
		fput(f);
	}
	return 0;
}

/*
 * A cached dentry the file system may declare stale (procfs: a pid that is gone): it leaves
 * the directory and the name is looked up afresh.
 */
static struct dentry *revalidate_slow(struct dentry *d, unsigned int flags)
{
	int r = d->d_op->d_revalidate(d, flags);

	if (r > 0)
		return d;
	d_delete(d);
	dput(d);
	return r < 0 ? ERR_PTR(r) : NULL;
}

static inline struct dentry *revalidate(struct dentry *d, unsigned int flags)
{
	if (!d || !d->d_op || !d->d_op->d_revalidate)
		return d;
	return revalidate_slow(d, flags);
}

/* name in dir (dir's i_mutex held): a dentry with a reference (negative if absent). */
struct dentry *lookup_one_len(const char *name, struct dentry *dir, unsigned int len)
{
	struct inode *inode = dir->d_inode;
	struct dentry *d = revalidate(d_lookup(dir, name, len), 0), *r;

	if (d)
		return d;
	if (d_unlinked(dir))
		return ERR_PTR(-ENOENT);	/* a removed directory gets no new names */
	d = d_alloc_flags(dir, name, len, DCACHE_PAR_LOOKUP);
	if (!d)
		return ERR_PTR(-ENOMEM);
	r = inode->i_op && inode->i_op->lookup ? inode->i_op->lookup(inode, d, 0) : NULL;
	d_lookup_done(d);
	if (r) {
		dput(d);
		d = r;		/* an error, or the file system's own dentry */
	}
	return d;
}

/* The name the cache did not have, or had stale: ask the file system under dir's i_mutex. */
static struct dentry *lookup_child_slow(struct dentry *dir, const char *name, unsigned int len)
{
	struct dentry *d;

	mutex_lock(&dir->d_inode->i_mutex);
	d = lookup_one_len(name, dir, len);
	mutex_unlock(&dir->d_inode->i_mutex);
	return d;
}

static struct dentry *dget_parent(struct dentry *d)
{
	struct dentry *p;

	spin_lock(&dcache_lock);
	p = dget(d->d_parent);
	spin_unlock(&dcache_lock);
	return p;
}

/* "..": up one directory, out of mounts whose root we are at, never above the root. */
static void follow_dotdot(struct nameidata *nd)
{
	set_root(nd);
	for (;;) {
		if (nd->path.dentry == nd->root.dentry && nd->path.mnt == nd->root.mnt)
			break;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			struct dentry *parent = dget_parent(nd->path.dentry);

			dput(nd->path.dentry);
			nd->path.dentry = parent;
			break;
		}
		if (!follow_up(&nd->path))
			break;
	}
	follow_down(&nd->path);
}

/*
 * One component. 0: nd->path is now it. 1: it is a symlink to follow, held in *link.
 * Else an error (ENOENT for a name that is not there).
 */
static int walk_component(struct nameidata *nd, const char *name, unsigned int len,
			  unsigned int hash, int type, bool follow, struct path *link)
{
	struct path next;
	struct dentry *d;
	bool moved;

	if (type == LAST_DOT)
		return 0;
	if (type == LAST_DOTDOT) {
		follow_dotdot(nd);
		return 0;
	}
	d = d_lookup_step(nd->path.dentry, name, len, hash, follow, &moved);
	if (moved) {
		nd->path.dentry = d;	/* the same mount: its reference stays */
		return 0;
	}
	d = revalidate(d, 0);
	if (!d)
		d = lookup_child_slow(nd->path.dentry, name, len);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (!d->d_inode) {
		dput(d);
		return -ENOENT;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = d;
	follow_down(&next);
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode)) {
		*link = next;
		return 1;
	}
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * Start on the symlink link (held; nd keeps it until the walk ends): its body, to walk from
 * where nd->path is (or from the root when absolute, or from where a procfs magic link
 * jumps: then the body is "").
 */
static const char *pick_link(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->d_inode;
	struct path jump = { NULL, NULL };
	const char *body;

	if (nd->total_links++ >= MAXSYMLINKS || nd->nheld > MAXSYMLINKS) {
		path_put(link);
		return ERR_PTR(-ELOOP);
	}
	if (nd->held == nd->internal_held && nd->nheld == EMBEDDED_LEVELS && nd_grow(nd)) {
		path_put(link);
		return ERR_PTR(-ENOMEM);
	}
	nd->held[nd->nheld++] = *link;
	body = inode->i_link;
	if (!body) {
		if (!inode->i_op || !inode->i_op->get_link)
			return ERR_PTR(-EINVAL);
		body = inode->i_op->get_link(link->dentry, inode, &jump);
		if (IS_ERR(body))
			return body;
		if (!body) {
			if (!jump.dentry)
				return ERR_PTR(-ENOENT);
			path_put(&nd->path);
			nd->path = jump;
			return "";
		}
	}
	if (!*body)
		return ERR_PTR(-ENOENT);
	if (*body == '/') {
		set_root(nd);
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	return body;
}

/* Every component of name but the last (see the top of the file). */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	for (;;) {
		const char *comp, *rest;
		unsigned int len, hash = 0;
		struct path link;
		int type, err;

		while (*name == '/')
			name++;
		if (!*name) {
			if (nd->depth) {
				name = nd->stack[--nd->depth];
				continue;
			}
			nd->last_type = LAST_ROOT;	/* "/", or a body that ended at a place */
			nd->last_len = 0;
			return 0;
		}
		if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
			return -ENOTDIR;
		err = inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
		if (err)
			return err;
		comp = name;
		while (*name && *name != '/')
			hash = name_hash_add(hash, *name++);
		len = name - comp;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		type = LAST_NORM;
		if (comp[0] == '.' && len == 1)
			type = LAST_DOT;
		else if (comp[0] == '.' && comp[1] == '.' && len == 2)
			type = LAST_DOTDOT;
		for (rest = name; *rest == '/'; rest++)
			;
		if (!*rest && !nd->depth) {
			nd->last = comp;
			nd->last_len = len;
			nd->last_hash = hash;
			nd->last_type = type;
			if (*name == '/') {
				nd->trailing_slash = true;
				nd->flags |= LOOKUP_FOLLOW | LOOKUP_DIRECTORY;
			}
			return 0;
		}
		err = walk_component(nd, comp, len, hash, type, true, &link);
		if (err < 0)
			return err;
		if (err > 0) {
			const char *body = pick_link(nd, &link);

			if (IS_ERR(body))
				return PTR_ERR(body);
			if (nd->depth >= MAXSYMLINKS)
				return -ELOOP;
			nd->stack[nd->depth++] = rest;
			name = body;
			continue;
		}
		name = rest;
	}
}

/* The last component: NULL when the walk is done, a symlink body to walk next, or an error. */
static const char *lookup_last(struct nameidata *nd)
{
	struct path link;
	int err;

	if (nd->last_type == LAST_ROOT)
		return NULL;
	err = walk_component(nd, nd->last, nd->last_len, nd->last_hash, nd->last_type,
			     nd->flags & LOOKUP_FOLLOW, &link);
	if (err < 0)
		return ERR_PTR(err);
	if (err > 0)
		return pick_link(nd, &link);
	nd->last_type = LAST_ROOT;
	return NULL;
}

static int path_lookupat(struct nameidata *nd, int dfd, const char *name)
{
	const char *s = name;
	int err = path_init(nd, dfd, name);

	while (!err && !(err = link_path_walk(s, nd))) {
		s = lookup_last(nd);
		if (!s)
			break;
		if (IS_ERR(s))
			err = PTR_ERR(s);
	}
	if (!err && (nd->flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd->path.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	return err;
}

/* The walk of a name already bounded (by getname, or by kern_path_at's check). */
static int filename_lookup(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct nameidata nd;
	int err;

	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	nd_init(&nd, flags);
	err = path_lookupat(&nd, dfd, name);
	if (!err) {
		*path = nd.path;
		nd.path.dentry = NULL;
	}
	nd_exit(&nd);
	return err;
}

int kern_path_at(int dfd, const char *name, unsigned int flags, struct path *path)
{
	if (strnlen(name, PATH_MAX) >= PATH_MAX)
		return -ENAMETOOLONG;
	return filename_lookup(dfd, name, flags, path);
}

int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path)
{
	struct filename *f = getname_flags(name, flags);
	int err;

	if (IS_ERR(f))
		return PTR_ERR(f);
	err = filename_lookup(dfd, f->name, flags, path);
	putname(f);
	return err;
}

/* ---- parents, for the calls that add or remove names ---------------------------------- */

struct dentry *kern_lookup_at_parent_locked(int dfd, const char *name, unsigned int flags,
					    struct path *parent, int *type)
{
	struct nameidata nd;
	struct dentry *d = NULL;
	int err;

	if (!*name)
		return ERR_PTR(-ENOENT);
	nd_init(&nd, flags & ~(LOOKUP_FOLLOW | LOOKUP_DIRECTORY));
	err = path_init(&nd, dfd, name);
	if (!err)
		err = link_path_walk(name, &nd);
	if (err) {
		nd_exit(&nd);
		return ERR_PTR(err);
	}
	*type = nd.last_type | (nd.trailing_slash ? LAST_SLASH : 0);
	if (nd.last_type == LAST_NORM) {
		mutex_lock(&nd.path.dentry->d_inode->i_mutex);
		d = lookup_one_len(nd.last, nd.path.dentry, nd.last_len);
		if (IS_ERR(d)) {
			mutex_unlock(&nd.path.dentry->d_inode->i_mutex);
			nd_exit(&nd);
			return d;
		}
	}
	*parent = nd.path;
	nd.path.dentry = NULL;
	nd_exit(&nd);
	return d;
}

struct dentry *lookup_at_parent_locked(int dfd, const char __user *name, unsigned int flags,
				       struct path *parent, int *type)
{
	struct filename *f = getname(name);
	struct dentry *d;

	if (IS_ERR(f))
		return ERR_CAST(f);
	d = kern_lookup_at_parent_locked(dfd, f->name, flags, parent, type);
	putname(f);
	return d;
}

void done_path_create(struct path *parent, struct dentry *d)
{
	if (d) {
		dput(d);
		mutex_unlock(&parent->dentry->d_inode->i_mutex);
	}
	path_put(parent);
}

/* May a name be added in dir? Searchable and writable, not removed, not read-only. */
static int may_create(struct inode *dir, struct dentry *parent)
{
	if (d_unlinked(parent))
		return -ENOENT;
	return inode_permission(dir, MAY_WRITE | MAY_EXEC);
}

int vfs_create(struct inode *dir, struct dentry *d, umode_t mode)
{
	int err = may_create(dir, d->d_parent);

	if (err)
		return err;
	if (!dir->i_op || !dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, d, mode_strip_sgid(dir, (mode & S_IALLUGO) | S_IFREG));
}

/* ---- open ----------------------------------------------------------------------------- */

/*
 * The last component of an open: with O_CREAT, found or made under the parent's i_mutex
 * (O_EXCL: EEXIST if there); without, an ordinary lookup. 0 with nd->path the file, a
 * symlink body to follow (returned through *body), or an error.
 */
static int open_last(struct nameidata *nd, int flags, umode_t mode, bool *created,
		     const char **body)
{
	struct dentry *dir = nd->path.dentry, *d;
	struct path link;
	int err;

	*body = NULL;
	if (!(flags & O_CREAT)) {
		/* As Linux's: a trailing slash follows the last symlink even with O_NOFOLLOW. */
		if ((flags & O_NOFOLLOW) && !nd->trailing_slash)
			nd->flags &= ~LOOKUP_FOLLOW;
		*body = lookup_last(nd);
		return IS_ERR(*body) ? PTR_ERR(*body) : 0;
	}
	if (nd->last_type != LAST_NORM || nd->trailing_slash)
		return -EISDIR;
	mutex_lock(&dir->d_inode->i_mutex);
	d = lookup_one_len(nd->last, dir, nd->last_len);
	if (IS_ERR(d)) {
		mutex_unlock(&dir->d_inode->i_mutex);
		return PTR_ERR(d);
	}
	if (!d->d_inode) {
		err = mnt_want_write(nd->path.mnt);
		if (!err)
			err = vfs_create(dir->d_inode, d, mode);
		mutex_unlock(&dir->d_inode->i_mutex);
		if (err) {
			dput(d);
			return err;
		}
		*created = true;
		link.mnt = mntget(nd->path.mnt);
		path_put(&nd->path);	/* d holds its parent */
		nd->path.mnt = link.mnt;
		nd->path.dentry = d;
		return 0;
	}
	mutex_unlock(&dir->d_inode->i_mutex);
	if (flags & O_EXCL) {
		dput(d);
		return -EEXIST;
	}
	link.mnt = mntget(nd->path.mnt);
	link.dentry = d;
	follow_down(&link);
	if (S_ISLNK(link.dentry->d_inode->i_mode) && !(flags & O_NOFOLLOW)) {
		*body = pick_link(nd, &link);
		return IS_ERR(*body) ? PTR_ERR(*body) : 0;
	}
	path_put(&nd->path);
	nd->path = link;
	return 0;
}

/* name is bounded (getname, or filp_open's check). */
struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode)
{
	unsigned int lookup = (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0) | LOOKUP_FOLLOW;
	struct nameidata nd;
	bool created = false;
	const char *s = name;
	struct file *f;
	int err;

	nd_init(&nd, lookup);
	err = path_init(&nd, dfd, name);
	while (!err && !(err = link_path_walk(s, &nd))) {
		err = open_last(&nd, flags, mode, &created, &s);
		if (err || !s)
			break;
	}
	if (err) {
		nd_exit(&nd);
		return ERR_PTR(err);
	}
	if ((nd.flags & LOOKUP_DIRECTORY) && !S_ISDIR(nd.path.dentry->d_inode->i_mode))
		f = ERR_PTR(-ENOTDIR);
	else if ((flags & O_CREAT) && !created && S_ISDIR(nd.path.dentry->d_inode->i_mode))
		f = ERR_PTR(-EISDIR);
	else if (S_ISLNK(nd.path.dentry->d_inode->i_mode) && !(flags & O_PATH))
		f = ERR_PTR(-ELOOP);		/* O_NOFOLLOW on a symlink */
	else
		f = do_dentry_open(&nd.path, flags, created);
	nd_exit(&nd);
	return f;
}

struct file *filp_open(const char *name, int flags, umode_t mode)
{
	int acc;
	int err = build_open_flags(flags, mode, &acc);

	if (err)
		return ERR_PTR(err);
	if (strnlen(name, PATH_MAX) >= PATH_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	return do_filp_open(AT_FDCWD, name, flags, (mode & S_IALLUGO) & ~current_umask());
}
