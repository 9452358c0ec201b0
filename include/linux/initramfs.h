/* The initramfs's entries, from the newc parser (fs/initramfs.c) to the tmpfs it fills. */
#ifndef _LINUX_INITRAMFS_H
#define _LINUX_INITRAMFS_H

#include <linux/types.h>

/* Boot: unpack the initramfs (newc cpio) into the root tmpfs. */
struct initramfs_status {
	int entries;		/* files, directories, links and nodes made (also the return value) */
	const char *error;	/* NULL: a complete archive; else what is wrong */
	int entry;		/* the entry it is wrong in, counting from 1 */
	size_t offset;		/* that entry's header, in bytes from the archive's start */
};
int unpack_initramfs(const void *start, size_t size, struct initramfs_status *st);

struct initramfs_entry {
	const char *name;		/* as in the archive ("bin/sh", "./dev", "/init") */
	u32 ino, mode, uid, gid, nlink, mtime;
	const void *data;		/* a file's contents, a symlink's target (not NUL-ended) */
	size_t size;
	u32 dev_major, dev_minor;	/* the device the file came from (hard link identity) */
	u32 rdev_major, rdev_minor;	/* a device node's number */
};

/* Make one entry in the root file system: 0, or an errno (the entry is skipped). */
int initramfs_make_entry(const struct initramfs_entry *e);
/* After the last entry: directories get their archived mtimes (entries changed them). */
void initramfs_finish(void);

#endif
