// SPDX-License-Identifier: GPL-2.0
/* read/write on file descriptors, and the console as a file (fds 0, 1, 2 of init). */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/console.h>

#define MAX_RW_COUNT 0x7ffff000L	/* Linux's cap on one read or write */

/* Console output goes to the consoles directly (not the kernel log): it is the user's. */
static ssize_t console_fwrite(struct file *f, const char __user *buf, size_t len)
{
	char chunk[256];
	size_t done = 0;

	while (done < len) {
		size_t n = min(len - done, sizeof(chunk));

		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		console_write(chunk, n);
		done += n;
	}
	return done;
}

static ssize_t console_fread(struct file *f, char __user *buf, size_t len)
{
	return 0;	/* no input device yet: end of file */
}

static const struct file_operations console_fops = {
	.read = console_fread,
	.write = console_fwrite,
};

struct file console_file = { .f_op = &console_fops };

struct file *fget(unsigned int fd)
{
	if (fd >= NR_OPEN_DEFAULT)
		return NULL;
	return current->files[fd];
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);

	if (!f || !f->f_op->write)
		return -EBADF;
	if ((ssize_t)count < 0)
		return -EINVAL;
	count = min(count, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write(f, buf, count);
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);

	if (!f || !f->f_op->read)
		return -EBADF;
	count = min(count, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->read(f, buf, count);
}
