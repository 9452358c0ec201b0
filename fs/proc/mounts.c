// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/mounts (and /proc/mounts, a link to self/mounts) and /proc/filesystems, from
 * the VFS's mount table and its list of file system types, in Linux's formats:
 *   mounts:       "device mountpoint type options 0 0", options starting "rw" or "ro"
 *   filesystems:  "nodev\tname" or "\tname"
 */
#include "internal.h"

int mounts_proc_show(struct seq_file *m, struct task_struct *task)
{
	return 0;	/* filled once the VFS core's mount iterator is on main */
}

int filesystems_proc_show(struct seq_file *m, struct task_struct *unused)
{
	return 0;
}
