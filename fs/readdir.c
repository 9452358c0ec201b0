// SPDX-License-Identifier: GPL-2.0
/*
 * Reading directories: getdents64, getdents and the 32-bit ABIs' compat getdents. The file
 * system's ->iterate calls an actor per entry from the file's position on (struct
 * dir_context); the actors here lay the entries out in each ABI's struct and stop when the
 * user's buffer is full. As Linux's, each entry's d_off is the position of the entry after
 * it, so lseek(fd, d_off, SEEK_SET) resumes right after that entry. The buffer's range is
 * checked once per call and each field is a single store (unsafe_put_user, linux/uaccess.h).
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

#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif

ssize_t generic_read_dir(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	return -EISDIR;
}

/* One step of getdents: the directory's i_mutex held, so entries neither come nor go
 * meanwhile; a removed directory lists nothing (ENOENT). The directory's atime moves by the
 * mount's rules (fs/atime.c), as Linux's iterate_dir. */
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
		file_accessed(f);
	}
	mutex_unlock(&inode->i_mutex);
	return err;
}

/*
 * The three record layouts, as Linux's headers give them. d_off is the position of the entry
 * after this one (lseek there resumes after it); the actor learns it when the next entry
 * arrives, so each record's d_off is stored with the next record, and the last one's with
 * the directory's final position when the call ends.
 */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	u16 d_reclen;
	u8 d_type;
	char d_name[];
};

struct linux_dirent {		/* 64-bit ABIs' getdents; d_type in the record's last byte */
	unsigned long d_ino;
	unsigned long d_off;
	u16 d_reclen;
	char d_name[];
};

struct compat_linux_dirent {	/* i386's and arm's getdents */
	u32 d_ino;
	u32 d_off;
	u16 d_reclen;
	char d_name[];
};

/*
 * The state of one getdents call. Each record is written in one uaccess window
 * (open_record: user_write_access_begin over the previous record's d_off up to this record's
 * end, within the buffer do_getdents checked), so every field is one unsafe_put_user: a store
 * with an exception-table entry, no per-field checks. The window closes before the actor
 * returns to the file system, which may sleep.
 */
struct getdents_callback {
	struct dir_context ctx;
	char __user *current_dir;	/* the next record */
	void __user *prev;		/* the last record written (its d_off comes with the next) */
	int count;			/* bytes left */
	int error;
};

static bool open_record(struct getdents_callback *b, int reclen)
{
	char __user *start = b->prev ? (char __user *)b->prev : b->current_dir;

	return user_write_access_begin(start, b->current_dir + reclen - start);
}

/* The name and its NUL (the padding after it is left as it was, as Linux leaves it). */
#define unsafe_copy_dirent_name(dst, name, namlen, label) do {			\
	unsafe_copy_to_user(dst, name, namlen, label);				\
	unsafe_put_user(0, (u8 __user *)(dst) + (namlen), label);		\
} while (0)

static bool filldir64(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		      u64 ino, unsigned int d_type)
{
	struct getdents_callback *b = container_of(ctx, struct getdents_callback, ctx);
	struct linux_dirent64 __user *d = (struct linux_dirent64 __user *)b->current_dir;
	int reclen = ALIGN(offsetof(struct linux_dirent64, d_name) + namlen + 1, sizeof(u64));

	if (reclen > b->count) {
		b->error = -EINVAL;	/* too small for even this entry, if it is the first */
		return false;
	}
	if (!open_record(b, reclen)) {
		b->error = -EFAULT;
		return false;
	}
	if (b->prev)
		unsafe_put_user(offset, &((struct linux_dirent64 __user *)b->prev)->d_off, efault);
	unsafe_put_user(ino, &d->d_ino, efault);
	unsafe_put_user(reclen, &d->d_reclen, efault);
	unsafe_put_user(d_type, &d->d_type, efault);
	unsafe_copy_dirent_name(d->d_name, name, namlen, efault);
	user_write_access_end();
	b->prev = d;
	b->current_dir += reclen;
	b->count -= reclen;
	return true;
efault:
	user_write_access_end();
	b->error = -EFAULT;
	return false;
}

static bool filldir(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		    u64 ino, unsigned int d_type)
{
	struct getdents_callback *b = container_of(ctx, struct getdents_callback, ctx);
	struct linux_dirent __user *d = (struct linux_dirent __user *)b->current_dir;
	int reclen = ALIGN(offsetof(struct linux_dirent, d_name) + namlen + 2, sizeof(long));

	if (reclen > b->count) {
		b->error = -EINVAL;
		return false;
	}
	if (!open_record(b, reclen)) {
		b->error = -EFAULT;
		return false;
	}
	if (b->prev)
		unsafe_put_user(offset, &((struct linux_dirent __user *)b->prev)->d_off, efault);
	unsafe_put_user(ino, &d->d_ino, efault);
	unsafe_put_user(reclen, &d->d_reclen, efault);
	unsafe_copy_dirent_name(d->d_name, name, namlen, efault);
	unsafe_put_user(d_type, (u8 __user *)d + reclen - 1, efault);
	user_write_access_end();
	b->prev = d;
	b->current_dir += reclen;
	b->count -= reclen;
	return true;
efault:
	user_write_access_end();
	b->error = -EFAULT;
	return false;
}

static bool compat_filldir(struct dir_context *ctx, const char *name, int namlen,
			   loff_t offset, u64 ino, unsigned int d_type)
{
	struct getdents_callback *b = container_of(ctx, struct getdents_callback, ctx);
	struct compat_linux_dirent __user *d = (struct compat_linux_dirent __user *)b->current_dir;
	int reclen = ALIGN(offsetof(struct compat_linux_dirent, d_name) + namlen + 2, sizeof(u32));

	if (reclen > b->count) {
		b->error = -EINVAL;
		return false;
	}
	if ((u32)ino != ino) {
		b->error = -EOVERFLOW;
		return false;
	}
	if (!open_record(b, reclen)) {
		b->error = -EFAULT;
		return false;
	}
	if (b->prev)
		unsafe_put_user(offset, &((struct compat_linux_dirent __user *)b->prev)->d_off,
				efault);
	unsafe_put_user(ino, &d->d_ino, efault);
	unsafe_put_user(reclen, &d->d_reclen, efault);
	unsafe_copy_dirent_name(d->d_name, name, namlen, efault);
	unsafe_put_user(d_type, (u8 __user *)d + reclen - 1, efault);
	user_write_access_end();
	b->prev = d;
	b->current_dir += reclen;
	b->count -= reclen;
	return true;
efault:
	user_write_access_end();
	b->error = -EFAULT;
	return false;
}

/* The last record's d_off: the directory's position after the call. */
static bool put_last_off(struct getdents_callback *b, filldir_t actor, loff_t pos)
{
	/* Every layout's d_off ends within its record's first 16 bytes (compat: 8). */
	if (!user_write_access_begin(b->prev, 16))
		return false;
	if (actor == filldir64)
		unsafe_put_user(pos, &((struct linux_dirent64 __user *)b->prev)->d_off, efault);
	else if (actor == filldir)
		unsafe_put_user(pos, &((struct linux_dirent __user *)b->prev)->d_off, efault);
	else
		unsafe_put_user(pos, &((struct compat_linux_dirent __user *)b->prev)->d_off,
				efault);
	user_write_access_end();
	return true;
efault:
	user_write_access_end();
	return false;
}

/*
 * Records written, as Linux's getdents: the bytes of whole records when at least one fits
 * (a fault or a full buffer after the first just ends the call there; the entry that did
 * not fit comes first next time), else the error (EINVAL for a buffer too small for one
 * record, EFAULT).
 */
static long do_getdents(unsigned int fd, void __user *dirent, unsigned int count,
			filldir_t actor)
{
	struct getdents_callback b = {
		.ctx.actor = actor, .current_dir = dirent, .count = count,
	};
	struct fd fd_;
	struct file *f;
	unsigned long room;
	long err;

	/* Linux keeps the count in an int: 2 GiB or more fits no record (EINVAL). */
	if ((int)count < 0)
		b.count = 0;
	fd_ = fdget(fd);	/* EBADF (and iterate_dir's ENOTDIR) before any EFAULT, as Linux */
	f = fd_.file;
	if (!f)
		return -EBADF;
	if (f->f_mode & FMODE_PATH || !f->f_op->iterate) {
		fdput(fd_);
		return f->f_mode & FMODE_PATH ? -EBADF : -ENOTDIR;
	}
	/*
	 * One range check for the whole call, over the buffer up to the end of user space: a
	 * count running past it is not a fault while the records fit (Linux checks each record),
	 * and no record is written past what was checked.
	 */
	room = (unsigned long)dirent < user_addr_max() ?
		user_addr_max() - (unsigned long)dirent : 0;
	if (b.count > room)
		b.count = room;
	if (!access_ok(dirent, room ? b.count : 1)) {
		fdput(fd_);
		return -EFAULT;
	}
	mutex_lock(&f->f_pos_lock);
	err = iterate_dir(f, &b.ctx);
	if (err >= 0)
		err = b.error;
	if (b.prev) {
		if (!put_last_off(&b, actor, b.ctx.pos))
			err = -EFAULT;
		else
			err = (char __user *)b.current_dir - (char __user *)dirent;
	}
	mutex_unlock(&f->f_pos_lock);
	fdput(fd_);
	return err;
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir64);
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent, unsigned int, count)
{
	return do_getdents(fd, dirent, count, filldir);
}

COMPAT_SYSCALL_DEFINE3(getdents, unsigned int, fd, void __user *, dirent,
		       unsigned int, count)
{
	return do_getdents(fd, dirent, count, compat_filldir);
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
