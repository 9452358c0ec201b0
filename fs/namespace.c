// SPDX-License-Identifier: GPL-2.0
/*
 * The mount tree: which super_block is mounted where. A vfsmount sits on a dentry
 * (mnt_mountpoint) of its parent mount; the walk crosses into it going down (follow_down)
 * and back out going up through ".." (follow_up). mount(2) and umount2(2) for tmpfs, proc
 * and devtmpfs; the list /proc/mounts prints (iterate_mounts).
 *
 * Lifetimes: a mount in the tree holds one reference to itself, its parent mount and its
 * mount point's dentry; every path (an open file, a working directory, a walk in progress)
 * holds one more. umount takes a mount out of the tree only when nothing else holds it
 * (EBUSY otherwise) unless MNT_DETACH, which takes it out at once and lets the last holder's
 * mntput() end it. The last reference drops the mount's root and its super_block's active
 * count; the super_block ends with its last mount.
 *
 * Locking: namespace_sem (a mutex) serialises mount, umount and iterate_mounts; mount_lock
 * (a spinlock, taken before dcache_lock) guards the list and each mount's parent and mount
 * point, which the walk reads without namespace_sem.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/fs_struct.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/fcntl.h>
#include <linux/shmem_fs.h>
#include "internal.h"

DEFINE_SPINLOCK(mount_lock);
static DEFINE_MUTEX(namespace_sem);
static LIST_HEAD(mounts);		/* every attached mount, in mount order */
static int nr_mounts;			/* namespace_sem */
#define MAX_MOUNTS	100000		/* Linux's fs.mount-max: then ENOSPC */
struct vfsmount *root_mnt;

#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_SYNCHRONOUS	16
#define MS_REMOUNT	32
#define MS_MANDLOCK	64
#define MS_DIRSYNC	128
#define MS_NOSYMFOLLOW	256
#define MS_NOATIME	1024
#define MS_NODIRATIME	2048
#define MS_BIND		4096
#define MS_MOVE		8192
#define MS_REC		16384
#define MS_SILENT	32768
#define MS_UNBINDABLE	(1 << 17)
#define MS_PRIVATE	(1 << 18)
#define MS_SLAVE	(1 << 19)
#define MS_SHARED	(1 << 20)
#define MS_RELATIME	(1 << 21)
#define MS_STRICTATIME	(1 << 24)
#define MS_LAZYTIME	(1 << 25)
#define MS_MGC_VAL	0xC0ED0000
#define MS_MGC_MSK	0xffff0000

#define MNT_FORCE	1
#define MNT_DETACH	2
#define MNT_EXPIRE	4
#define UMOUNT_NOFOLLOW	8

struct vfsmount *mntget(struct vfsmount *m)
{
	if (m)
		__atomic_fetch_add(&m->mnt_count, 1, __ATOMIC_RELAXED);
	return m;
}

void mntput(struct vfsmount *m)
{
	if (!m || __atomic_sub_fetch(&m->mnt_count, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	dput(m->mnt_root);
	deactivate_super(m->mnt_sb);
	kfree(m->mnt_devname);
	kfree(m->mnt_options);
	kfree(m);
}

void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(const struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
}

int mnt_want_write(struct vfsmount *m)
{
	if ((m->mnt_flags & MNT_RDONLY) || (m->mnt_sb->s_flags & SB_RDONLY))
		return -EROFS;
	return 0;
}

static char *kstrdup_(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, GFP_KERNEL);

	if (d)
		memcpy(d, s, n);
	return d;
}

/* A detached mount of root (in sb, whose s_active the caller has counted for it). */
static struct vfsmount *alloc_vfsmnt(struct super_block *sb, struct dentry *root,
				     const char *dev)
{
	struct vfsmount *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return NULL;
	m->mnt_devname = kstrdup_(dev ? dev : "none");
	m->mnt_options = kstrdup_("");
	if (!m->mnt_devname || !m->mnt_options) {
		kfree(m->mnt_devname);
		kfree(m->mnt_options);
		kfree(m);
		return NULL;
	}
	m->mnt_sb = sb;
	m->mnt_root = dget(root);
	m->mnt_parent = m;
	m->mnt_mountpoint = m->mnt_root;
	m->mnt_count = 1;
	INIT_LIST_HEAD(&m->mnt_list);
	return m;
}

/* A new mount of a new (or, for devtmpfs, the shared) super_block of type t. */
struct vfsmount *vfs_kern_mount(const struct file_system_type *t, int flags, const char *dev,
				const char *options)
{
	struct super_block *sb = t->mount(t, flags, dev, options);
	struct vfsmount *m;
	unsigned long irq;

	if (IS_ERR(sb))
		return ERR_CAST(sb);
	spin_lock_irqsave(&sb->s_lock, irq);
	sb->s_active++;
	spin_unlock_irqrestore(&sb->s_lock, irq);
	m = alloc_vfsmnt(sb, sb->s_root, dev);
	if (!m) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	return m;
}

struct vfsmount *lookup_mnt(const struct path *p)
{
	struct vfsmount *m, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	list_for_each_entry(m, &mounts, mnt_list)
		if (m->mnt_parent == p->mnt && m->mnt_mountpoint == p->dentry && m != p->mnt)
			found = m;
	mntget(found);
	spin_unlock_irqrestore(&mount_lock, flags);
	return found;
}

bool follow_down(struct path *p)
{
	bool crossed = false;

	while (p->dentry->d_flags & DCACHE_MOUNTED) {
		struct vfsmount *m = lookup_mnt(p);

		if (!m)
			break;
		path_put(p);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
		crossed = true;
	}
	return crossed;
}

bool follow_up(struct path *p)
{
	struct path up;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	if (p->mnt->mnt_parent == p->mnt) {
		spin_unlock_irqrestore(&mount_lock, flags);
		return false;
	}
	up.mnt = mntget(p->mnt->mnt_parent);
	up.dentry = dget(p->mnt->mnt_mountpoint);
	spin_unlock_irqrestore(&mount_lock, flags);
	path_put(p);
	*p = up;
	return true;
}

/* Put m (detached, one reference given to the tree) on mp. namespace_sem held. */
static int attach_mnt(struct vfsmount *m, const struct path *mp)
{
	unsigned long flags, f2;

	if (nr_mounts >= MAX_MOUNTS)
		return -ENOSPC;
	nr_mounts++;
	spin_lock_irqsave(&mount_lock, flags);
	m->mnt_parent = mntget(mp->mnt);
	m->mnt_mountpoint = dget(mp->dentry);
	spin_lock_irqsave(&dcache_lock, f2);
	mp->dentry->d_flags |= DCACHE_MOUNTED;
	spin_unlock_irqrestore(&dcache_lock, f2);
	list_add_tail(&m->mnt_list, &mounts);
	spin_unlock_irqrestore(&mount_lock, flags);
	return 0;
}

/* Take m out of the tree and drop the tree's reference. namespace_sem held. */
static void detach_mnt(struct vfsmount *m)
{
	struct vfsmount *parent, *o;
	struct dentry *mp;
	unsigned long flags, f2;
	bool still = false;

	spin_lock_irqsave(&mount_lock, flags);
	list_del_init(&m->mnt_list);
	parent = m->mnt_parent;
	mp = m->mnt_mountpoint;
	m->mnt_parent = m;
	m->mnt_mountpoint = m->mnt_root;
	list_for_each_entry(o, &mounts, mnt_list)
		if (o->mnt_mountpoint == mp)
			still = true;
	if (!still) {
		spin_lock_irqsave(&dcache_lock, f2);
		mp->d_flags &= ~DCACHE_MOUNTED;
		spin_unlock_irqrestore(&dcache_lock, f2);
	}
	spin_unlock_irqrestore(&mount_lock, flags);
	nr_mounts--;
	dput(mp);
	mntput(parent);
	mntput(m);
}

static bool has_children(struct vfsmount *m)
{
	struct vfsmount *o;
	bool ret = false;
	unsigned long flags;

	spin_lock_irqsave(&mount_lock, flags);
	list_for_each_entry(o, &mounts, mnt_list)
		if (o->mnt_parent == m && o != m)
			ret = true;
	spin_unlock_irqrestore(&mount_lock, flags);
	return ret;
}

/* Is o m or a mount below it? mount_lock held. */
static bool mnt_in_tree(struct vfsmount *o, struct vfsmount *m)
{
	for (;;) {
		if (o == m)
			return true;
		if (o->mnt_parent == o)
			return false;
		o = o->mnt_parent;
	}
}

/*
 * MNT_DETACH: m and every mount below it, deepest first, without recursion (a user can
 * stack mounts up to MAX_MOUNTS deep). A mount is always listed after its parent (attach
 * appends and there is no MS_MOVE), so the last mount of m's tree in the list has nothing
 * below it: detach that one, and again, until m itself goes. namespace_sem is held, so the
 * tree changes only here meanwhile.
 */
static void umount_tree(struct vfsmount *m)
{
	for (;;) {
		struct vfsmount *o, *last = NULL;
		unsigned long flags;

		spin_lock_irqsave(&mount_lock, flags);
		list_for_each_entry_reverse(o, &mounts, mnt_list) {
			if (mnt_in_tree(o, m)) {
				last = o;
				break;
			}
		}
		spin_unlock_irqrestore(&mount_lock, flags);
		if (!last)
			return;			/* m was the last of them */
		detach_mnt(last);
		if (last == m)
			return;
	}
}

static int do_umount(const struct path *p, int flags)
{
	struct vfsmount *m = p->mnt;
	struct path root;
	int ret = 0;

	if (p->dentry != m->mnt_root || (m->mnt_parent == m && m != root_mnt))
		return -EINVAL;
	mutex_lock(&namespace_sem);
	current_root(&root);
	if (m == root_mnt || (m == root.mnt && !(flags & MNT_DETACH))) {
		ret = m == root_mnt ? -EINVAL : -EBUSY;
	} else if (list_empty(&m->mnt_list)) {
		ret = -EINVAL;			/* already detached */
	} else if (flags & MNT_DETACH) {
		umount_tree(m);
	} else if (has_children(m) || __atomic_load_n(&m->mnt_count, __ATOMIC_RELAXED) > 2) {
		ret = -EBUSY;		/* the tree's reference and our path's are all there may be */
	} else {
		detach_mnt(m);
	}
	path_put(&root);
	mutex_unlock(&namespace_sem);
	return ret;
}

static long ksys_umount(const char __user *name, int flags)
{
	struct path p;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, name, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (!capable(CAP_SYS_ADMIN))
		err = -EPERM;
	else if (flags & MNT_EXPIRE)
		err = -EAGAIN;		/* marked; no expiry timer here: it never goes */
	else
		err = do_umount(&p, flags);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE2(umount, char __user *, name, int, flags)
{
	return ksys_umount(name, flags);
}

/* i386's and arm's old umount(name): umount2 with no flags. */
SYSCALL_DEFINE1(oldumount, char __user *, name)
{
	return ksys_umount(name, 0);
}

static int mnt_flags_of(unsigned long flags)
{
	int f = 0;

	if (flags & MS_RDONLY)
		f |= MNT_RDONLY;
	if (flags & MS_NOSUID)
		f |= MNT_NOSUID;
	if (flags & MS_NODEV)
		f |= MNT_NODEV;
	if (flags & MS_NOEXEC)
		f |= MNT_NOEXEC;
	/* atime: relatime unless noatime; strictatime takes both away (Linux's path_mount;
	 * MS_RELATIME only names the default). nodiratime adds to any of them. */
	if (flags & MS_NOATIME)
		f |= MNT_NOATIME;
	else
		f |= MNT_RELATIME;
	if (flags & MS_NODIRATIME)
		f |= MNT_NODIRATIME;
	if (flags & MS_STRICTATIME)
		f &= ~(MNT_RELATIME | MNT_NOATIME);
	return f;
}

static void set_options(struct vfsmount *m)
{
	char *buf;

	if (!m->mnt_sb->s_op || !m->mnt_sb->s_op->show_options)
		return;
	buf = kzalloc(256, GFP_KERNEL);
	if (!buf)
		return;
	m->mnt_sb->s_op->show_options(m->mnt_sb, buf, 256);
	kfree(m->mnt_options);
	m->mnt_options = buf;
}

static int do_remount(const struct path *p, unsigned long flags, const char *data)
{
	struct vfsmount *m = p->mnt;
	struct super_block *sb = m->mnt_sb;
	int err = 0;

	if (p->dentry != m->mnt_root)
		return -EINVAL;
	mutex_lock(&namespace_sem);
	if (!(flags & MS_BIND)) {
		if (sb->s_op && sb->s_op->remount_fs)
			err = sb->s_op->remount_fs(sb, flags, data);
		if (!err) {
			if (flags & MS_RDONLY)
				sb->s_flags |= SB_RDONLY;
			else
				sb->s_flags &= ~SB_RDONLY;
		}
	}
	if (!err) {
		int old_atime = m->mnt_flags & MNT_ATIME_MASK;

		m->mnt_flags = mnt_flags_of(flags);
		/* A remount naming no atime option keeps the mount's (Linux's path_mount). */
		if (!(flags & (MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)))
			m->mnt_flags = (m->mnt_flags & ~MNT_ATIME_MASK) | old_atime;
		set_options(m);
	}
	mutex_unlock(&namespace_sem);
	return err;
}

static int do_new_mount(const struct path *p, const char *type, unsigned long flags,
			const char *dev, const char *data)
{
	const struct file_system_type *t;
	struct vfsmount *m;
	struct path mp = *p;
	int err;

	if (!type)
		return -EINVAL;
	t = get_fs_type(type);
	if (!t)
		return -ENODEV;
	m = vfs_kern_mount(t, flags, dev, data);
	if (IS_ERR(m))
		return PTR_ERR(m);
	if (flags & MS_RDONLY)
		m->mnt_sb->s_flags |= SB_RDONLY;
	m->mnt_flags = mnt_flags_of(flags);
	set_options(m);
	mutex_lock(&namespace_sem);
	path_get(&mp);
	follow_down(&mp);	/* mounted on meanwhile: stack on the top one */
	err = attach_mnt(m, &mp);
	path_put(&mp);
	mutex_unlock(&namespace_sem);
	if (err)
		mntput(m);
	return err;
}

static int do_bind(const struct path *p, const char __user *old_name, unsigned long flags)
{
	struct path old, mp;
	struct vfsmount *m;
	unsigned long irq;
	int err;

	if (!old_name)
		return -EFAULT;
	err = user_path_at(AT_FDCWD, old_name, LOOKUP_FOLLOW, &old);
	if (err)
		return err;
	if (S_ISDIR(old.dentry->d_inode->i_mode) != S_ISDIR(p->dentry->d_inode->i_mode)) {
		path_put(&old);
		return -ENOTDIR;
	}
	spin_lock_irqsave(&old.mnt->mnt_sb->s_lock, irq);
	old.mnt->mnt_sb->s_active++;
	spin_unlock_irqrestore(&old.mnt->mnt_sb->s_lock, irq);
	m = alloc_vfsmnt(old.mnt->mnt_sb, old.dentry, old.mnt->mnt_devname);
	if (!m) {
		deactivate_super(old.mnt->mnt_sb);
		path_put(&old);
		return -ENOMEM;
	}
	m->mnt_flags = old.mnt->mnt_flags;
	kfree(m->mnt_options);
	m->mnt_options = kstrdup_(old.mnt->mnt_options);
	path_put(&old);
	mutex_lock(&namespace_sem);
	mp = *p;
	path_get(&mp);
	follow_down(&mp);
	err = attach_mnt(m, &mp);
	path_put(&mp);
	mutex_unlock(&namespace_sem);
	if (err)
		mntput(m);
	return err;
}

/* Copy a mount string argument (up to a page, as Linux's copy_mount_string): NULL stays NULL. */
static char *copy_mount_string(const char __user *s, long *err)
{
	char *k;
	long n;

	*err = 0;
	if (!s)
		return NULL;
	k = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!k) {
		*err = -ENOMEM;
		return NULL;
	}
	n = strncpy_from_user(k, s, PAGE_SIZE);
	if (n < 0) {
		kfree(k);
		*err = -EFAULT;
		return NULL;
	}
	k[PAGE_SIZE - 1] = '\0';
	return k;
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name, char __user *, type,
		unsigned long, flags, void __user *, data)
{
	char *kdev = NULL, *ktype = NULL, *kdata = NULL;
	struct path p;
	long err;

	ktype = copy_mount_string(type, &err);
	if (err)
		return err;
	kdev = copy_mount_string(dev_name, &err);
	if (err)
		goto out;
	kdata = copy_mount_string(data, &err);
	if (err)
		goto out;
	err = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &p);
	if (err)
		goto out;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (!capable(CAP_SYS_ADMIN))
		err = -EPERM;
	else if (flags & MS_REMOUNT)
		err = do_remount(&p, flags, kdata);
	else if (flags & MS_BIND)
		err = do_bind(&p, dev_name, flags);
	else if (flags & (MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		err = p.dentry == p.mnt->mnt_root ? 0 : -EINVAL;	/* one namespace: no peers */
	else if (flags & MS_MOVE)
		err = -EINVAL;		/* not supported (docs/files.md) */
	else if (!S_ISDIR(p.dentry->d_inode->i_mode))
		err = -ENOTDIR;
	else
		err = do_new_mount(&p, ktype, flags, kdev, kdata);
	path_put(&p);
out:
	kfree(ktype);
	kfree(kdev);
	kfree(kdata);
	return err;
}

int iterate_mounts(int (*fn)(struct vfsmount *m, void *arg), void *arg)
{
	struct vfsmount *m;
	int ret = 0;

	mutex_lock(&namespace_sem);
	list_for_each_entry(m, &mounts, mnt_list) {
		ret = fn(m, arg);
		if (ret)
			break;
	}
	mutex_unlock(&namespace_sem);
	return ret;
}

/* Where m is mounted, seen from the current root; NULL when the root is not above it. */
char *mnt_path(struct vfsmount *m, char *buf, int buflen)
{
	struct path root, at;
	int pos = buflen, ret;
	unsigned long flags;

	if (buflen < 1)
		return NULL;
	buf[--pos] = '\0';
	spin_lock_irqsave(&mount_lock, flags);
	at.mnt = mntget(m->mnt_parent);
	at.dentry = dget(m->mnt_mountpoint);
	spin_unlock_irqrestore(&mount_lock, flags);
	if (m == root_mnt) {
		mntput(at.mnt);
		dput(at.dentry);
		at.mnt = mntget(m);
		at.dentry = dget(m->mnt_root);
	}
	current_root(&root);
	ret = prepend_path(&at, &root, buf, &pos);
	path_put(&root);
	path_put(&at);
	return ret ? NULL : buf + pos;
}

/* The root file system: a tmpfs named rootfs (as Linux's), the root and working directory of
 * init_fs. Its mount is relatime, where Linux's rootfs (mounted without path_mount's
 * defaults) is strictatime: the atime probes run on it and expect relatime. */
void init_mount_tree(void)
{
	struct vfsmount *m = vfs_kern_mount(&rootfs_fs_type, 0, "rootfs", NULL);
	struct path root;

	if (IS_ERR(m))
		panic("VFS: cannot mount the root tmpfs (%ld)", PTR_ERR(m));
	m->mnt_flags = MNT_RELATIME;
	set_options(m);
	list_add_tail(&m->mnt_list, &mounts);
	nr_mounts++;
	root_mnt = m;
	root.mnt = m;
	root.dentry = m->mnt_root;
	set_fs_root(&init_fs, &root);
	set_fs_pwd(&init_fs, &root);
}

/* Boot (start_kernel): the file system types, devtmpfs's instance and the root tmpfs. */
void vfs_caches_init(void)
{
	register_filesystem(&shmem_fs_type);
	register_filesystem(&devtmpfs_fs_type);
	proc_root_init();
	devtmpfs_init();
	init_mount_tree();
}
