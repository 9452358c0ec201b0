// SPDX-License-Identifier: GPL-2.0
/*
 * Reading directories: getdents64, getdents and the 32-bit ABIs' compat getdents. The file
 * system's ->iterate calls an actor per entry from the file's position on (struct
 * dir_context); the actors here lay the entries out in each ABI's struct and stop when the
 * user's buffer is full. As Linux's, each entry's d_off is the position of the entry after
 * it, so lseek(fd, d_off, SEEK_SET) resumes right after that entry.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include "internal.h"

ssize_t generic_read_dir(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	return -EISDIR;
}

/* One step of getdents: the directory's i_mutex held, so entries neither come nor go
 * meanwhile; a removed directory lists nothing (ENOENT). */
int iterate_dir(struct file *f, struct dir_context *ctx)
{
	struct inode *inode = f->f_inode;
	int err;

	if (!f->f_op->iterate)
		return -ENOTDIR;
	mutex_lock(&inode->i_mutex);
	err = -ENOENT;
	if (!f->f_path.dentry || !d_unlinked(f->f_path.dentry)) {
		ctx->pos = f->f_pos;
		err = f->f_op->iterate(f, ctx);
		f->f_pos = ctx->pos;
	}
	mutex_unlock(&inode->i_mutex);
	return err;
}

/* The state of one getdents call: where the next record goes and where the last one is. */
struct getdents_callback {
	struct dir_context ctx;
	char __user *current_dir;	/* the next record */
	char __user *prev;		/* the last record written (its d_off is patched) */
	int count;			/* bytes left */
	int error;
	int off_size;			/* sizeof d_off: 8, or 4 for the compat layout */
};

static bool put_off(struct getdents_callback *b, char __user *rec, loff_t off)
{
	size_t at = b->off_size == 8 ? 8 : 4;	/* d_off follows d_ino */

	if (b->off_size == 8)
		return !put_user((s64)off, (s64 __user *)(rec + at));
	return !put_user((u32)off, (u32 __user *)(rec + at));
}

static bool filldir64(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		      u64 ino, unsigned int d_type)
{
	struct getdents_callback *b = container_of(ctx, struct getdents_callback, ctx);
	int reclen = ALIGN(19 + namlen + 1, 8);
	char __user *rec = b->current_dir;
	char zero = 0;

	b->error = -EINVAL;		/* too small for even this entry */
	if (reclen > b->count)
		return false;
	if (b->prev && !put_off(b, b->prev, offset))
		goto efault;
	if (put_user(ino, (u64 __user *)rec) || put_user((u16)reclen, (u16 __user *)(rec + 16)) ||
	    put_user((u8)d_type, (u8 __user *)(rec + 18)) || copy_to_user(rec + 19, name, namlen) ||
	    copy_to_user(rec + 19 + namlen, &zero, 1))
		goto efault;
	b->prev = rec;
	b->current_dir = rec + reclen;
	b->count -= reclen;
	b->error = 0;
	return true;
efault:
	b->error = -EFAULT;
	return false;
}

/* struct linux_dirent: d_ino, d_off (longs), d_reclen, the name, a NUL, d_type last. */
static bool filldir_long(struct getdents_callback *b, const char *name, int namlen,
			 loff_t offset, u64 ino, unsigned int d_type, int lsize)
{
	int base = 2 * lsize + 2;
	int reclen = ALIGN(base + namlen + 2, lsize);
	char __user *rec = b->current_dir;
	char zero = 0;
	int err;

	b->error = -EINVAL;
	if (reclen > b->count)
		return false;
	if (lsize == 4 && (u32)ino != ino) {
		b->error = -EOVERFLOW;
		return false;
	}
	if (b->prev && !put_off(b, b->prev, offset))
		goto efault;
	if (lsize == 8)
		err = put_user((u64)ino, (u64 __user *)rec);
	else
		err = put_user((u32)ino, (u32 __user *)rec);
	if (err || put_user((u16)reclen, (u16 __user *)(rec + 2 * lsize)) ||
	    copy_to_user(rec + base, name, namlen) || copy_to_user(rec + base + namlen, &zero, 1) ||
	    put_user((u8)d_type, (u8 __user *)(rec + reclen - 1)))
		goto efault;
	b->prev = rec;
	b->current_dir = rec + reclen;
	b->count -= reclen;
	b->error = 0;
	return true;
efault:
	b->error = -EFAULT;
	return false;
}

static bool filldir(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		    u64 ino, unsigned int d_type)
{
	return filldir_long(container_of(ctx, struct getdents_callback, ctx), name, namlen, offset,
			    ino, d_type, 8);
}

static bool compat_filldir(struct dir_context *ctx, const char *name, int namlen,
			   loff_t offset, u64 ino, unsigned int d_type)
{
	return filldir_long(container_of(ctx, struct getdents_callback, ctx), name, namlen, offset,
			    ino, d_type, 4);
}

static long do_getdents(unsigned int fd, void __user *dirent, unsigned int count,
			filldir_t actor, int off_size)
{
	struct getdents_callback b = {
		.ctx.actor = actor, .current_dir = dirent, .count = count, .off_size = off_size,
	};
	struct file *f;
	long err;

	if ((int)count < 0)
		b.count = 0x7fffffff;
	if (!access_ok(dirent, count))
		return -EFAULT;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_PATH) {
		fput(f);
		return -EBADF;
	}
	mutex_lock(&f->f_pos_lock);
	err = iterate_dir(f, &b.ctx);
	if (err >= 0)
		err = b.error;
	if (b.prev) {
		if (!put_off(&b, b.prev, b.ctx.pos))
			err = -EFAULT;
		else
			err = (char __user *)b.current_dir - (char __user *)dirent;
	}
	mutex_unlock(&f->f_pos_lock);
	fput(f);
	return err;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir64, 8);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir, 8);
}

COMPAT_SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent,
		       unsigned int, count)
{
	return do_getdents(fd, dirent, count, compat_filldir, 4);
}

/*
 * i386's readdir (number 89): one entry per call into struct old_linux_dirent (32-bit
 * d_ino and d_offset, d_namlen, the name and a NUL): 1 with an entry, 0 at the end.
 */
struct readdir_callback {
	struct dir_context ctx;
	char __user *dirent;
	int result;
};

static bool compat_fillonedir(struct dir_context *ctx, const char *name, int namlen,
			      loff_t offset, u64 ino, unsigned int d_type)
{
	struct readdir_callback *b = container_of(ctx, struct readdir_callback, ctx);
	char zero = 0;

	if (b->result)
		return false;
	if ((u32)ino != ino) {
		b->result = -EOVERFLOW;
		return false;
	}
	b->result++;
	if (put_user((u32)ino, (u32 __user *)b->dirent) ||
	    put_user((u32)offset, (u32 __user *)(b->dirent + 4)) ||
	    put_user((u16)namlen, (u16 __user *)(b->dirent + 8)) ||
	    copy_to_user(b->dirent + 10, name, namlen) ||
	    copy_to_user(b->dirent + 10 + namlen, &zero, 1)) {
		b->result = -EFAULT;
		return false;
	}
	return true;
}

COMPAT_SYSCALL_DEFINE3(old_readdir, unsigned int, fd, void __user *, dirent,
		       unsigned int, count)
{
	struct readdir_callback b = { .ctx.actor = compat_fillonedir, .dirent = dirent };
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_PATH) {
		fput(f);
		return -EBADF;
	}
	mutex_lock(&f->f_pos_lock);
	err = iterate_dir(f, &b.ctx);
	if (b.result)
		err = b.result;
	mutex_unlock(&f->f_pos_lock);
	fput(f);
	return err;
}
