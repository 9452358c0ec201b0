/*
 * tmpfs (mm/shmem.c): files whose data lives only in memory pages, Linux's shmem.
 * The root file system is a tmpfs; devtmpfs is one too.
 */
#ifndef _LINUX_SHMEM_FS_H
#define _LINUX_SHMEM_FS_H

#include <linux/fs.h>

#define TMPFS_MAGIC	0x01021994

/*
 * Page index of a tmpfs file (file mmap, exec): the page with a reference taken (put_page
 * it), NULL for a hole when !create, ERR_PTR(-ENOSPC) when the file system is full,
 * ERR_PTR(-EFBIG)/(-ENOMEM) when the page cannot be had. With create a hole is filled with a
 * zeroed page (counted against size=).
 */
struct page *shmem_get_page(struct inode *inode, unsigned long index, bool create);
bool is_shmem_inode(const struct inode *inode);

/* A new tmpfs inode in sb (mode's type picks the operations): NULL at nr_inodes= or OOM. */
struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode,
			      dev_t dev);
/* A tmpfs instance for the kernel's own use (rootfs, devtmpfs); options as mount's. */
struct super_block *shmem_kern_mount(const struct file_system_type *t, const char *options);
extern struct file_system_type shmem_fs_type;
extern struct file_system_type rootfs_fs_type;	/* the root: a tmpfs by another name */

#endif
