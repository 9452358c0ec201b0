// SPDX-License-Identifier: GPL-2.0
/*
 * Inodes: allocation with a fresh inode number, references (ihold/igrab/iput), link counts,
 * timestamps, and the permission check every open, walk and exec makes.
 *
 * Lifetime: an inode is referenced by each dentry naming it and each open file on it. The
 * last iput() evicts it: the file system frees what it holds (tmpfs: its pages,
 * super_operations->evict_inode) and the inode goes. There is no inode cache: a file system
 * that wants its inodes kept holds them through its dentries (tmpfs does).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/timekeeping.h>
#include "internal.h"

struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);
	unsigned long flags;

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_count = 1;
	inode->i_nlink = 1;
	mutex_init(&inode->i_mutex);
	spin_lock_init(&inode->i_lock);
	INIT_LIST_HEAD(&inode->i_flock);
	spin_lock_irqsave(&sb->s_lock, flags);
	inode->i_ino = ++sb->s_next_ino;
	spin_unlock_irqrestore(&sb->s_lock, flags);
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	return inode;
}

struct inode *ihold(struct inode *inode)
{
	__atomic_fetch_add(&inode->i_count, 1, __ATOMIC_RELAXED);
	return inode;
}

struct inode *igrab(struct inode *inode)
{
	return inode ? ihold(inode) : NULL;
}

void iput(struct inode *inode)
{
	if (!inode)
		return;
	if (__atomic_sub_fetch(&inode->i_count, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	if (inode->i_sb && inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	kfree(inode);
}

void clear_nlink(struct inode *inode)
{
	inode->i_nlink = 0;
}

void drop_nlink(struct inode *inode)
{
	if (inode->i_nlink)
		inode->i_nlink--;
}

void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

/* The realtime clock (set from the RTC at boot: drivers/rtc/hctosys.c). */
struct timespec64 current_time(struct inode *inode)
{
	u64 ns = ktime_get_real_ns();

	return (struct timespec64){ .tv_sec = ns / NSEC_PER_SEC, .tv_nsec = ns % NSEC_PER_SEC };
}

/*
 * Linux's generic_permission: the owner's, the group's (the file's group being the fsgid or
 * a supplementary group) or the others' bits, whichever class the caller is in, must hold
 * every bit asked. Root (fsuid 0, all capabilities) may read and write anything and search
 * any directory (CAP_DAC_OVERRIDE), and execute a file when any execute bit is set.
 */
int generic_permission(struct inode *inode, int mask)
{
	const struct cred *c = &current->cred;
	umode_t mode = inode->i_mode;
	int have;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (c->fsuid == inode->i_uid)
		have = mode >> 6;
	else if (in_group_p(inode->i_gid))
		have = mode >> 3;
	else
		have = mode;
	if ((mask & ~have & 7) == 0)
		return 0;
	if (c->fsuid == 0) {
		if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111))
			return 0;
	}
	return -EACCES;
}

bool inode_owner_or_capable(const struct inode *inode)
{
	return current->cred.fsuid == inode->i_uid || current->cred.fsuid == 0;
}

/*
 * A new file's mode in a set-group-ID directory (Linux 6.1's mode_strip_sgid, applied by
 * the VFS before the file system sees the mode): the file takes the directory's group, so
 * a creator outside that group without CAP_FSETID would otherwise make a set-group-ID
 * program for a group it does not hold. Such a group-executable file loses S_ISGID;
 * directories keep it (they inherit it from the directory, in the file system).
 */
umode_t mode_strip_sgid(const struct inode *dir, umode_t mode)
{
	if ((mode & (S_ISGID | S_IXGRP)) != (S_ISGID | S_IXGRP))
		return mode;
	if (S_ISDIR(mode) || !dir || !(dir->i_mode & S_ISGID))
		return mode;
	if (in_group_p(dir->i_gid) || capable(CAP_FSETID))
		return mode;
	return mode & ~S_ISGID;
}

/*
 * Write access to a read-only file system's files, directories and links is -EROFS (device
 * nodes and FIFOs are not data of the file system: they stay writable); then the mode bits.
 */
int inode_permission(struct inode *inode, int mask)
{
	if ((mask & MAY_WRITE) && inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode) || S_ISLNK(inode->i_mode)))
		return -EROFS;
	return generic_permission(inode, mask);
}
