// SPDX-License-Identifier: GPL-2.0
/*
 * Character devices: drivers register a range of (major, minor) numbers with their file
 * operations; opening a character device inode finds its driver by i_rdev (chrdev_open) and
 * hands the open file to it, ENXIO when no driver has the number. Device and FIFO inodes of
 * any file system get their operations from init_special_inode().
 *
 * Locking: chrdevs_lock (a mutex) guards the table; a driver's range is never removed.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include "internal.h"

#define MAX_CHRDEV_REGIONS 256

struct char_device_struct {
	unsigned int major, baseminor, count;
	const char *name;
	const struct file_operations *fops;
};

static struct char_device_struct chrdevs[MAX_CHRDEV_REGIONS];
static int nr_chrdevs;
static DEFINE_MUTEX(chrdevs_lock);

int register_chrdev_region(unsigned int major, unsigned int baseminor, unsigned int count,
			   const char *name, const struct file_operations *fops)
{
	int ret = 0;

	if (!count || major >= 4096 || baseminor + count > (1U << MINORBITS) ||
	    baseminor + count < baseminor)
		return -EINVAL;
	mutex_lock(&chrdevs_lock);
	for (int i = 0; i < nr_chrdevs; i++) {
		struct char_device_struct *c = &chrdevs[i];

		if (c->major == major && baseminor < c->baseminor + c->count &&
		    c->baseminor < baseminor + count)
			ret = -EBUSY;
	}
	if (!ret && nr_chrdevs == MAX_CHRDEV_REGIONS)
		ret = -ENOSPC;
	if (!ret)
		chrdevs[nr_chrdevs++] = (struct char_device_struct){ major, baseminor, count, name,
								     fops };
	mutex_unlock(&chrdevs_lock);
	return ret;
}

static const struct file_operations *chrdev_fops(dev_t dev)
{
	const struct file_operations *fops = NULL;

	mutex_lock(&chrdevs_lock);
	for (int i = 0; i < nr_chrdevs; i++) {
		struct char_device_struct *c = &chrdevs[i];

		if (c->major == MAJOR(dev) && MINOR(dev) >= c->baseminor &&
		    MINOR(dev) - c->baseminor < c->count)
			fops = c->fops;
	}
	mutex_unlock(&chrdevs_lock);
	return fops;
}

/* The open of any character device inode: the driver's operations replace these. */
int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops = chrdev_fops(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	if (fops->open)
		return fops->open(inode, f);
	return 0;
}

const struct file_operations def_chr_fops = {
	.llseek = no_llseek,
	.open = chrdev_open,
};

static int no_device_open(struct inode *inode, struct file *f)
{
	return -ENXIO;
}

/* Block devices and sockets have no drivers here: their nodes exist, opening them is ENXIO. */
static const struct file_operations no_device_fops = { .open = no_device_open };

/* Until fs/pipe.c defines FIFOs' operations, opening a FIFO is ENXIO. */
const struct file_operations pipefifo_fops __attribute__((weak)) = { .open = no_device_open };

void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode)) {
		inode->i_fop = &def_chr_fops;
		inode->i_rdev = rdev;
	} else if (S_ISBLK(mode)) {
		inode->i_fop = &no_device_fops;
		inode->i_rdev = rdev;
	} else if (S_ISFIFO(mode)) {
		inode->i_fop = &pipefifo_fops;
	} else {
		inode->i_fop = &no_device_fops;
	}
}
