/* The initramfs's entries, from the newc parser (fs/initramfs.c) to the tmpfs it fills. */
#ifndef _LINUX_INITRAMFS_H
#define _LINUX_INITRAMFS_H

#include <linux/types.h>

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
