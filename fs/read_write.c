// SPDX-License-Identifier: GPL-2.0
/* read/write on file descriptors, and the console as a file (fds 0, 1, 2 of init). */
#include <linux/kernel.h>
#include <linux/fs.h>
#include "internal.h"
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/console.h>
#include <linux/compat.h>

#define MAX_RW_COUNT 0x7ffff000L	/* Linux's cap on one read or write */

/* Console output goes to the consoles directly (not the kernel log): it is the user's. */
static ssize_t console_fwrite(struct file *f, const char __user *buf, size_t len, loff_t *pos)
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

static ssize_t console_fread(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	return 0;	/* no input device yet: end of file */
}

static const struct file_operations console_fops = {
	.read = console_fread,
	.write = console_fwrite,
};

struct file console_file = { .f_op = &console_fops, .f_mode = FMODE_READ | FMODE_WRITE };

static ssize_t file_write(struct file *f, const char __user *buf, size_t count)
{
	if (!f->f_op->write)
		return -EBADF;
	if ((ssize_t)count < 0)
		return -EINVAL;
	count = min(count, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->write(f, buf, count, &f->f_pos);
}

static ssize_t file_read(struct file *f, char __user *buf, size_t count)
{
	if (!f->f_op->read)
		return -EBADF;
	count = min(count, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	return f->f_op->read(f, buf, count, &f->f_pos);
}

/* Each call holds a reference to its file (fget/fput): a close by another thread meanwhile
 * only drops the table's. */
SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = file_write(f, buf, count);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct file *f = fget(fd);
	ssize_t ret;

	if (!f)
		return -EBADF;
	ret = file_read(f, buf, count);
	fput(f);
	return ret;
}

/*
 * readv/writev: one syscall body for both layouts of struct iovec (16 bytes on 64-bit ABIs,
 * struct compat_iovec's two 32-bit fields for i386 and the arm EABI). The i386 and arm tables
 * point at the native entries: Linux 6.1 has no compat_sys_readv/writev either (its i386
 * table's rows 145 and 146 have no compat column), and its iovec import asks
 * in_compat_syscall() which array it is reading, as get_iovec does here.
 */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024

static int get_iovec(const void __user *vec, unsigned long i, struct iovec *out)
{
	if (in_compat_syscall()) {
		struct compat_iovec c;

		if (copy_from_user(&c, (const struct compat_iovec __user *)vec + i, sizeof(c)))
			return -EFAULT;
		out->iov_base = (void __user *)(unsigned long)c.iov_base;
		out->iov_len = c.iov_len;
		return 0;
	}
	return copy_from_user(out, (const struct iovec __user *)vec + i, sizeof(*out)) ? -EFAULT : 0;
}

static long file_iov(struct file *f, const void __user *vec, unsigned long vlen, bool write)
{
	long total = 0;

	if (!(write ? f->f_op->write != NULL : f->f_op->read != NULL))
		return -EBADF;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	for (unsigned long i = 0; i < vlen; i++) {
		struct iovec iov;
		ssize_t n;

		if (get_iovec(vec, i, &iov))
			return total ? total : -EFAULT;
		if (!iov.iov_len)
			continue;
		if (!access_ok(iov.iov_base, iov.iov_len))
			return total ? total : -EFAULT;
		n = write ? f->f_op->write(f, iov.iov_base, iov.iov_len, &f->f_pos) :
			    f->f_op->read(f, iov.iov_base, iov.iov_len, &f->f_pos);
		if (n < 0)
			return total ? total : n;
		total += n;
		if ((size_t)n < iov.iov_len)
			break;
	}
	return total;
}

static long do_iov(unsigned long fd, const void __user *vec, unsigned long vlen, bool write)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = file_iov(f, vec, vlen, write);
	fput(f);
	return ret;
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_iov(fd, vec, vlen, true);
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec, unsigned long, vlen)
{
	return do_iov(fd, vec, vlen, false);
}
