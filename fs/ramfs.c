// SPDX-License-Identifier: GPL-2.0
/*
 * ramfs: the files of the initramfs, kept as a list of inodes named by their full path.
 * Contents stay where the boot loader put the archive (that memory is reserved), so nothing
 * is copied. Enough for exec and for probes that open and read files.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>

static struct inode root = { .name = "", .mode = S_IFDIR | 0755 };
static struct inode *inodes = &root;

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
	for (struct inode *i = inodes; i; i = i->next)
		if (same_path(path, i->name))
			return i;
	return NULL;
}

struct inode *ramfs_create(const char *path, umode_t mode, const void *data, size_t size)
{
	struct inode *i = ramfs_lookup(path);

	if (!i) {
		size_t len = strlen(path);
		char *name = kmalloc(len + 1, GFP_KERNEL);

		i = kzalloc(sizeof(*i), GFP_KERNEL);
		if (!i || !name)
			panic("ramfs: out of memory");
		while (*path == '/')
			path++, len--;
		memcpy(name, path, len + 1);
		i->name = name;
		i->next = inodes;
		inodes = i;
	}
	i->mode = mode;
	i->data = data;
	i->size = size;
	return i;
}
