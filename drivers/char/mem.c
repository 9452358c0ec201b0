// SPDX-License-Identifier: GPL-2.0
/*
 * The memory devices of major 1, as Linux numbers them:
 *   /dev/null    (1,3)  reads end of file, writes vanish
 *   /dev/zero    (1,5)  reads zeroes, writes vanish; mmap is the mm's (mmap_zero below)
 *   /dev/full    (1,7)  reads zeroes, writes fail with ENOSPC
 *   /dev/random  (1,8)  reads the generator (drivers/char/random.c), writes are mixed in
 *   /dev/urandom (1,9)  the same: Linux's two differ only before the generator is seeded
 * chr_dev_init() registers them (register_chrdev_region) and makes their nodes in
 * devtmpfs. /dev/mem, /dev/kmem and /dev/port (1,1 1,2 1,4) are left out: nothing here
 * should let user space at physical memory.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/mm.h>

#define MEM_MAJOR	1

static ssize_t read_null(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	return len;
}

/* lseek on null, zero and full succeeds and leaves the offset at 0, as Linux's. */
static loff_t null_lseek(struct file *f, loff_t off, int whence)
{
	return f->f_pos = 0;
}

/*
 * Zeroes, a page at a time so a long read notices a signal (Linux does the same: a read of
 * /dev/zero into a huge buffer is interruptible). The count, or -EFAULT when none went.
 */
static ssize_t read_zero(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	size_t done = 0;

	while (done < len) {
		size_t n = min(len - done, (size_t)PAGE_SIZE);
		unsigned long left = clear_user(buf + done, n);

		done += n - left;
		if (left)
			return done ? (ssize_t)done : -EFAULT;
		if (done < len && signal_pending(current))
			return done;
	}
	return done;
}

/*
 * mmap of /dev/zero: a private mapping is plain anonymous memory, a shared one a shared
 * anonymous region (do_mmap populates it, as MAP_SHARED | MAP_ANONYMOUS).
 */
static int mmap_zero(struct file *f, struct vm_area_struct *vma)
{
	vma_set_anonymous(vma);
	return 0;
}

/* sendfile to /dev/null or /dev/zero: everything is taken. */
static ssize_t write_null_kernel(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	return len;
}

static ssize_t write_full(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	return -ENOSPC;
}

static ssize_t read_random(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	return get_random_bytes_user(buf, len);
}

/* What user space writes to /dev/random or /dev/urandom is mixed in (never trusted alone). */
static ssize_t write_random(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	char chunk[128];
	size_t done = 0;

	while (done < len) {
		size_t n = min(len - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		add_device_randomness(chunk, n);
		done += n;
		if (done < len && signal_pending(current))
			break;
	}
	return done;
}

static loff_t random_lseek(struct file *f, loff_t off, int whence)
{
	return f->f_pos;	/* Linux's noop_llseek: succeeds, moves nothing */
}

static const struct file_operations null_fops = {
	.llseek	= null_lseek,
	.read	= read_null,
	.write	= write_null,
	.write_kernel = write_null_kernel,
};

static const struct file_operations zero_fops = {
	.llseek	= null_lseek,
	.read	= read_zero,
	.write	= write_null,
	.write_kernel = write_null_kernel,
	.mmap	= mmap_zero,
};

static const struct file_operations full_fops = {
	.llseek	= null_lseek,
	.read	= read_zero,
	.write	= write_full,
};

static const struct file_operations random_fops = {
	.llseek	= random_lseek,
	.read	= read_random,
	.write	= write_random,
};

static const struct {
	const char *name;
	unsigned int minor;
	umode_t mode;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", 3, 0666, &null_fops },
	{ "zero", 5, 0666, &zero_fops },
	{ "full", 7, 0666, &full_fops },
	{ "random", 8, 0666, &random_fops },
	{ "urandom", 9, 0666, &random_fops },
};

/* Boot: each device's minor and its /dev node. A failure is reported, not fatal. */
void chr_dev_init(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(devlist); i++) {
		dev_t dev = MKDEV(MEM_MAJOR, devlist[i].minor);
		int err = register_chrdev_region(MEM_MAJOR, devlist[i].minor, 1, "mem",
						 devlist[i].fops);

		if (!err)
			err = devtmpfs_create_node(devlist[i].name, S_IFCHR | devlist[i].mode, dev);
		if (err)
			pr_warn("mem: /dev/%s (%u,%u): error %d\n", devlist[i].name, MAJOR(dev),
				MINOR(dev), err);
	}
}
