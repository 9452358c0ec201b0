// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "vfs": the VFS core's objects give back what they took. A tmpfs file written,
 * unlinked while open and closed returns its pages, its inode and its dentries (the counts
 * come back to where they started); the walk refuses a symlink loop with ELOOP and stops
 * ".." at the root; d_path names what the walk found.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/fcntl.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/err.h>
#include "internal.h"

/* name in dir (held), made by op: the new dentry (held) or NULL. */
static struct dentry *make(struct dentry *dir, const char *name, umode_t mode, const char *link)
{
	struct inode *di = dir->d_inode;
	struct dentry *d;
	int err;

	mutex_lock(&di->i_mutex);
	d = lookup_one_len(name, dir, strlen(name));
	if (IS_ERR(d)) {
		mutex_unlock(&di->i_mutex);
		return NULL;
	}
	err = link ? di->i_op->symlink(di, d, link) :
	      S_ISDIR(mode) ? di->i_op->mkdir(di, d, mode) : di->i_op->create(di, d, mode);
	mutex_unlock(&di->i_mutex);
	if (err) {
		dput(d);
		return NULL;
	}
	return d;
}

KTEST(vfs, tmpfs_gives_back_pages_inodes_dentries)
{
	struct vfsmount *m = vfs_kern_mount(&shmem_fs_type, 0, "kt", "size=64k");
	long dentries = dentry_count();
	struct super_block *sb;
	static char page[4096];
	struct dentry *d;
	struct file *f;
	loff_t pos = 0;

	KTEST_EXPECT(t, !IS_ERR(m));
	if (IS_ERR(m))
		return;
	sb = m->mnt_sb;
	KTEST_EXPECT_EQ(t, sb->s_used_inodes, 1);		/* the root */
	d = make(m->mnt_root, "file", S_IFREG | 0644, NULL);
	KTEST_EXPECT(t, d != NULL);
	if (!d)
		goto out;
	f = alloc_file(&(struct path){ m, d }, d->d_inode, d->d_inode->i_fop, O_RDWR | O_LARGEFILE);
	KTEST_EXPECT(t, !IS_ERR(f));
	if (IS_ERR(f)) {
		dput(d);
		goto out;
	}
	memset(page, 'x', sizeof(page));
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_EQ(t, kernel_write(f, page, sizeof(page), &pos), 4096);
	KTEST_EXPECT_EQ(t, sb->s_used_pages, 3);
	KTEST_EXPECT_EQ(t, sb->s_used_inodes, 2);
	/* Unlinked while open: the data stays until the last close. */
	mutex_lock(&m->mnt_root->d_inode->i_mutex);
	m->mnt_root->d_inode->i_op->unlink(m->mnt_root->d_inode, d);
	mutex_unlock(&m->mnt_root->d_inode->i_mutex);
	dput(d);
	KTEST_EXPECT_EQ(t, sb->s_used_pages, 3);
	pos = 4096;
	KTEST_EXPECT_EQ(t, kernel_read(f, page, 10, &pos), 10);
	fput(f);
	KTEST_EXPECT_EQ(t, sb->s_used_pages, 0);
	KTEST_EXPECT_EQ(t, sb->s_used_inodes, 1);
	KTEST_EXPECT_EQ(t, dentry_count(), dentries);
out:
	mntput(m);
	KTEST_EXPECT_EQ(t, dentry_count(), dentries - 1);	/* the mount's root went too */
}

KTEST(vfs, walk_loops_dotdot_and_d_path)
{
	struct dentry *dir, *l1, *l2;
	struct path root, p;
	char *buf = kmalloc(256, GFP_KERNEL);
	char *s;

	current_root(&root);
	dir = make(root.dentry, "ktest_vfs", S_IFDIR | 0755, NULL);
	KTEST_EXPECT(t, dir && buf);
	if (!dir || !buf)
		goto out;
	l1 = make(dir, "l1", 0, "l2");
	l2 = make(dir, "l2", 0, "l1");
	KTEST_EXPECT_EQ(t, kern_path_at(AT_FDCWD, "/ktest_vfs/l1", LOOKUP_FOLLOW, &p), -ELOOP);
	KTEST_EXPECT_EQ(t, kern_path_at(AT_FDCWD, "/ktest_vfs/l1/x", 0, &p), -ELOOP);
	KTEST_EXPECT_EQ(t, kern_path_at(AT_FDCWD, "/../../ktest_vfs/./l1", 0, &p), 0);
	if (!t->failed) {
		KTEST_EXPECT(t, p.dentry == l1);
		s = d_path(&p, buf, 256);
		KTEST_EXPECT(t, !IS_ERR(s) && !strcmp(s, "/ktest_vfs/l1"));
		path_put(&p);
	}
	KTEST_EXPECT_EQ(t, kern_path_at(AT_FDCWD, "/ktest_vfs/l1/", 0, &p), -ELOOP);
	KTEST_EXPECT_EQ(t, kern_path_at(AT_FDCWD, "/ktest_vfs/none", 0, &p), -ENOENT);
	KTEST_EXPECT_EQ(t, kern_path_at(AT_FDCWD, "/ktest_vfs/l1", LOOKUP_DIRECTORY, &p), -ENOTDIR);
	dput(l1);
	dput(l2);
	dput(dir);
out:
	kfree(buf);
	path_put(&root);
}
