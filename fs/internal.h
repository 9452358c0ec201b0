/* Between the files of fs/: the interim initramfs list that the VFS core replaces. */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <linux/fs.h>

struct inode *ramfs_lookup(const char *path);
struct inode *ramfs_create(const char *path, umode_t mode, const void *data, size_t size);
const char *ramfs_name(struct inode *inode);	/* full path without the leading '/' */

#endif
