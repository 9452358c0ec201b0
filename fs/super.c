// SPDX-License-Identifier: GPL-2.0
/*
 * File system types and super_blocks: register_filesystem() and the list /proc/filesystems
 * shows, anonymous device numbers (st_dev 0:N of in-memory file systems), and a
 * super_block's life: made by its type's ->mount for a mount, alive while a mount uses it
 * (s_active), ended by its type's ->kill_sb after the last one goes.
 *
 * Locking: fs_types_lock (a mutex) guards the type list; anon_lock (a spinlock) the device
 * number bitmap; sb->s_lock the super_block's counters.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include "internal.h"

static struct file_system_type *file_systems;
static DEFINE_MUTEX(fs_types_lock);

int register_filesystem(struct file_system_type *t)
{
	struct file_system_type **p;
	int ret = 0;

	mutex_lock(&fs_types_lock);
	for (p = &file_systems; *p; p = &(*p)->next) {
		if (!strcmp((*p)->name, t->name)) {
			ret = -EBUSY;
			break;
		}
	}
	if (!ret) {
		t->next = NULL;
		*p = t;
	}
	mutex_unlock(&fs_types_lock);
	return ret;
}

const struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *t;

	mutex_lock(&fs_types_lock);
	for (t = file_systems; t; t = t->next)
		if (!strcmp(t->name, name))
			break;
	mutex_unlock(&fs_types_lock);
	return t;
}

int iterate_filesystems(int (*fn)(const struct file_system_type *t, void *arg), void *arg)
{
	int ret = 0;

	mutex_lock(&fs_types_lock);
	for (struct file_system_type *t = file_systems; t && !ret; t = t->next)
		ret = fn(t, arg);
	mutex_unlock(&fs_types_lock);
	return ret;
}

/* Anonymous devices 0:1 ... 0:ANON_MAX-1 (Linux's unnamed_dev_ida starts at 1 too). */
#define ANON_MAX	4096
static unsigned long anon_bits[ANON_MAX / (8 * sizeof(long))];
static DEFINE_SPINLOCK(anon_lock);

int get_anon_bdev(dev_t *dev)
{
	unsigned long flags;
	int ret = -EMFILE;	/* Linux's answer when the minors run out */

	spin_lock_irqsave(&anon_lock, flags);
	for (unsigned int i = 1; i < ANON_MAX; i++) {
		unsigned long bit = 1UL << (i % (8 * sizeof(long)));

		if (!(anon_bits[i / (8 * sizeof(long))] & bit)) {
			anon_bits[i / (8 * sizeof(long))] |= bit;
			*dev = MKDEV(0, i);
			ret = 0;
			break;
		}
	}
	spin_unlock_irqrestore(&anon_lock, flags);
	return ret;
}

void free_anon_bdev(dev_t dev)
{
	unsigned int i = MINOR(dev);
	unsigned long flags;

	if (MAJOR(dev) || !i || i >= ANON_MAX)
		return;
	spin_lock_irqsave(&anon_lock, flags);
	anon_bits[i / (8 * sizeof(long))] &= ~(1UL << (i % (8 * sizeof(long))));
	spin_unlock_irqrestore(&anon_lock, flags);
}

struct super_block *sget_anon(const struct file_system_type *t)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return ERR_PTR(-ENOMEM);
	if (get_anon_bdev(&sb->s_dev)) {
		kfree(sb);
		return ERR_PTR(-EMFILE);
	}
	sb->s_type = t;
	spin_lock_init(&sb->s_lock);
	return sb;
}

/* The generic end of a super_block: its root goes (with every dentry the root held), then
 * the structure. A file system's kill_sb may free its own things first and call this. */
void kill_anon_super(struct super_block *sb)
{
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	dput(sb->s_root);
	free_anon_bdev(sb->s_dev);
	kfree(sb);
}

/* A mount of sb went: the last one ends the super_block. */
void deactivate_super(struct super_block *sb)
{
	unsigned long flags;
	int left;

	spin_lock_irqsave(&sb->s_lock, flags);
	left = --sb->s_active;
	spin_unlock_irqrestore(&sb->s_lock, flags);
	if (left)
		return;
	if (sb->s_type->kill_sb)
		sb->s_type->kill_sb(sb);
	else
		kill_anon_super(sb);
}
