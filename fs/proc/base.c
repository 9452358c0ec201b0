// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/ and what is under it: finding the process an inode names, the permission
 * rule for another user's process, the per-process and per-thread directories (task/<tid>/
 * holds the same files for one thread), fd/ with one magic link per descriptor, exe, comm's
 * write, and the self and thread-self links.
 *
 * Locking: a task's mm and files pointers change under tasklist_lock (exit, exec), so
 * get_task_mm()/proc_get_files() take the reference under it, as Linux's task_lock does.
 */
#include "internal.h"
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <linux/fdtable.h>
#include <linux/mm_types.h>
#include <linux/cred.h>
#include <linux/fs_struct.h>

#define CAP_SYS_PTRACE	19

struct task_struct *get_pid_task_ref(pid_t pid)
{
	struct task_struct *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_by_pid(pid);
	if (t)
		__atomic_fetch_add(&t->usage, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

struct task_struct *proc_get_task(const struct proc_id *id)
{
	struct task_struct *t;
	unsigned long flags;

	if (!id->tgid)
		return NULL;
	spin_lock_irqsave(&tasklist_lock, flags);
	t = find_task_by_pid(id->tid ? id->tid : id->tgid);
	if (t && id->tid && t->tgid != id->tgid)
		t = NULL;	/* that thread id now belongs to another process */
	if (t)
		__atomic_fetch_add(&t->usage, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return t;
}

/*
 * Linux's ptrace_may_access(PTRACE_MODE_READ_FSCREDS) without ptrace itself: the caller's
 * own process, or a process whose real, effective and saved ids all are the caller's
 * filesystem ids, or a caller with CAP_SYS_PTRACE (root).
 */
bool proc_may_access(struct task_struct *task)
{
	const struct cred *me = &current->cred, *it = &task->cred;

	if (task->tgid == current->tgid)
		return true;
	if (me->fsuid == it->uid && me->fsuid == it->euid && me->fsuid == it->suid &&
	    me->fsgid == it->gid && me->fsgid == it->egid && me->fsgid == it->sgid)
		return true;
	return capable(CAP_SYS_PTRACE);
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	mm = task->mm;
	if (mm && (task->flags & PF_KTHREAD))
		mm = NULL;
	if (mm)
		mmget(mm);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return mm;
}

static struct files_struct *proc_get_files(struct task_struct *task)
{
	struct files_struct *files;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	files = task->files;
	if (files)
		__atomic_fetch_add(&files->count, 1, __ATOMIC_RELAXED);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return files;
}

/* The open file at fd in files, with a reference (fput), or NULL. */
static struct file *files_fget(struct files_struct *files, unsigned int fd)
{
	struct file *f = NULL;
	unsigned long flags;

	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds && files->fd[fd])
		f = get_file(files->fd[fd]);
	spin_unlock_irqrestore(&files->lock, flags);
	return f;
}

static struct file *proc_fd_file(const struct proc_id *id)
{
	struct task_struct *task = proc_get_task(id);
	struct files_struct *files;
	struct file *f = NULL;

	if (!task)
		return NULL;
	files = proc_get_files(task);
	put_task_struct(task);
	if (files) {
		f = files_fget(files, id->fd);
		put_files_struct(files);
	}
	return f;
}

/* A decimal name ("42", not "042" or "+42"): the number, or -1. */
static long proc_name_number(const char *s)
{
	long n = 0;

	if (!*s || (*s == '0' && s[1]))
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 100000000)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

/* ---- /proc/<pid> in /proc ---- */

struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	long pid = proc_name_number(d->d_name);
	struct proc_id id = { .kind = PROC_PID_DIR };
	struct task_struct *task;
	struct inode *inode;

	if (pid <= 0 || pid >= PID_MAX_DEFAULT)
		return NULL;
	id.tgid = pid;
	task = proc_get_task(&id);
	if (!task)
		return NULL;
	inode = proc_make_inode(dir->i_sb, &id, task);
	put_task_struct(task);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(d, inode);
	return NULL;
}

/*
 * The smallest pid >= from that is a live (or zombie) process's, or of a thread of tgid
 * when tgid is not 0 (task/); 0 when there is none. Under tasklist_lock, which readdir
 * cannot hold while it copies names to the user.
 */
static pid_t next_pid(pid_t from, pid_t tgid)
{
	struct task_struct *t;
	pid_t best = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process_thread(t) {
		if (t->pid < from || t->exit_state == EXIT_DEAD || t->pid == 0)
			continue;
		if (tgid ? t->tgid != tgid : !thread_group_leader(t))
			continue;
		if (!best || t->pid < best)
			best = t->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* readdir from ctx->pos on over processes (tgid 0) or one process's threads. */
static int readdir_pids(struct dir_context *ctx, pid_t tgid)
{
	loff_t base = proc_pid_pos(0);
	pid_t pid = ctx->pos > base ? ctx->pos - base : 1;

	while ((pid = next_pid(pid, tgid))) {
		char name[12];
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = base + pid;
		/* The number is what d_revalidate/lookup give; any stable value does. */
		if (!ctx->actor(ctx, name, len, ctx->pos, 0x10000 + pid, DT_DIR))
			return 0;
		pid++;
		ctx->pos = base + pid;
	}
	return 0;
}

int proc_pid_readdir(struct file *f, struct dir_context *ctx)
{
	if (ctx->pos < proc_pid_pos(0))
		ctx->pos = proc_pid_pos(0);
	return readdir_pids(ctx, 0);
}

/* ---- /proc/<pid>/ and /proc/<pid>/task/<tid>/ ---- */

static struct dentry *pid_dir_lookup_from(struct inode *dir, struct dentry *d, unsigned int first)
{
	struct proc_id id = proc_unpack(dir);
	struct task_struct *task = proc_get_task(&id);
	int err;

	if (!task)
		return ERR_PTR(-ENOENT);
	err = proc_lookup_entry(dir, d, first, PROC_PID_LAST, &id, task);
	put_task_struct(task);
	return err ? ERR_PTR(err) : NULL;
}

static struct dentry *proc_pid_dir_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	return pid_dir_lookup_from(dir, d, PROC_PID_TASK);
}

static struct dentry *proc_tid_dir_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	return pid_dir_lookup_from(dir, d, PROC_PID_TASK + 1);	/* no task/ in task/<tid> */
}

static int pid_dir_readdir_from(struct file *f, struct dir_context *ctx, unsigned int first)
{
	struct proc_id id = proc_unpack(file_inode(f));
	struct task_struct *task = proc_get_task(&id);

	if (!task)
		return -ENOENT;
	put_task_struct(task);
	if (!proc_emit_dots(f, ctx))
		return 0;
	while (ctx->pos >= 2 && ctx->pos - 2 <= PROC_PID_LAST - first) {
		unsigned int k = first + ctx->pos - 2;

		if (!proc_emit(ctx, proc_entries[k].name, k, proc_entries[k].mode))
			return 0;
	}
	return 0;
}

static int proc_pid_dir_readdir(struct file *f, struct dir_context *ctx)
{
	return pid_dir_readdir_from(f, ctx, PROC_PID_TASK);
}

static int proc_tid_dir_readdir(struct file *f, struct dir_context *ctx)
{
	return pid_dir_readdir_from(f, ctx, PROC_PID_TASK + 1);
}

const struct inode_operations proc_pid_dir_iops = {
	.lookup = proc_pid_dir_lookup, .getattr = proc_getattr,
};
const struct inode_operations proc_tid_dir_iops = {
	.lookup = proc_tid_dir_lookup, .getattr = proc_getattr,
};
const struct file_operations proc_pid_dir_ops = {
	.iterate = proc_pid_dir_readdir,
	.llseek = generic_file_llseek,
};
const struct file_operations proc_tid_dir_ops = {
	.iterate = proc_tid_dir_readdir,
	.llseek = generic_file_llseek,
};

/* ---- task/ ---- */

static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	struct proc_id id = proc_unpack(dir);
	long tid = proc_name_number(d->d_name);
	struct task_struct *task;
	struct inode *inode;

	if (tid <= 0 || tid >= PID_MAX_DEFAULT)
		return NULL;
	id.kind = PROC_TID_DIR;
	id.tid = tid;
	task = proc_get_task(&id);
	if (!task)
		return NULL;
	inode = proc_make_inode(dir->i_sb, &id, task);
	put_task_struct(task);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(d, inode);
	return NULL;
}

static int proc_task_readdir(struct file *f, struct dir_context *ctx)
{
	struct proc_id id = proc_unpack(file_inode(f));
	struct task_struct *task = proc_get_task(&id);

	if (!task)
		return -ENOENT;
	put_task_struct(task);
	if (!proc_emit_dots(f, ctx))
		return 0;
	if (ctx->pos < proc_pid_pos(0))
		ctx->pos = proc_pid_pos(0);
	return readdir_pids(ctx, id.tgid);
}

const struct inode_operations proc_task_iops = {
	.lookup = proc_task_lookup, .getattr = proc_getattr,
};
const struct file_operations proc_task_ops = {
	.iterate = proc_task_readdir,
	.llseek = generic_file_llseek,
};

/* ---- fd/ ---- */

/* fd/N's mode says how the file is open, as Linux's: r-x for reading, -wx for writing. */
static umode_t fd_link_mode(const struct file *f)
{
	umode_t mode = S_IFLNK;

	if (f->f_mode & FMODE_READ)
		mode |= 0500;
	if (f->f_mode & FMODE_WRITE)
		mode |= 0300;
	return mode;
}

int proc_fd_revalidate(struct inode *inode, const struct proc_id *id)
{
	struct file *f = proc_fd_file(id);

	if (!f)
		return 0;
	inode->i_mode = fd_link_mode(f);
	fput(f);
	return 1;
}

static struct dentry *proc_fd_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	struct proc_id id = proc_unpack(dir);
	long fd = proc_name_number(d->d_name);
	struct task_struct *task;
	struct inode *inode;
	struct file *f;

	if (fd < 0 || fd >= NR_OPEN_MAX)
		return NULL;
	id.kind = PROC_FD_LINK;
	id.fd = fd;
	f = proc_fd_file(&id);
	if (!f)
		return NULL;
	task = proc_get_task(&id);
	inode = task ? proc_make_inode(dir->i_sb, &id, task) : NULL;
	if (inode)
		inode->i_mode = fd_link_mode(f);
	if (task)
		put_task_struct(task);
	fput(f);
	if (!task)
		return NULL;
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(d, inode);
	return NULL;
}

static int proc_fd_readdir(struct file *file, struct dir_context *ctx)
{
	struct proc_id id = proc_unpack(file_inode(file));
	struct task_struct *task = proc_get_task(&id);
	struct files_struct *files;

	if (!task)
		return -ENOENT;
	files = proc_get_files(task);
	put_task_struct(task);
	if (!proc_emit_dots(file, ctx) || !files)
		goto out;
	for (unsigned int fd = ctx->pos - 2; fd < NR_OPEN_MAX; fd++) {
		struct file *f = files_fget(files, fd);
		char name[12];
		umode_t mode;
		int len;

		if (!f) {
			if (fd >= READ_ONCE(files->max_fds))
				break;
			continue;
		}
		mode = fd_link_mode(f);
		fput(f);
		len = snprintf(name, sizeof(name), "%u", fd);
		ctx->pos = fd + 2;
		if (!ctx->actor(ctx, name, len, ctx->pos, 0x20000 + fd, fs_umode_to_dtype(mode)))
			goto out;
		ctx->pos = fd + 3;
	}
out:
	if (files)
		put_files_struct(files);
	return 0;
}

const struct inode_operations proc_fd_iops = {
	.lookup = proc_fd_lookup, .getattr = proc_getattr,
};
const struct file_operations proc_fd_ops = {
	.iterate = proc_fd_readdir,
	.llseek = generic_file_llseek,
};

/*
 * What a magic link (fd/N, exe, cwd, root) leads to: a path (held), or for an open file with
 * no name (a pipe) only a text in Linux's form, "pipe:[ino]" or "anon_inode:[ino]".
 */
struct link_target {
	struct path path;	/* .dentry NULL: only the text */
	char anon[32];
};

static int file_target(struct file *f, struct link_target *t)
{
	struct inode *inode = file_inode(f);

	if (f->f_path.dentry) {
		t->path = f->f_path;
		path_get(&t->path);
	} else if (inode) {
		snprintf(t->anon, sizeof(t->anon), "%s:[%lu]",
			 S_ISFIFO(inode->i_mode) ? "pipe" : "anon_inode", inode->i_ino);
	} else {
		strlcpy(t->anon, "anon_inode:[0]", sizeof(t->anon));	/* no inode at all */
	}
	fput(f);
	return 0;
}

/* cwd and root: the process's fs_struct, read under tasklist_lock (exit swaps it there). */
static int fs_target(struct task_struct *task, bool root, struct link_target *t)
{
	unsigned long flags;
	int err = -ENOENT;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (task->fs) {
		if (root)
			get_fs_root(task->fs, &t->path);
		else
			get_fs_pwd(task->fs, &t->path);
		err = t->path.dentry ? 0 : -ENOENT;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* The target of the magic link inode, after the permission check: 0 or -errno. */
static int get_link_target(struct inode *inode, struct link_target *t)
{
	struct proc_id id = proc_unpack(inode);
	struct task_struct *task = proc_get_task(&id);
	struct file *f = NULL;
	int err = 0;

	memset(t, 0, sizeof(*t));
	if (!task)
		return -ENOENT;
	if (!proc_may_access(task))
		err = -EACCES;
	else if (id.kind == PROC_PID_CWD || id.kind == PROC_PID_ROOT)
		err = fs_target(task, id.kind == PROC_PID_ROOT, t);
	else if (id.kind == PROC_PID_EXE) {
		struct mm_struct *mm = get_task_mm(task);

		if (mm) {
			f = READ_ONCE(mm->exe_file);
			if (f)
				get_file(f);
			mmput(mm);
		}
		err = f ? file_target(f, t) : -ENOENT;
	} else {
		f = proc_fd_file(&id);
		err = f ? file_target(f, t) : -ENOENT;
	}
	put_task_struct(task);
	return err;
}

/* The text readlink shows, into buf (PATH_MAX bytes); drops t's path. */
static int target_text(struct link_target *t, char *buf)
{
	char *p;

	if (!t->path.dentry) {
		strlcpy(buf, t->anon, PATH_MAX);
		return 0;
	}
	p = d_path(&t->path, buf, PATH_MAX);
	path_put(&t->path);
	if (IS_ERR(p))
		return PTR_ERR(p);
	memmove(buf, p, strlen(p) + 1);
	return 0;
}

/*
 * readlink's text (get_link with no jump): made once per inode and kept in its info until
 * the inode goes, since the VFS copies it out after get_link returns. Two first readers
 * racing keep the first text stored.
 */
static const char *link_text(struct inode *inode, struct link_target *t)
{
	struct proc_inode_info *info = inode->i_private;
	char *buf, *text, *expected = NULL;
	int err;

	text = READ_ONCE(info->link);
	if (text) {
		if (t->path.dentry)
			path_put(&t->path);
		return text;
	}
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf) {
		if (t->path.dentry)
			path_put(&t->path);
		return ERR_PTR(-ENOMEM);
	}
	err = target_text(t, buf);
	text = err ? NULL : kmalloc(strlen(buf) + 1, GFP_KERNEL);
	if (text)
		memcpy(text, buf, strlen(buf) + 1);
	kfree(buf);
	if (!text)
		return ERR_PTR(err ? err : -ENOMEM);
	if (!__atomic_compare_exchange_n(&info->link, &expected, text, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE)) {
		kfree(text);
		text = expected;
	}
	return text;
}

/*
 * Following the link lands on the target itself (an open file's path, whatever its name is
 * now). A pipe has no path to continue from: ENOENT (Linux opens the pipe).
 */
static const char *proc_magic_get_link(struct dentry *d, struct inode *inode, struct path *jump)
{
	struct link_target t;
	int err = get_link_target(inode, &t);

	if (err)
		return ERR_PTR(err);
	if (!jump)
		return link_text(inode, &t);
	if (!t.path.dentry)
		return ERR_PTR(-ENOENT);
	*jump = t.path;		/* the reference moves to the walk */
	return NULL;
}

static int proc_magic_readlink(struct dentry *d, char __user *ubuf, int len)
{
	struct link_target t;
	char *buf;
	int err = get_link_target(d->d_inode, &t), n;

	if (err)
		return err;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf) {
		if (t.path.dentry)
			path_put(&t.path);
		return -ENOMEM;
	}
	err = target_text(&t, buf);
	if (!err) {
		n = strlen(buf);
		if (n > len)
			n = len;
		err = copy_to_user(ubuf, buf, n) ? -EFAULT : n;
	}
	kfree(buf);
	return err;
}

const struct inode_operations proc_fd_link_iops = {
	.get_link = proc_magic_get_link,
	.readlink = proc_magic_readlink,
	.getattr = proc_getattr,
};
const struct inode_operations proc_exe_link_iops = {
	.get_link = proc_magic_get_link,
	.readlink = proc_magic_readlink,
	.getattr = proc_getattr,
};

/* ---- comm: readable by all, writable by the process itself ---- */

int proc_pid_comm(struct seq_file *m, struct task_struct *task)
{
	char comm[TASK_COMM_LEN];

	memcpy(comm, task->comm, sizeof(comm));
	comm[TASK_COMM_LEN - 1] = 0;
	seq_printf(m, "%s\n", comm);
	return 0;
}

/* Linux keeps the bytes as written (a trailing newline too), cut to 15. */
static ssize_t comm_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	struct proc_id id = proc_unpack(file_inode(f));
	struct task_struct *task = proc_get_task(&id);
	char comm[TASK_COMM_LEN] = { 0 };
	ssize_t ret = len;

	if (!task)
		return -ESRCH;
	if (copy_from_user(comm, buf, min(len, sizeof(comm) - 1)))
		ret = -EFAULT;
	else if (task->tgid != current->tgid)
		ret = -EINVAL;
	else
		memcpy(task->comm, comm, sizeof(comm));
	put_task_struct(task);
	return ret;
}

const struct file_operations proc_comm_ops = {
	.open = proc_single_open,
	.read = seq_read,
	.write = comm_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/*
 * ---- loginuid: who logged in, for audit ----
 *
 * Linux with audit (Debian's kernels) gives every task a login uid, unset (4294967295) from
 * boot and inherited across fork; login programs set it once. Ferry has no audit log, but
 * the file behaves as Linux 6.1's: read as "%u" without a newline (busybox su reads it
 * before it falls back to the terminal's name); written only by the thread itself, the
 * whole number in one write from offset 0; once set, changing it again needs
 * CAP_AUDIT_CONTROL (root here).
 */
int proc_pid_loginuid(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%u", READ_ONCE(task->loginuid));
	return 0;
}

static ssize_t loginuid_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	struct proc_id id = proc_unpack(file_inode(f));
	char text[35] = { 0 };		/* Linux's kstrtou32_from_user reads at most 34 bytes */
	unsigned long long uid;

	/* /proc/<pid>/loginuid is the thread-group leader's; task/<tid>/loginuid that thread's */
	if ((id.tid ? id.tid : id.tgid) != current->pid)
		return -EPERM;
	if (*pos != 0)
		return -EINVAL;			/* no partial writes */
	if (copy_from_user(text, buf, min(len, sizeof(text) - 1)))
		return -EFAULT;
	if (text[0] == '-' || kstrtoull(text + (text[0] == '+'), 10, &uid))
		return -EINVAL;
	if (uid > 0xffffffffULL)
		return -ERANGE;
	if (current->loginuid != (uid_t)-1 && !capable(CAP_AUDIT_CONTROL))
		return -EPERM;
	WRITE_ONCE(current->loginuid, (uid_t)uid);
	return len;
}

const struct file_operations proc_loginuid_ops = {
	.open = proc_single_open,
	.read = seq_read,
	.write = loginuid_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/* ---- self and thread-self ---- */

/*
 * Their targets depend on who looks, so the text lives in the looking task (proc_link):
 * only that task's own walk reads it, and it stays the same for the whole walk.
 */
static const char *proc_self_get_link(struct dentry *d, struct inode *inode, struct path *jump)
{
	if (!current->tgid)
		return ERR_PTR(-ENOENT);	/* a kernel thread of the idle process */
	snprintf(current->proc_link, sizeof(current->proc_link), "%d", current->tgid);
	return current->proc_link;
}

static const char *proc_thread_self_get_link(struct dentry *d, struct inode *inode,
					     struct path *jump)
{
	if (!current->tgid)
		return ERR_PTR(-ENOENT);
	snprintf(current->proc_link, sizeof(current->proc_link), "%d/task/%d",
		 current->tgid, current->pid);
	return current->proc_link;
}

const struct inode_operations proc_self_iops = {
	.get_link = proc_self_get_link, .getattr = proc_getattr,
};
const struct inode_operations proc_thread_self_iops = {
	.get_link = proc_thread_self_get_link, .getattr = proc_getattr,
};

/* The process's umask, for status (fs_struct keeps it; 0022 if the task has none). */
unsigned int task_umask(struct task_struct *task)
{
	unsigned int umask = 0022;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (task->fs)
		umask = READ_ONCE(task->fs->umask);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return umask;
}
