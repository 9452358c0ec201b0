// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/mounts (and /proc/mounts, a link to self/mounts) and /proc/filesystems, from
 * the VFS's mount table and its list of file system types, in Linux's formats:
 *   mounts:       "device mountpoint type options 0 0"; options "rw" or "ro", the mount's
 *                 flags by Linux's names, then the file system's own; a space, tab, newline
 *                 or backslash in a name written as Linux's octal escape ("\040")
 *   filesystems:  "nodev\tname" or "\tname", in registration order
 */
#include "internal.h"
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/errno.h>

static void seq_escaped(struct seq_file *m, const char *s)
{
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
			seq_printf(m, "\\%03o", (unsigned char)*s);
		else
			seq_putc(m, *s);
	}
}

struct mounts_walk {
	struct seq_file *m;
	char *buf;		/* PATH_MAX bytes for each mount point */
};

static int show_vfsmnt(struct vfsmount *mnt, void *arg)
{
	struct mounts_walk *w = arg;
	struct seq_file *m = w->m;
	int flags = mnt->mnt_flags;
	char *path = mnt_path(mnt, w->buf, PATH_MAX);

	if (IS_ERR(path))
		return 0;	/* not below the reader's root, or too long: not shown */
	seq_escaped(m, mnt->mnt_devname ? mnt->mnt_devname : "none");
	seq_putc(m, ' ');
	seq_escaped(m, path);
	seq_putc(m, ' ');
	seq_escaped(m, mnt->mnt_sb->s_type->name);
	seq_puts(m, (flags & MNT_RDONLY) || (mnt->mnt_sb->s_flags & SB_RDONLY) ? " ro" : " rw");
	if (flags & MNT_NOSUID)
		seq_puts(m, ",nosuid");
	if (flags & MNT_NODEV)
		seq_puts(m, ",nodev");
	if (flags & MNT_NOEXEC)
		seq_puts(m, ",noexec");
	if (flags & MNT_NOATIME)
		seq_puts(m, ",noatime");
	if (flags & MNT_NODIRATIME)
		seq_puts(m, ",nodiratime");
	if (flags & MNT_RELATIME)
		seq_puts(m, ",relatime");
	if (mnt->mnt_options && *mnt->mnt_options) {
		seq_putc(m, ',');
		seq_escaped(m, mnt->mnt_options);
	}
	seq_puts(m, " 0 0\n");
	return 0;
}

/* Mount points are shown from the reader's root (Linux: from the process's own root). */
int mounts_proc_show(struct seq_file *m, struct task_struct *task)
{
	struct mounts_walk w = { .m = m, .buf = kmalloc(PATH_MAX, GFP_KERNEL) };

	if (!w.buf)
		return -ENOMEM;
	iterate_mounts(show_vfsmnt, &w);
	kfree(w.buf);
	return 0;
}

static int show_filesystem(const struct file_system_type *t, void *arg)
{
	seq_printf(arg, "%s\t%s\n", t->nodev ? "nodev" : "", t->name);
	return 0;
}

int filesystems_proc_show(struct seq_file *m, struct task_struct *unused)
{
	iterate_filesystems(show_filesystem, m);
	return 0;
}
