// SPDX-License-Identifier: GPL-2.0
/*
 * ramfs: the files of the initramfs, kept as a list of inodes named by their full path.
 * Contents stay where the boot loader put the archive (that memory is reserved), so nothing
 * is copied. Enough for exec and for probes that open and read files.
 */
#include <linux/kernel.h>
#include "internal.h"
#include <linux/slab.h>
#include <linux/string.h>

struct ramfs_entry {
	const char *name;	/* full path without the leading '/' ("" is the root) */
	struct inode inode;	/* i_private: the contents, inside the reserved initramfs */
	struct ramfs_entry *next;
};

static struct ramfs_entry root = { .name = "", .inode = { .i_mode = S_IFDIR | 0755 } };
static struct ramfs_entry *inodes = &root;

const char *ramfs_name(struct inode *inode)
{
	return container_of(inode, struct ramfs_entry, inode)->name;
}

/* "/bin//x" and "bin/x" name the same inode: compare ignoring leading and doubled slashes. */
static bool same_path(const char *want, const char *have)
{
	while (*want == '/')
		want++;
	for (;;) {
		if (*want == '/' && want[1] == '/') {
			want++;
			continue;
		}
		if (*want == '/' && !want[1] && !*have)
			return true;	/* trailing slash */
		if (*want != *have)
			return false;
		if (!*want)
			return true;
		want++;
		have++;
	}
}

struct inode *ramfs_lookup(const char *path)
{
	for (struct ramfs_entry *e = inodes; e; e = e->next)
		if (same_path(path, e->name))
			return &e->inode;
	return NULL;
}

struct inode *ramfs_create(const char *path, umode_t mode, const void *data, size_t size)
{
	struct inode *i = ramfs_lookup(path);

	if (!i) {
		struct ramfs_entry *e;
		size_t len = strlen(path);
		char *name = kmalloc(len + 1, GFP_KERNEL);

		e = kzalloc(sizeof(*e), GFP_KERNEL);
		if (!e || !name)
			panic("ramfs: out of memory");
		while (*path == '/')
			path++, len--;
		memcpy(name, path, len + 1);
		e->name = name;
		e->next = inodes;
		inodes = e;
		i = &e->inode;
	}
	i->i_mode = mode;
	i->i_private = (void *)data;
	i->i_size = size;
	return i;
}
