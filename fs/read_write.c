// SPDX-License-Identifier: GPL-2.0
/*
 * Moving bytes through open files: read, write, readv, writev, pread64, pwrite64, preadv,
 * pwritev, lseek and _llseek, sendfile; kernel_read/kernel_write for the kernel's own reads
 * (exec).
 *
 * Locking: a regular file's or directory's offset is read and advanced under f_pos_lock, so
 * two threads sharing the file (dup, fork) each get a whole read or write at their own
 * offset, as Linux's FMODE_ATOMIC_POS files do. The data itself is the file system's to
 * lock (tmpfs: i_mutex for writes).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/slab.h>
#include <linux/fcntl.h>
#include <linux/err.h>
#include <linux/resource.h>
#include <linux/signal.h>
#include "internal.h"

/*
 * How much of a write of *count bytes at pos into a regular file may happen (Linux's
 * generic_write_check_limits): at or past RLIMIT_FSIZE the writer gets SIGXFSZ and EFBIG,
 * and a write that would cross the limit stops there; past 2 GiB the same without
 * O_LARGEFILE (a 32-bit caller's plain open), without the signal. A write of nothing
 * checks nothing. The caller holds i_mutex (pos is final: O_APPEND applied). 0 or -EFBIG.
 */
int generic_write_check_limits(struct file *f, loff_t pos, size_t *count)
{
	unsigned long limit = task_rlimit(current, RLIMIT_FSIZE);
	loff_t max_size = (f->f_flags & O_LARGEFILE) ? MAX_LFS_FILESIZE : 0x7fffffffLL;

	if (!*count)
		return 0;
	if (limit != RLIM_INFINITY) {
		if ((unsigned long long)pos >= limit) {
			send_sig(SIGXFSZ, current, 0);
			return -EFBIG;
		}
		if (*count > limit - pos)
			*count = limit - pos;
	}
	if (pos >= max_size)
		return -EFBIG;
	if ((loff_t)*count > max_size - pos)
		*count = max_size - pos;
	return 0;
}

#define MAX_RW_COUNT 0x7ffff000L	/* Linux's cap on one read or write */

/*
 * A write made of pieces (writev's segments) is one write to Linux: it checks RLIMIT_FSIZE
 * once for the whole and stops at the limit, so only a write that starts there earns SIGXFSZ.
 * Once a piece has gone in, the next one must not start at the limit (its own check would
 * signal): the caller stops and returns what was written. (sendfile differs: see there.)
 */
static bool fsize_limit_reached(struct file *f, loff_t pos)
{
	unsigned long limit = task_rlimit(current, RLIMIT_FSIZE);

	return limit != RLIM_INFINITY && f->f_inode && S_ISREG(f->f_inode->i_mode) &&
	       (unsigned long long)pos >= limit;
}

/* ---- lseek ---------------------------------------------------------------------------- */

loff_t no_llseek(struct file *f, loff_t off, int whence)
{
	return -ESPIPE;
}

/* The new offset for (off, whence) against size, or -EINVAL; f_pos_lock held. */
loff_t generic_file_llseek(struct file *f, loff_t off, int whence)
{
	loff_t base, size = f->f_inode ? f->f_inode->i_size : 0;

	switch (whence) {
	case SEEK_SET: base = 0; break;
	case SEEK_CUR: base = f->f_pos; break;
	case SEEK_END: base = size; break;
	case SEEK_DATA:
		if (off < 0 || off >= size)
			return -ENXIO;
		base = 0;
		break;
	case SEEK_HOLE:
		if (off < 0 || off >= size)
			return -ENXIO;
		base = 0;
		off = size;
		break;
	default: return -EINVAL;
	}
	if (off > 0 && base > MAX_LFS_FILESIZE - off)
		return -EINVAL;
	if (base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

static bool atomic_pos(struct file *f)
{
	return f->f_inode && (S_ISREG(f->f_inode->i_mode) || S_ISDIR(f->f_inode->i_mode));
}

static loff_t vfs_llseek(struct file *f, loff_t off, int whence)
{
	loff_t r;

	if (whence > SEEK_HOLE)
		return -EINVAL;
	if (!(f->f_mode & FMODE_LSEEK) || !f->f_op->llseek)
		return -ESPIPE;
	mutex_lock(&f->f_pos_lock);
	r = f->f_op->llseek(f, off, whence);
	mutex_unlock(&f->f_pos_lock);
	return r;
}

/* lseek on fd, holding a reference to the file meanwhile. */
static loff_t fd_lseek(unsigned int fd, loff_t offset, unsigned int whence)
{
	struct file *f = fget(fd);
	loff_t r;

	if (!f)
		return -EBADF;
	r = (f->f_mode & FMODE_PATH) ? -EBADF : vfs_llseek(f, offset, whence);
	fput(f);
	return r;
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, long, offset, unsigned int, whence)
{
	return fd_lseek(fd, offset, whence);
}

/*
 * A 32-bit off_t: the offset register is signed, so lseek(fd, -1, SEEK_END) is one byte
 * before the end, not 4 GiB past it (the native entry would zero-extend it). A result past
 * 2 GiB does not fit: EOVERFLOW, as Linux's compat lseek.
 */
COMPAT_SYSCALL_DEFINE3(lseek, unsigned int, fd, compat_off_t, offset, unsigned int, whence)
{
	loff_t r = fd_lseek(fd, offset, whence);

	if (r > 0x7fffffffLL)
		return -EOVERFLOW;
	return r;
}

/* i386/arm _llseek: a 64-bit offset in two halves, the result stored through a pointer. */
SYSCALL_DEFINE5(llseek, unsigned int, fd, unsigned long, offset_high, unsigned long, offset_low,
		loff_t __user *, result, unsigned int, whence)
{
	loff_t r = fd_lseek(fd, (loff_t)((u64)offset_high << 32 | (u32)offset_low), whence);

	if (r < 0)
		return r;
	return put_user(r, result) ? -EFAULT : 0;
}

/* ---- read and write ------------------------------------------------------------------- */

/* Linux's rw_verify_area: the last byte of the range must stay within loff_t. */
static bool rw_past_end(const loff_t *pos, size_t count)
{
	return pos && *pos >= 0 && (loff_t)count > MAX_LFS_FILESIZE - *pos;
}

ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read)
		return -EINVAL;
	if ((ssize_t)count < 0 || rw_past_end(pos, count))
		return -EINVAL;
	if (unlikely(count > MAX_RW_COUNT))
		count = MAX_RW_COUNT;
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count)
		return 0;
	return f->f_op->read(f, buf, count, pos);
}

ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write)
		return -EINVAL;
	if ((ssize_t)count < 0 || rw_past_end(pos, count))
		return -EINVAL;
	count = min(count, (size_t)MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	if (!count && f->f_inode && S_ISREG(f->f_inode->i_mode))
		return 0;
	return f->f_op->write(f, buf, count, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read_kernel)
		return -EINVAL;
	return f->f_op->read_kernel(f, buf, min(len, (size_t)MAX_RW_COUNT), pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_kernel)
		return -EINVAL;
	return f->f_op->write_kernel(f, buf, min(len, (size_t)MAX_RW_COUNT), pos);
}

/* read/write at the file's offset: f_pos_lock keeps a shared offset whole. */
static ssize_t rw_at_pos(struct file *f, char __user *buf, size_t count, bool write)
{
	bool lock = atomic_pos(f);
	loff_t pos;
	ssize_t ret;

	if (lock)
		mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = write ? vfs_write(f, buf, count, &pos) : vfs_read(f, buf, count, &pos);
	if (ret >= 0)
		f->f_pos = pos;
	if (lock)
		mutex_unlock(&f->f_pos_lock);
	return ret;
}

/* Each call holds its file (fdget/fdput: a reference unless the fd table is this task's
 * alone), so a close by another thread meanwhile only drops the table's. */
SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct fd f = fdget(fd);
	ssize_t ret;

	if (!f.file)
		return -EBADF;
	ret = rw_at_pos(f.file, (char __user *)buf, count, true);
	fdput(f);
	return ret;
}

SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct fd f = fdget(fd);
	ssize_t ret;

	if (!f.file)
		return -EBADF;
	ret = rw_at_pos(f.file, buf, count, false);
	fdput(f);
	return ret;
}

/* pread/pwrite: at pos, the file's offset untouched; streams cannot (ESPIPE). */
static ssize_t do_prw(unsigned int fd, char __user *buf, size_t count, loff_t pos, bool write)
{
	struct fd fd_;
	struct file *f;
	ssize_t ret;

	if (pos < 0)
		return -EINVAL;
	fd_ = fdget(fd);
	f = fd_.file;
	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
		ret = (f->f_mode & FMODE_PATH) ? -EBADF : -ESPIPE;
	else
		ret = write ? vfs_write(f, buf, count, &pos) : vfs_read(f, buf, count, &pos);
	fdput(fd_);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
	return do_prw(fd, buf, count, pos, false);
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
		loff_t, pos)
{
	return do_prw(fd, (char __user *)buf, count, pos, true);
}

/* The 32-bit ABIs pass pread64's and pwrite64's offset in two registers (the arch files:
 * arch/x86/kernel/sys_ia32.c, arch/arm64/kernel/sys32.c) and reach these. */
ssize_t ksys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos)
{
	return do_prw(fd, buf, count, pos, false);
}

ssize_t ksys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos)
{
	return do_prw(fd, (char __user *)buf, count, pos, true);
}

/*
 * readv/writev: one syscall body for both layouts of struct iovec (16 bytes on 64-bit ABIs,
 * struct compat_iovec's two 32-bit fields for i386 and the arm EABI). The i386 and arm tables
 * point at the native entries: Linux 6.1 has no compat_sys_readv/writev either (its i386
 * table's rows 145 and 146 have no compat column), and its iovec import asks
 * in_compat_syscall() which array it is reading, as import_iovec does here.
 */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV	1024
#define UIO_FASTIOV	8	/* vectors this short stay on the stack, as Linux's */

/*
 * Linux's import_iovec: the user's vector is read once, into fast (UIO_FASTIOV entries on
 * the caller's stack) or a kmalloc'd array for up to UIO_MAXIOV, and checked whole before
 * any byte moves: more than UIO_MAXIOV entries or a total past SSIZE_MAX (a 32-bit caller's:
 * past 2 GiB - 1) is EINVAL, an unreadable vector or a buffer outside user space EFAULT.
 * Reading it once means the buffers used are the buffers checked, whatever another thread
 * writes into the vector meanwhile. *out is fast or the array to kfree.
 */
static long import_iovec(const void __user *vec, unsigned long vlen, struct iovec *fast,
			 struct iovec **out)
{
	struct iovec *iov = fast;
	size_t sum = 0;

	*out = fast;
	if (vlen > UIO_MAXIOV)
		return -EINVAL;
	if (vlen > UIO_FASTIOV) {
		iov = kmalloc(vlen * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
		*out = iov;
	}
	if (in_compat_syscall()) {
		const struct compat_iovec __user *cv = vec;

		for (unsigned long i = 0; i < vlen; i++) {
			struct compat_iovec c;

			if (copy_from_user(&c, cv + i, sizeof(c)))
				return -EFAULT;
			iov[i].iov_base = (void __user *)(unsigned long)c.iov_base;
			iov[i].iov_len = c.iov_len;
		}
	} else if (copy_from_user(iov, vec, vlen * sizeof(*iov))) {
		return -EFAULT;
	}
	for (unsigned long i = 0; i < vlen; i++) {
		size_t len = iov[i].iov_len;

		if ((ssize_t)len < 0 || len > (size_t)0x7fffffffffffffffLL - sum)
			return -EINVAL;
		if (in_compat_syscall() && sum + len > 0x7fffffff)
			return -EINVAL;
		if (!access_ok(iov[i].iov_base, len))
			return -EFAULT;
		sum += len;
	}
	return 0;
}

/* Then the buffers in turn until one comes back short. */
static long file_iov(struct file *f, const void __user *vec, unsigned long vlen, loff_t *pos,
		     bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov;
	long total = 0, err;

	if (!(f->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (!(write ? f->f_op->write != NULL : f->f_op->read != NULL))
		return -EINVAL;
	err = import_iovec(vec, vlen, fast, &iov);
	if (err)
		goto out;
	for (unsigned long i = 0; i < vlen; i++) {
		ssize_t n;

		if (!iov[i].iov_len)
			continue;
		if (write && total && fsize_limit_reached(f, *pos))
			break;
		n = write ? vfs_write(f, iov[i].iov_base, iov[i].iov_len, pos) :
			    vfs_read(f, iov[i].iov_base, iov[i].iov_len, pos);
		if (n < 0) {
			err = total ? 0 : n;
			break;
		}
		total += n;
		if ((size_t)n < iov[i].iov_len)
			break;
	}
out:
	if (iov != fast)
		kfree(iov);
	return err ? err : total;
}

static long do_iov(unsigned long fd, const void __user *vec, unsigned long vlen, bool write)
{
	struct file *f = fget(fd);
	bool lock;
	loff_t pos;
	long ret;

	if (!f)
		return -EBADF;
	lock = atomic_pos(f);
	if (lock)
		mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	ret = file_iov(f, vec, vlen, &pos, write);
	if (ret >= 0)
		f->f_pos = pos;
	if (lock)
		mutex_unlock(&f->f_pos_lock);
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

static long do_piov(unsigned long fd, const void __user *vec, unsigned long vlen, loff_t pos,
		    bool write)
{
	struct file *f;
	long ret;

	if (pos < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (!(f->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)))
		ret = (f->f_mode & FMODE_PATH) ? -EBADF : -ESPIPE;
	else
		ret = file_iov(f, vec, vlen, &pos, write);
	fput(f);
	return ret;
}

/* preadv/pwritev: the offset in two words (low, high), as Linux passes it on every ABI; a
 * 64-bit word holds it all in the low one. */
static loff_t pos_from_hilo(unsigned long high, unsigned long low)
{
	return (loff_t)(((u64)high << 32) << 32 | low);
}

SYSCALL_DEFINE5(preadv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h)
{
	return do_piov(fd, vec, vlen, pos_from_hilo(pos_h, pos_l), false);
}

SYSCALL_DEFINE5(pwritev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen, unsigned long, pos_l, unsigned long, pos_h)
{
	return do_piov(fd, vec, vlen, pos_from_hilo(pos_h, pos_l), true);
}

COMPAT_SYSCALL_DEFINE5(preadv, compat_ulong_t, fd, const struct compat_iovec __user *, vec,
		       compat_ulong_t, vlen, u32, pos_low, u32, pos_high)
{
	return do_piov(fd, vec, vlen, ((loff_t)pos_high << 32) | pos_low, false);
}

COMPAT_SYSCALL_DEFINE5(pwritev, compat_ulong_t, fd, const struct compat_iovec __user *, vec,
		       compat_ulong_t, vlen, u32, pos_low, u32, pos_high)
{
	return do_piov(fd, vec, vlen, ((loff_t)pos_high << 32) | pos_low, true);
}

/* ---- sendfile ------------------------------------------------------------------------- */

/*
 * Copy up to count bytes from in_fd (at *ppos, or at its offset when ppos is NULL) to
 * out_fd, through a kernel page: both files must take kernel buffers (read_kernel,
 * write_kernel), else EINVAL as Linux's for a file it cannot splice.
 */
static long do_sendfile(int out_fd, int in_fd, loff_t *ppos, size_t count, loff_t max)
{
	struct file *in = fget(in_fd), *out = NULL;
	loff_t pos, opos;
	char *buf = NULL;
	long ret, total = 0;

	ret = -EBADF;
	if (!in || !(in->f_mode & FMODE_READ))
		goto out;
	out = fget(out_fd);
	if (!out || !(out->f_mode & FMODE_WRITE))
		goto out;
	ret = -ESPIPE;
	if (ppos && !(in->f_mode & FMODE_PREAD))
		goto out;
	ret = -EINVAL;
	if (!in->f_op->read_kernel || !out->f_op->write_kernel)
		goto out;
	/* Linux refuses O_APPEND output, except a pipe (written at its end anyway). */
	if ((out->f_flags & O_APPEND) && !(out->f_inode && S_ISFIFO(out->f_inode->i_mode)))
		goto out;
	pos = ppos ? *ppos : in->f_pos;
	if (pos < 0)
		goto out;
	count = min(count, (size_t)MAX_RW_COUNT);
	if ((loff_t)count > max - pos)	/* pos >= 0 here: max - pos cannot overflow */
		count = pos < max ? max - pos : 0;
	ret = -ENOMEM;
	buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		goto out;
	ret = 0;
	while ((size_t)total < count) {
		size_t n = min(count - total, (size_t)PAGE_SIZE);
		ssize_t r = in->f_op->read_kernel(in, buf, n, &pos), w;

		if (r <= 0) {
			ret = r;
			break;
		}
		opos = out->f_pos;
		w = out->f_op->write_kernel(out, buf, r, &opos);
		if (w > 0)
			out->f_pos = opos;
		/* Stopped short at RLIMIT_FSIZE: Linux's splice writes the rest of its chunk again,
		 * which meets the limit and raises SIGXFSZ; the count is still what went in. */
		if (w > 0 && w < r && fsize_limit_reached(out, opos))
			send_sig(SIGXFSZ, current, 0);
		if (w < r) {
			pos -= r - (w > 0 ? w : 0);
			if (w > 0)
				total += w;
			else
				ret = w;
			break;
		}
		total += w;
	}
	if (total)
		ret = total;
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
out:
	kfree(buf);
	if (in)
		fput(in);
	if (out)
		fput(out);
	return ret;
}

SYSCALL_DEFINE4(sendfile64, int, out_fd, int, in_fd, loff_t __user *, offset, size_t, count)
{
	loff_t pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, MAX_LFS_FILESIZE);
	if (copy_from_user(&pos, offset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_LFS_FILESIZE);
	if (ret >= 0 && put_user(pos, offset))
		return -EFAULT;
	return ret;
}

/* The 32-bit sendfile: a 32-bit offset, and nothing past 2 GiB. */
COMPAT_SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, compat_off_t __user *, offset,
		       compat_size_t, count)
{
	compat_off_t off;
	loff_t pos;
	long ret;

	if (!offset)
		return do_sendfile(out_fd, in_fd, NULL, count, 0x7fffffff);
	if (get_user(off, offset))
		return -EFAULT;
	pos = off;
	ret = do_sendfile(out_fd, in_fd, &pos, count, 0x7fffffff);
	if (ret >= 0 && put_user((compat_off_t)pos, offset))
		return -EFAULT;
	return ret;
}
