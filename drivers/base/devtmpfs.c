// SPDX-License-Identifier: GPL-2.0
/*
 * devtmpfs: one tmpfs instance, made at boot, holding a node for each device a driver
 * announces (devtmpfs_create_node). Every mount of type devtmpfs shows that same instance,
 * as Linux's does, so nodes made before or after a mount are all there. Linux does not mount
 * it by itself when booting from an initramfs; user space runs
 * "mount -t devtmpfs devtmpfs /dev".
 *
 * Locking: the directories' i_mutex, as any tmpfs change; devtmpfs_lock serialises the
 * creations so "a/b" and "a/c" do not both make "a".
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include "../../fs/internal.h"

static struct super_block *devtmpfs_sb;
static DEFINE_MUTEX(devtmpfs_lock);

static struct super_block *devtmpfs_mount(const struct file_system_type *t, int flags,
					  const char *dev, const char *options)
{
	if (!devtmpfs_sb)
		return ERR_PTR(-ENODEV);
	return devtmpfs_sb;	/* the caller counts the mount in s_active */
}

static void devtmpfs_kill_sb(struct super_block *sb)
{
	/* never: the boot's own reference keeps it */
}

struct file_system_type devtmpfs_fs_type = {
	.name = "devtmpfs",
	.nodev = true,
	.mount = devtmpfs_mount,
	.kill_sb = devtmpfs_kill_sb,
};

/* name's component dir under parent (held), made as a 0755 directory if missing. */
static struct dentry *dev_subdir(struct dentry *parent, const char *name, unsigned int len)
{
	struct inode *dir = parent->d_inode;
	struct dentry *d;
	int err = 0;

	mutex_lock(&dir->i_mutex);
	d = lookup_one_len(name, parent, len);
	if (!IS_ERR(d) && !d->d_inode)
		err = dir->i_op->mkdir(dir, d, 0755);
	mutex_unlock(&dir->i_mutex);
	if (IS_ERR(d))
		return d;
	if (err || !S_ISDIR(d->d_inode->i_mode)) {
		dput(d);
		return ERR_PTR(err ? err : -ENOTDIR);
	}
	return d;
}

int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev)
{
	struct dentry *parent, *d;
	const char *slash;
	struct inode *dir;
	int err;

	if (!devtmpfs_sb)
		return -ENODEV;
	mutex_lock(&devtmpfs_lock);
	parent = dget(devtmpfs_sb->s_root);
	while ((slash = strchr(name, '/'))) {
		d = dev_subdir(parent, name, slash - name);
		dput(parent);
		if (IS_ERR(d)) {
			mutex_unlock(&devtmpfs_lock);
			return PTR_ERR(d);
		}
		parent = d;
		name = slash + 1;
	}
	dir = parent->d_inode;
	mutex_lock(&dir->i_mutex);
	d = lookup_one_len(name, parent, strlen(name));
	err = PTR_ERR_OR_ZERO(d);
	if (!err && d->d_inode)
		err = -EEXIST;
	if (!err)
		err = dir->i_op->mknod(dir, d, mode, dev);
	mutex_unlock(&dir->i_mutex);
	if (!IS_ERR(d))
		dput(d);
	dput(parent);
	mutex_unlock(&devtmpfs_lock);
	return err;
}

/* At boot: the instance (with its own active reference, so it outlives every mount). */
void devtmpfs_init(void)
{
	struct super_block *sb = shmem_kern_mount(&devtmpfs_fs_type, "mode=0755");

	if (IS_ERR(sb))
		panic("devtmpfs: cannot make its tmpfs (%ld)", PTR_ERR(sb));
	sb->s_active = 1;
	devtmpfs_sb = sb;
}
