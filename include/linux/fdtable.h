/*
 * A process's file descriptors: a table of open files, shared by the threads that cloned
 * with CLONE_FILES and copied by fork. An open file (struct file) counts its references:
 * each fd pointing at it, and each syscall using it between fget() and fput(), so a close
 * by another thread never frees a file under a call that is still using it.
 *
 * Locking: files->lock guards fd[] and close_on_exec; file->count is atomic. The table grows
 * (doubling, from NR_OPEN_DEFAULT) up to the process's RLIMIT_NOFILE; past it, EMFILE.
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/types.h>
#include <linux/spinlock.h>

struct file;

#define NR_OPEN_DEFAULT	64
#define NR_OPEN_MAX	(1024 * 1024)	/* Linux's fs.nr_open: no RLIMIT_NOFILE goes higher */

struct files_struct {
	int count;			/* tasks using this table (atomic) */
	spinlock_t lock;
	unsigned int max_fds;		/* slots in fd[] */
	struct file **fd;
	unsigned long *close_on_exec;	/* one bit per slot */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long cloexec_init[NR_OPEN_DEFAULT / (8 * sizeof(long))];
};

struct files_struct *alloc_files(void);
struct files_struct *dup_fd(struct files_struct *old);	/* fork: NULL when out of memory */
void put_files_struct(struct files_struct *files);	/* a task drops its table */
/* A descriptor of files closed: files' POSIX locks on f go (fs/locks.c), then fput(f). */
void filp_close(struct file *f, struct files_struct *files);
void do_close_on_exec(struct files_struct *files);

/* Install f (one reference given) at the lowest free fd >= start: the fd or -EMFILE/-ENOMEM. */
int fd_install_lowest(struct file *f, unsigned int start, bool cloexec);
/* The open file at fd with a reference taken (fput() it), or NULL. */
struct file *fget(unsigned int fd);
void fput(struct file *f);

/*
 * Linux's fdget/fdput for the calls that use a file for their own duration only (read,
 * write, pread, pwrite, getdents): when no other task shares the fd table (files->count is
 * 1), nobody but this task could close the fd meanwhile, and this task is in this call, so
 * the file is used without a reference; otherwise fget's. fdput drops what fdget took.
 */
#define FDPUT_FPUT	1
struct fd {
	struct file *file;
	unsigned int flags;
};
struct fd fdget(unsigned int fd);
static inline void fdput(struct fd f)
{
	if (f.flags & FDPUT_FPUT)
		fput(f.file);
}
bool fd_is_open(unsigned int fd);
/* FIOCLEX/FIONCLEX, fcntl F_SETFD: set (flag != 0) or clear fd's close-on-exec bit. */
void set_close_on_exec(unsigned int fd, int flag);
struct file *get_file(struct file *f);
/* Take fd out of the table and drop its reference: 0 or -EBADF. */
int close_fd(unsigned int fd);

/* dup2/dup3: put f (one reference given) at fd, closing what was there: fd, or -EBADF when
 * fd is past RLIMIT_NOFILE, or -ENOMEM (the reference is dropped on failure). */
int replace_fd(unsigned int fd, struct file *f, bool cloexec);
bool get_close_on_exec(unsigned int fd);
/* close_range: close (or, with cloexec, mark) the open fds in [fd, max_fd]. */
void close_fd_range(unsigned int fd, unsigned int max_fd, bool cloexec);
/* CLOSE_RANGE_UNSHARE: give current a private copy of a shared table: 0 or -ENOMEM. */
int unshare_fd(void);

#endif
