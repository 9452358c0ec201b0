// SPDX-License-Identifier: GPL-2.0
/*
 * INTERIM: weak stand-ins for the VFS core's object constructors (include/linux/fs.h), so
 * pipes and devices build and run before fs/ gets the real ones. Each is __weak: the VFS
 * core's definitions replace them at link time, and this file goes when they land.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/timekeeping.h>

#define O_ACCMODE	3

__weak struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	unsigned long flags;

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	mutex_init(&inode->i_mutex);
	spin_lock_irqsave(&sb->s_lock, flags);
	inode->i_ino = sb->s_next_ino++;
	spin_unlock_irqrestore(&sb->s_lock, flags);
	return inode;
}

__weak struct inode *igrab(struct inode *inode)
{
	__atomic_fetch_add(&inode->i_count, 1, __ATOMIC_RELAXED);
	return inode;
}

__weak void iput(struct inode *inode)
{
	if (inode && __atomic_sub_fetch(&inode->i_count, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(inode);
}

__weak struct timespec64 current_time(struct inode *inode)
{
	u64 ns = ktime_get_ns();

	return (struct timespec64){ ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };
}

__weak loff_t no_llseek(struct file *f, loff_t off, int whence)
{
	return -ESPIPE;
}

__weak struct file *alloc_file(const struct path *path, struct inode *inode,
			       const struct file_operations *fops, unsigned int flags)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);
	static const fmode_t modes[4] = { FMODE_READ, FMODE_WRITE, FMODE_READ | FMODE_WRITE, 0 };
	int err;

	if (!f)
		return ERR_PTR(-ENFILE);
	f->f_op = fops;
	f->f_inode = inode;
	f->f_flags = flags;
	f->f_mode = modes[flags & O_ACCMODE];
	f->f_count = 1;
	mutex_init(&f->f_pos_lock);
	spin_lock_init(&f->f_lock);
	if (fops->open) {
		err = fops->open(inode, f);
		if (err) {
			kfree(f);
			return ERR_PTR(err);
		}
	}
	return f;
}
