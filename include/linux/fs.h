/*
 * A deliberately small VFS: one in-memory file system (ramfs) filled from the initramfs,
 * files opened through struct file with per-file operations, and the console as a file.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>

#define S_IFMT   0170000
#define S_IFREG  0100000
#define S_IFDIR  0040000
#define S_IFLNK  0120000
#define S_IFCHR  0020000
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)

struct inode {
	const char *name;	/* full path without the leading '/' ("" is the root) */
	umode_t mode;
	const void *data;	/* file contents (inside the initramfs, which stays reserved) */
	size_t size;
	struct inode *next;
};

struct file;
struct file_operations {
	ssize_t (*read)(struct file *f, char __user *buf, size_t len);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t len);
};

struct file {
	const struct file_operations *f_op;
	struct inode *inode;
	loff_t pos;
	int flags;
	int count;		/* references from fd tables */
};

struct inode *ramfs_lookup(const char *path);
struct inode *ramfs_create(const char *path, umode_t mode, const void *data, size_t size);
/* What unpack_initramfs() found wrong, if anything, and where. */
struct initramfs_status {
	int entries;		/* files, directories and links made (also the return value) */
	const char *error;	/* NULL: a complete archive; else what is wrong */
	int entry;		/* the entry it is wrong in, counting from 1 */
	size_t offset;		/* that entry's header, in bytes from the archive's start */
};
int unpack_initramfs(const void *start, size_t size, struct initramfs_status *st);

extern struct file console_file;


#endif
