// SPDX-License-Identifier: GPL-2.0
/*
 * fallocate: make room for a range of a regular file without writing it, as Linux's
 * vfs_fallocate checks and tmpfs (mm/shmem.c's shmem_fallocate) does it. The checks come in
 * Linux's order, so a bad call gets the errno Linux gives:
 *   EINVAL      offset < 0 or len <= 0; COLLAPSE/INSERT_RANGE with another flag; UNSHARE
 *               with a flag other than KEEP_SIZE
 *   EOPNOTSUPP  a mode bit Linux does not know; PUNCH_HOLE with ZERO_RANGE, or without
 *               KEEP_SIZE; a file system without ->fallocate; a mode tmpfs does not take
 *   EBADF       not open for writing
 *   ESPIPE      a FIFO; EISDIR a directory; ENODEV anything else not a regular file
 *   EFBIG       offset + len past the largest file size, or wrapping through zero
 * The 32-bit ABIs pass offset and len in register pairs: compat_sys_ia32_fallocate
 * (arch/x86/kernel/sys_ia32.c) and compat_sys_aarch32_fallocate (arch/arm64/kernel/
 * sys_aarch32.c) join them and call ksys_fallocate.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <linux/errno.h>

int vfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file_inode(f);
	int err;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	if ((mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) ==
	    (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_COLLAPSE_RANGE) && (mode & ~FALLOC_FL_COLLAPSE_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_INSERT_RANGE) && (mode & ~FALLOC_FL_INSERT_RANGE))
		return -EINVAL;
	if ((mode & FALLOC_FL_UNSHARE_RANGE) &&
	    (mode & ~(FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE)))
		return -EINVAL;
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!inode)
		return -ENODEV;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode))
		return -ENODEV;
	if (offset > MAX_LFS_FILESIZE - len)	/* offset + len past the limit, or wrapping */
		return -EFBIG;
	if (!f->f_op || !f->f_op->fallocate)
		return -EOPNOTSUPP;
	mutex_lock(&inode->i_mutex);
	err = f->f_op->fallocate(f, mode, offset, len);
	mutex_unlock(&inode->i_mutex);
	return err;
}

long ksys_fallocate(int fd, int mode, loff_t offset, loff_t len)
{
	struct fd f = fdget(fd);
	long err;

	if (!f.file)
		return -EBADF;
	err = vfs_fallocate(f.file, mode, offset, len);
	fdput(f);
	return err;
}

SYSCALL_DEFINE4(fallocate, int, fd, int, mode, loff_t, offset, loff_t, len)
{
	return ksys_fallocate(fd, mode, offset, len);
}
