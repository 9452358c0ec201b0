/*
 * Between the files of fs/proc: what a proc inode stands for, the tables of entries, and
 * the helpers that reach the process an inode names.
 *
 * A proc inode keeps no pointer to a task. Its i_private packs which entry it is (an index
 * into proc_entries[]), the process (tgid), the thread (tid, 0 for a process-wide entry) and
 * for fd/N the descriptor. Every use looks the task up again by pid under tasklist_lock and
 * takes a reference (proc_get_task), so a process that exits and is reaped while its
 * directory is open simply stops being found: ESRCH from a read, ENOENT from a lookup.
 * Dentries are never kept cached (d_delete) and are checked on each walk (d_revalidate).
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>

#define PROC_SUPER_MAGIC	0x9fa0
#define PROC_ROOT_INO		1

/* What an entry needs (proc_entry.flags). */
#define PROC_PID	0x1	/* lives under /proc/<pid>: needs its task */
#define PROC_PTRACE	0x2	/* another user's process: EACCES (maps, fd/, exe) */
#define PROC_MM		0x4	/* show gets the task's mm too (maps, cmdline, statm) */

struct proc_entry {
	const char *name;
	umode_t mode;
	unsigned int flags;
	/* Regular files: print the whole file. task: the process (or thread), referenced;
	 * NULL for system-wide files. */
	int (*show)(struct seq_file *m, struct task_struct *task);
	const struct inode_operations *iop;	/* directories and links */
	const struct file_operations *fop;	/* directories and writable files */
};

/* Every kind of proc inode, one row each in proc_entries[] (root.c). */
enum proc_kind {
	PROC_ROOT,
	/* /proc's own entries, in readdir order (Linux lists them by name) */
	PROC_CPUINFO, PROC_FILESYSTEMS, PROC_LOADAVG, PROC_MEMINFO, PROC_MOUNTS, PROC_SELF,
	PROC_STAT, PROC_THREAD_SELF, PROC_UPTIME, PROC_VERSION,
	PROC_ROOT_LAST = PROC_VERSION,
	/* /proc/<pid>/ and /proc/<pid>/task/<tid>/ */
	PROC_PID_DIR, PROC_TID_DIR,
	PROC_PID_TASK, PROC_PID_FD, PROC_PID_STATUS, PROC_PID_COMM, PROC_PID_CMDLINE,
	PROC_PID_STAT, PROC_PID_STATM, PROC_PID_MAPS, PROC_PID_CWD, PROC_PID_ROOT, PROC_PID_EXE,
	PROC_PID_MOUNTS, PROC_PID_LOGINUID,
	PROC_PID_LAST = PROC_PID_LOGINUID,
	PROC_FD_LINK,		/* /proc/<pid>/fd/N */
	PROC_NR_KINDS
};

extern const struct proc_entry proc_entries[PROC_NR_KINDS];

/* What an inode names. */
struct proc_id {
	unsigned int kind;
	pid_t tgid;		/* 0: not under /proc/<pid> */
	pid_t tid;		/* 0: the process; else /proc/<tgid>/task/<tid> */
	int fd;			/* PROC_FD_LINK */
};

/*
 * A proc inode's i_private: what it names, and for fd/N and exe the text readlink shows,
 * made at the first readlink and kept while the inode lives (the VFS copies it out while it
 * holds the dentry); freed with the inode (proc_evict_inode).
 */
struct proc_inode_info {
	struct proc_id id;
	char *link;
};

static inline struct proc_id proc_unpack(const struct inode *inode)
{
	return ((const struct proc_inode_info *)inode->i_private)->id;
}

/* root.c */
struct inode *proc_make_inode(struct super_block *sb, const struct proc_id *id,
			      struct task_struct *task);
int proc_lookup_entry(struct inode *dir, struct dentry *d, unsigned int first, unsigned int last,
		      const struct proc_id *base, struct task_struct *task);
loff_t proc_pid_pos(pid_t pid);		/* a process's place in /proc's readdir */
bool proc_emit_dots(struct file *f, struct dir_context *ctx);
bool proc_emit(struct dir_context *ctx, const char *name, unsigned int kind, umode_t mode);
extern const struct file_operations proc_file_ops;
int proc_single_open(struct inode *inode, struct file *f);

/* base.c: the task a proc inode names (a reference: put_task_struct), or NULL when gone. */
struct task_struct *proc_get_task(const struct proc_id *id);
struct task_struct *get_pid_task_ref(pid_t pid);
bool proc_may_access(struct task_struct *task);	/* ptrace_may_access(READ_FSCREDS) */
struct mm_struct *get_task_mm(struct task_struct *task);	/* mmput() it */
int proc_fd_revalidate(struct inode *inode, const struct proc_id *id);	/* fd/N still open? */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, unsigned int flags);
int proc_pid_readdir(struct file *f, struct dir_context *ctx);	/* the pids in /proc */
extern const struct inode_operations proc_pid_dir_iops, proc_tid_dir_iops, proc_task_iops,
	proc_fd_iops, proc_fd_link_iops, proc_exe_link_iops;
extern const struct file_operations proc_pid_dir_ops, proc_tid_dir_ops, proc_task_ops,
	proc_fd_ops, proc_comm_ops;
extern const struct inode_operations proc_self_iops, proc_thread_self_iops;
int proc_getattr(const struct path *p, struct kstat *st);

/* task_mmu.c: an address space's sizes, in pages */
struct mm_figures {
	unsigned long vsize_pages, rss_pages, stack_pages, data_pages, text_pages;
};
struct mm_struct;
void mm_figures(struct mm_struct *mm, struct mm_figures *f);
/* The process's umask (status's Umask line). */
unsigned int task_umask(struct task_struct *task);

/* array.c, task_mmu.c: the files of /proc/<pid> */
int proc_pid_stat(struct seq_file *m, struct task_struct *task);
int proc_pid_status(struct seq_file *m, struct task_struct *task);
int proc_pid_statm(struct seq_file *m, struct task_struct *task);
int proc_pid_cmdline(struct seq_file *m, struct task_struct *task);
int proc_pid_comm(struct seq_file *m, struct task_struct *task);
int proc_pid_loginuid(struct seq_file *m, struct task_struct *task);
extern const struct file_operations proc_loginuid_ops;
int proc_pid_maps(struct seq_file *m, struct task_struct *task);

/* The system files */
int meminfo_proc_show(struct seq_file *m, struct task_struct *unused);
int cpuinfo_proc_show(struct seq_file *m, struct task_struct *unused);
int uptime_proc_show(struct seq_file *m, struct task_struct *unused);
int loadavg_proc_show(struct seq_file *m, struct task_struct *unused);
int stat_proc_show(struct seq_file *m, struct task_struct *unused);
int version_proc_show(struct seq_file *m, struct task_struct *unused);
int mounts_proc_show(struct seq_file *m, struct task_struct *unused);
int filesystems_proc_show(struct seq_file *m, struct task_struct *unused);

/* Clock ticks as user space counts them (USER_HZ, times(2), /proc/<pid>/stat). */
#define USER_HZ		100
static inline unsigned long long nsec_to_clock_t(u64 ns)
{
	return ns / (1000000000ULL / USER_HZ);
}

#endif
