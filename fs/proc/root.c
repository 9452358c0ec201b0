// SPDX-License-Identifier: GPL-2.0
/*
 * procfs's frame: the "proc" file system type, its super_block and inodes, the table of
 * every kind of proc entry, /proc itself (its files, then one directory per process), the
 * generic open/read of generated files, and the dentry checks that drop a name once the
 * process behind it is gone.
 */
#include "internal.h"
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

/* /proc's own entries in readdir come after "." and ".."; processes after them, each at
 * PID_POS_BASE + its pid, so a listing resumes right however processes come and go. */
#define PID_POS_BASE	256

static const struct inode_operations proc_root_iops;
static const struct file_operations proc_root_ops;
static const struct inode_operations proc_mounts_link_iops;

#define REG(n, fn, fl)	{ .name = n, .mode = S_IFREG | 0444, .flags = fl, .show = fn }

const struct proc_entry proc_entries[PROC_NR_KINDS] = {
	[PROC_ROOT]	   = { "", S_IFDIR | 0555, 0, NULL, &proc_root_iops, &proc_root_ops },
	[PROC_CPUINFO]	   = REG("cpuinfo", cpuinfo_proc_show, 0),
	[PROC_FILESYSTEMS] = REG("filesystems", filesystems_proc_show, 0),
	[PROC_LOADAVG]	   = REG("loadavg", loadavg_proc_show, 0),
	[PROC_MEMINFO]	   = REG("meminfo", meminfo_proc_show, 0),
	[PROC_MOUNTS]	   = { "mounts", S_IFLNK | 0777, 0, NULL, &proc_mounts_link_iops, NULL },
	[PROC_SELF]	   = { "self", S_IFLNK | 0777, 0, NULL, &proc_self_iops, NULL },
	[PROC_STAT]	   = REG("stat", stat_proc_show, 0),
	[PROC_THREAD_SELF] = { "thread-self", S_IFLNK | 0777, 0, NULL, &proc_thread_self_iops,
			       NULL },
	[PROC_UPTIME]	   = REG("uptime", uptime_proc_show, 0),
	[PROC_VERSION]	   = REG("version", version_proc_show, 0),

	[PROC_PID_DIR]	   = { "", S_IFDIR | 0555, PROC_PID, NULL, &proc_pid_dir_iops,
			       &proc_pid_dir_ops },
	[PROC_TID_DIR]	   = { "", S_IFDIR | 0555, PROC_PID, NULL, &proc_tid_dir_iops,
			       &proc_tid_dir_ops },
	[PROC_PID_TASK]	   = { "task", S_IFDIR | 0555, PROC_PID, NULL, &proc_task_iops,
			       &proc_task_ops },
	[PROC_PID_FD]	   = { "fd", S_IFDIR | 0500, PROC_PID | PROC_PTRACE, NULL, &proc_fd_iops,
			       &proc_fd_ops },
	[PROC_PID_STATUS]  = REG("status", proc_pid_status, PROC_PID),
	[PROC_PID_COMM]	   = { "comm", S_IFREG | 0644, PROC_PID, proc_pid_comm, NULL,
			       &proc_comm_ops },
	[PROC_PID_CMDLINE] = REG("cmdline", proc_pid_cmdline, PROC_PID | PROC_MM),
	[PROC_PID_STAT]	   = REG("stat", proc_pid_stat, PROC_PID),
	[PROC_PID_STATM]   = REG("statm", proc_pid_statm, PROC_PID | PROC_MM),
	[PROC_PID_MAPS]	   = REG("maps", proc_pid_maps, PROC_PID | PROC_PTRACE | PROC_MM),
	[PROC_PID_CWD]	   = { "cwd", S_IFLNK | 0777, PROC_PID | PROC_PTRACE, NULL,
			       &proc_exe_link_iops, NULL },
	[PROC_PID_ROOT]	   = { "root", S_IFLNK | 0777, PROC_PID | PROC_PTRACE, NULL,
			       &proc_exe_link_iops, NULL },
	[PROC_PID_EXE]	   = { "exe", S_IFLNK | 0777, PROC_PID | PROC_PTRACE, NULL,
			       &proc_exe_link_iops, NULL },
	[PROC_PID_MOUNTS]  = REG("mounts", mounts_proc_show, PROC_PID),
	[PROC_PID_LOGINUID] = { "loginuid", S_IFREG | 0644, PROC_PID, proc_pid_loginuid, NULL,
				&proc_loginuid_ops },
	[PROC_FD_LINK]	   = { "", S_IFLNK | 0700, PROC_PID | PROC_PTRACE, NULL,
			       &proc_fd_link_iops, NULL },
};

/* ---- inodes ---- */

/* stat of any proc file: what the VFS filled, with proc's 1 KiB block (Linux's proc_fill_super
 * sets s_blocksize to 1024, so st_blksize says 1024 where tmpfs says the page). */
int proc_getattr(const struct path *p, struct kstat *st)
{
	st->blksize = 1024;
	return 0;
}

/* The files with nothing but their contents (no lookup, no link). */
static const struct inode_operations proc_file_iops = {
	.getattr = proc_getattr,
};

struct inode *proc_make_inode(struct super_block *sb, const struct proc_id *id,
			      struct task_struct *task)
{
	const struct proc_entry *e = &proc_entries[id->kind];
	struct proc_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);
	struct inode *inode = info ? new_inode(sb) : NULL;

	if (!inode) {
		kfree(info);
		return NULL;
	}
	info->id = *id;
	inode->i_private = info;
	inode->i_mode = e->mode;
	inode->i_op = e->iop ? e->iop : &proc_file_iops;
	inode->i_fop = e->fop ? e->fop : &proc_file_ops;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	if (id->kind == PROC_ROOT)
		inode->i_ino = PROC_ROOT_INO;
	if (S_ISDIR(e->mode))
		inode->i_nlink = 2;
	/* A process's files belong to who it runs as (Linux: the euid/egid, when dumpable). */
	if (task) {
		inode->i_uid = task->cred.euid;
		inode->i_gid = task->cred.egid;
	}
	return inode;
}

/* Look d's name up among proc_entries[first..last] and fill d: NULL (found or not), or an
 * ERR_PTR. base gives the pid fields of what is made. */
int proc_lookup_entry(struct inode *dir, struct dentry *d, unsigned int first, unsigned int last,
		      const struct proc_id *base, struct task_struct *task)
{
	for (unsigned int k = first; k <= last; k++) {
		struct proc_id id = *base;
		struct inode *inode;

		if (strcmp(proc_entries[k].name, d->d_name))
			continue;
		id.kind = k;
		inode = proc_make_inode(dir->i_sb, &id, task);
		if (!inode)
			return -ENOMEM;
		d_instantiate(d, inode);
		return 0;
	}
	return 0;	/* not there: d stays negative, the walk says ENOENT */
}

/* ---- readdir helpers ---- */

bool proc_emit(struct dir_context *ctx, const char *name, unsigned int kind, umode_t mode)
{
	/* No inode exists for an entry not looked up yet: a number that is stable per kind. */
	u64 ino = 0x1000 + kind;

	if (!ctx->actor(ctx, name, strlen(name), ctx->pos, ino, fs_umode_to_dtype(mode)))
		return false;
	ctx->pos++;
	return true;
}

bool proc_emit_dots(struct file *f, struct dir_context *ctx)
{
	struct dentry *d = f->f_path.dentry;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, file_inode(f)->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *parent = d && d->d_parent ? d->d_parent->d_inode : NULL;

		if (!ctx->actor(ctx, "..", 2, 1, parent ? parent->i_ino : PROC_ROOT_INO, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/* ---- /proc itself ---- */

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	struct proc_id base = { 0 };
	int err = proc_lookup_entry(dir, d, PROC_ROOT + 1, PROC_ROOT_LAST, &base, NULL);

	if (err)
		return ERR_PTR(err);
	if (d->d_inode)
		return NULL;
	return proc_pid_lookup(dir, d, flags);
}

static int proc_root_readdir(struct file *f, struct dir_context *ctx)
{
	if (!proc_emit_dots(f, ctx))
		return 0;
	while (ctx->pos >= 2 && ctx->pos < 2 + PROC_ROOT_LAST) {
		unsigned int k = ctx->pos - 2 + PROC_ROOT + 1;

		if (!proc_emit(ctx, proc_entries[k].name, k, proc_entries[k].mode))
			return 0;
	}
	return proc_pid_readdir(f, ctx);
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
	.getattr = proc_getattr,
};

static const struct file_operations proc_root_ops = {
	.iterate = proc_root_readdir,
	.llseek = generic_file_llseek,
};

/* pid dirs are numbered from PID_POS_BASE in readdir (base.c uses these). */
loff_t proc_pid_pos(pid_t pid)
{
	return PID_POS_BASE + pid;
}

/* /proc/mounts: a symlink to self/mounts, as Linux. Its target is constant. */
static const char *proc_mounts_get_link(struct dentry *d, struct inode *inode, struct path *jump)
{
	return "self/mounts";
}

static const struct inode_operations proc_mounts_link_iops = {
	.get_link = proc_mounts_get_link,
	.getattr = proc_getattr,
};

/* ---- generated files ---- */

static int proc_single_show(struct seq_file *m, void *v)
{
	struct proc_id id = proc_unpack(file_inode(m->file));
	const struct proc_entry *e = &proc_entries[id.kind];
	struct task_struct *task = NULL;
	int ret;

	if (e->flags & PROC_PID) {
		task = proc_get_task(&id);
		if (!task)
			return -ESRCH;	/* reaped since the open */
	}
	ret = e->show(m, task);
	if (task)
		put_task_struct(task);
	return ret;
}

int proc_single_open(struct inode *inode, struct file *f)
{
	struct proc_id id = proc_unpack(inode);
	const struct proc_entry *e = &proc_entries[id.kind];

	if (e->flags & PROC_PID) {
		struct task_struct *task = proc_get_task(&id);
		bool ok;

		if (!task)
			return -ENOENT;
		ok = !(e->flags & PROC_PTRACE) || proc_may_access(task);
		put_task_struct(task);
		if (!ok)
			return -EACCES;
	}
	return single_open(f, proc_single_show, NULL);
}

const struct file_operations proc_file_ops = {
	.open = proc_single_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- dentries ---- */

/* Still true? A process's names go with the process, fd/N with the descriptor. */
static int proc_d_revalidate(struct dentry *d, unsigned int flags)
{
	struct inode *inode = d->d_inode;
	struct proc_id id;
	struct task_struct *task;

	if (!inode)
		return 0;	/* a negative name may exist now (a new pid): look again */
	id = proc_unpack(inode);
	if (!(proc_entries[id.kind].flags & PROC_PID))
		return 1;
	task = proc_get_task(&id);
	if (!task)
		return 0;
	inode->i_uid = task->cred.euid;
	inode->i_gid = task->cred.egid;
	put_task_struct(task);
	if (id.kind == PROC_FD_LINK)
		return proc_fd_revalidate(inode, &id);
	return 1;
}

/* Nothing of procfs stays cached once unused: memory stays bounded by what is in use. */
static int proc_d_delete(const struct dentry *d)
{
	return 1;
}

static const struct dentry_operations proc_dentry_ops = {
	.d_revalidate = proc_d_revalidate,
	.d_delete = proc_d_delete,
};

/* ---- the file system type ---- */

/* The last reference to a proc inode: what it named goes with it. */
static void proc_evict_inode(struct inode *inode)
{
	struct proc_inode_info *info = inode->i_private;

	if (info) {
		kfree(info->link);
		kfree(info);
		inode->i_private = NULL;
	}
}

static const struct super_operations proc_sops = {
	.evict_inode = proc_evict_inode,
	.statfs = simple_statfs,	/* df /proc: zeros, as Linux's */
};

/* Every mount gets its own super_block (one pid namespace: they show the same); the
 * VFS's default end of a super_block (kill_sb NULL) frees it after the last umount. */
static struct super_block *proc_mount(const struct file_system_type *t, int flags,
				      const char *dev, const char *options)
{
	struct super_block *sb = sget_anon(t);
	struct proc_id id = { .kind = PROC_ROOT };
	struct inode *root;

	if (IS_ERR(sb))
		return sb;
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_op = &proc_sops;
	sb->s_d_op = &proc_dentry_ops;
	sb->s_next_ino = PROC_ROOT_INO + 1;
	root = proc_make_inode(sb, &id, NULL);
	if (root)
		sb->s_root = d_make_root(root);
	if (!sb->s_root) {	/* d_make_root dropped the root inode */
		free_anon_bdev(sb->s_dev);
		kfree(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.nodev = true,
	.mount = proc_mount,
};

void proc_root_init(void)
{
	if (register_filesystem(&proc_fs_type))
		pr_err("proc: cannot register the file system\n");
}
