// SPDX-License-Identifier: GPL-2.0
/*
 * exec: replace the current task's program (execve, execveat, and the kernel's own
 * kernel_execve for init).
 *
 * 1. The file is found and checked (ENOENT, ENOTDIR, EACCES), then the argument and
 *    environment strings are copied into a kernel buffer (copy_strings: Linux's E2BIG and
 *    EFAULT rules, the path counted too), while the old program is intact: Linux's order,
 *    so a missing file with a bad argv is ENOENT.
 * 2. A "#!" script names its interpreter, which is loaded instead with the script's path in
 *    its arguments (binfmt_script: interpreter, one optional argument, the path; five
 *    scripts may lead to a program, a sixth is ELOOP).
 * 3. The new address space is built completely (fs/binfmt_elf.c); any failure so far
 *    returns to the caller as it was.
 * 4. The point of no return: the other threads of the process end, the old address space
 *    goes (a vfork parent is released), close-on-exec files close, and the task starts the
 *    new program when it next returns to user mode, from the registers start_thread() put
 *    in its pt_regs, with fresh thread pointers and FP state.
 */
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/err.h>
#include "internal.h"
#include <linux/fdtable.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/syscall_trace.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/resource.h>
#include <asm/elf.h>
#include <linux/mmu_context.h>
#include <linux/mm.h>


/* A user argv/envp: an array of native or (32-bit caller) compat pointers. */
struct user_arg_ptr {
	const void __user *p;
	bool compat;
};

static int get_arg_ptr(struct user_arg_ptr a, int i, const char __user **out)
{
	if (a.compat) {
		compat_uptr_t u;

		if (get_user(u, (const compat_uptr_t __user *)a.p + i))
			return -EFAULT;
		*out = compat_ptr(u);
		return 0;
	}
	return get_user(*out, (const char __user *const __user *)a.p + i) ? -EFAULT : 0;
}

/* The number of strings in a NULL-terminated array; a NULL array has none. */
static int count_args(struct user_arg_ptr a)
{
	int n = 0;

	if (!a.p)
		return 0;
	for (;;) {
		const char __user *s;

		if (get_arg_ptr(a, n, &s))
			return -EFAULT;
		if (!s)
			return n;
		if (++n >= MAX_ARG_STRINGS)
			return -E2BIG;
	}
}

/*
 * The strings' buffer: a few pages from kmalloc (the common case, a few hundred bytes of
 * arguments: vmalloc would map, zero and later unmap and flush a page for them), vmalloc
 * beyond that or when no contiguous pages are free.
 */
#define STRINGS_KMALLOC_MAX	(4 * PAGE_SIZE)

static void *strings_alloc(size_t size)
{
	void *p = size <= STRINGS_KMALLOC_MAX ? kmalloc(size, GFP_KERNEL) : NULL;

	return p ? p : vmalloc(size);
}

static void strings_free(void *p)
{
	if (p && is_vmalloc_addr((unsigned long)p))
		vfree(p);
	else
		kfree(p);
}

/* Room for len more bytes of strings, within the limit. */
static int reserve_strings(struct linux_binprm *b, size_t len)
{
	size_t cap;
	char *n;

	if (b->len + len > b->limit)
		return -E2BIG;
	if (b->len + len <= b->cap)
		return 0;
	cap = max(b->cap * 2, PAGE_ALIGN(b->len + len));
	n = strings_alloc(cap);
	if (!n)
		return -ENOMEM;
	if (b->strings) {
		memcpy(n, b->strings, b->len);
		strings_free(b->strings);
	}
	b->strings = n;
	b->cap = cap;
	return 0;
}

static int add_kernel_string(struct linux_binprm *b, const char *s)
{
	size_t n = strlen(s) + 1;
	int err = reserve_strings(b, n);

	if (err)
		return err;
	memcpy(b->strings + b->len, s, n);
	b->len += n;
	return 0;
}

/* Append the user strings of a (count of them) to the buffer. */
static int copy_strings(struct linux_binprm *b, struct user_arg_ptr a, int count)
{
	for (int i = 0; i < count; i++) {
		const char __user *s;
		long len;
		int err;

		if (get_arg_ptr(a, i, &s))
			return -EFAULT;
		len = strnlen_user(s, MAX_ARG_STRLEN);
		if (!len)
			return -EFAULT;
		if (len > MAX_ARG_STRLEN)
			return -E2BIG;
		err = reserve_strings(b, len);
		if (err)
			return err;
		if (strncpy_from_user(b->strings + b->len, s, len) != len - 1)
			return -EFAULT;		/* changed under us, or unreadable now */
		b->strings[b->len + len - 1] = '\0';
		b->len += len;
	}
	return 0;
}

/*
 * How much the strings may take: a quarter of the stack limit (at most 6 MiB, at least 32
 * pages), less the pointers to them (the kernel's width, for 32-bit programs too) and the
 * path with its NUL, which Linux copies onto the new stack before them (AT_EXECFN points
 * at it). Measured on Linux: strings, pointers and path of exactly the limit run, one byte
 * more is E2BIG.
 */
static int set_limit(struct linux_binprm *b)
{
	unsigned long limit = task_rlimit(current, RLIMIT_STACK) / 4;
	unsigned long ptrs = (max(b->argc, 1) + b->envc) * sizeof(void *);
	unsigned long path = strlen(b->filename) + 1;

	limit = min(limit, 6UL << 20);
	limit = max(limit, (unsigned long)ARG_MAX_MIN);
	if (limit <= ptrs + path)
		return -E2BIG;
	b->limit = limit - ptrs - path;
	return 0;
}

/* Let go of the file being loaded: its write denial, then the reference. */
static void exec_put_file(struct linux_binprm *b)
{
	if (b->file) {
		allow_write_access(b->file);
		fput(b->file);
	}
	b->file = NULL;
	b->size = 0;
}

/*
 * The loader reads only the start of the file (Linux's prepare_binprm): BINPRM_BUF_SIZE
 * bytes, enough for a "#!" line and an ELF header. The ELF loader reads the program headers
 * itself and maps the segments from the file's pages (fs/binfmt_elf.c); nothing else of the
 * file is copied. b->size keeps the file's size for the loaders' range checks.
 */
static int exec_read_header(struct linux_binprm *b)
{
	loff_t pos = 0, size = file_inode(b->file)->i_size;
	ssize_t n;

	memset(b->buf, 0, sizeof(b->buf));
	n = kernel_read(b->file, b->buf, size < BINPRM_BUF_SIZE ? (size_t)size : BINPRM_BUF_SIZE, &pos);
	if (n < 0)
		return n;
	b->size = size;
	b->buf_len = n;
	return 0;
}

/*
 * Find and open the file to run, as Linux's do_open_execat: the walk's errors (ENOENT,
 * ENOTDIR, ELOOP, ENAMETOOLONG, EACCES on a directory searched), then EACCES when it is not
 * a regular file, sits on a noexec mount, or has no execute permission for the caller.
 * Reading it needs no read permission. AT_SYMLINK_NOFOLLOW refuses a final symlink (ELOOP).
 */
static int find_exec(int dfd, const char *path, int flags, struct linux_binprm *b)
{
	unsigned int lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct inode *inode;
	struct file *f;
	struct path p;
	int err;

	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = kern_path_at(dfd, path, lookup, &p);
	if (err)
		return err;
	inode = p.dentry->d_inode;
	if (S_ISLNK(inode->i_mode))
		err = -ELOOP;
	else if (!S_ISREG(inode->i_mode) || (p.mnt->mnt_flags & MNT_NOEXEC))
		err = -EACCES;
	else
		err = inode_permission(inode, MAY_EXEC);
	if (err) {
		path_put(&p);
		return err;
	}
	f = alloc_file(&p, inode, inode->i_fop, O_RDONLY | O_LARGEFILE);
	path_put(&p);
	if (IS_ERR(f))
		return PTR_ERR(f);
	f->f_mode |= FMODE_EXEC;
	/* A file open for writing cannot run (Linux's deny_write_access): ETXTBSY. */
	err = deny_write_access(f);
	if (err) {
		fput(f);
		return err;
	}
	exec_put_file(b);
	b->file = f;
	err = exec_read_header(b);
	if (err)
		exec_put_file(b);
	return err;
}

/*
 * A program named "/dev/fd/N..." by execveat whose descriptor N closes at exec: the
 * interpreter of a script could not open that path in the new program, so Linux refuses
 * such a script up front (ENOENT) rather than start an interpreter that cannot read it.
 */
static bool path_inaccessible(const char *name)
{
	struct files_struct *files = current->files;
	unsigned long flags, fd = 0;
	const char *p = name + 8;
	bool closes = false;

	if (strncmp(name, "/dev/fd/", 8) || !files || *p < '0' || *p > '9')
		return false;
	while (*p >= '0' && *p <= '9' && fd < NR_OPEN_MAX)
		fd = fd * 10 + *p++ - '0';
	spin_lock_irqsave(&files->lock, flags);
	if (fd < files->max_fds)
		closes = files->close_on_exec[fd / (8 * sizeof(long))] &
			 (1UL << (fd % (8 * sizeof(long))));
	spin_unlock_irqrestore(&files->lock, flags);
	return closes;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * "#!interpreter [argument]", read as Linux's binfmt_script reads it: from the first
 * BINPRM_BUF_SIZE (256) bytes of the file, the line up to its newline or, with none there,
 * up to byte 255 — unless the interpreter's name itself runs to that point, which is
 * ENOEXEC (it would be cut). Blanks (space, tab) around go; the interpreter ends at the first
 * blank or NUL, and everything after the blanks that follow it is the one argument, inner
 * blanks and all. An empty name (the file is "#!" alone) is the working directory, which
 * cannot be run: EACCES, as on Linux. The interpreter then runs with argv = interpreter,
 * the argument (if any), the script's path (as the caller named it; for a script reached
 * through another, its name in that script), then the script's own argv[1...].
 * 0 with the arguments rewritten, -ENOEXEC when this is not a script, another error when
 * the line is unusable.
 */
static int load_script(struct linux_binprm *b)
{
	const char *d = b->buf;
	char *buf = b->interp_buf, *last = buf + BINPRM_BUF_SIZE - 1;
	char *end, *name, *sep, *arg = NULL, *old;
	char prev[BINPRM_BUF_SIZE];
	const char *script = b->interp;
	size_t old_len, argv0_len;
	int err;

	if (b->buf_len < 2 || d[0] != '#' || d[1] != '!')
		return -ENOEXEC;
	if (script != b->filename) {	/* it points into buf, about to be overwritten */
		strlcpy(prev, script, sizeof(prev));
		script = prev;
	}
	memset(buf, 0, BINPRM_BUF_SIZE);
	memcpy(buf, d, b->buf_len);
	end = memchr(buf, '\n', BINPRM_BUF_SIZE);
	if (!end) {
		char *p = buf + 2;

		while (p < last && blank(*p))
			p++;
		if (p == last)
			return -ENOEXEC;	/* nothing but blanks */
		while (p < last && *p && !blank(*p))
			p++;
		if (p == last)
			return -ENOEXEC;	/* the name may go on past what was read */
		end = last;
	}
	while (end > buf + 2 && blank(end[-1]))
		end--;
	*end = '\0';
	for (name = buf + 2; blank(*name); name++)
		;
	if (name == end)
		return -ENOEXEC;
	for (sep = name; sep < end && *sep && !blank(*sep); sep++)
		;
	if (sep < end && *sep) {
		*sep = '\0';
		for (arg = sep + 1; arg < end && blank(*arg); arg++)
			;
		if (arg == end)
			arg = NULL;
	}
	if (script == b->filename && path_inaccessible(b->filename))
		return -ENOENT;
	/* Rebuild the strings: interp, [arg], script, then argv[1..] and envp as they were. */
	old = b->strings;
	old_len = b->len;
	argv0_len = b->argc ? strlen(old) + 1 : 0;
	b->strings = NULL;
	b->len = b->cap = 0;
	err = add_kernel_string(b, name);
	if (!err && arg)
		err = add_kernel_string(b, arg);
	if (!err)
		err = add_kernel_string(b, script);
	if (!err)
		err = reserve_strings(b, old_len - argv0_len);
	if (!err) {
		memcpy(b->strings + b->len, old + argv0_len, old_len - argv0_len);
		b->len += old_len - argv0_len;
		b->argc += (arg ? 2 : 1) + (b->argc ? 0 : 1);
	}
	strings_free(old);
	if (err)
		return err;
	b->interp = name;
	return 0;
}

/*
 * The other threads of the process end before the new program starts (Linux's de_thread):
 * signal->group_exec_task names the exec'ing thread, and each other thread exits when it
 * sees that on its way to user mode (do_signal). -EAGAIN when the process is already ending
 * (exit_group, a fatal signal, another thread's exec): this thread then ends with it. A
 * kill that comes while it waits marks the process as ending as usual, and ends the wait.
 */
static int de_thread(void)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;
	unsigned long flags;
	int err = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -EAGAIN;
	}
	if (sig->nr_threads == 1) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	}
	sig->group_exec_task = current;
	signal_wake_others(sig, current);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* Wait until every other thread is gone (a zombie leader counts as gone). */
	for (;;) {
		int others = 0;

		spin_lock_irqsave(&tasklist_lock, flags);
		if (sig->flags & SIGNAL_GROUP_EXIT)
			err = -EAGAIN;
		list_for_each_entry(t, &sig->thread_head, thread_node)
			if (t != current && !t->exit_state)
				others++;
		if (err || !others)
			sig->group_exec_task = NULL;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (err)
			return err;
		if (!others)
			break;
		schedule();
	}
	exec_take_leadership();
	return 0;
}

static void set_comm(const char *path)
{
	const char *base = strrchr(path, '/');

	strlcpy(current->comm, base ? base + 1 : path, sizeof(current->comm));
}

/* Replace the program: steps 2-4 above. The strings are in b already. */
static int bprm_execve(struct linux_binprm *b)
{
	struct mm_struct *old;
	unsigned long flags;
	int err;

	/*
	 * b->file is the file the caller named. Each script hands over to its interpreter,
	 * which is looked up (relative to the working directory, as Linux's open_exec) before
	 * the depth is counted: Linux lets five scripts lead to a program and refuses a sixth
	 * with ELOOP, whatever its interpreter is (measured: a chain of five runs, of six not).
	 */
	b->interp = b->filename;
	for (;;) {
		err = load_script(b);
		if (err == -ENOEXEC)
			break;
		if (err)
			return err;
		err = find_exec(AT_FDCWD, *b->interp ? b->interp : ".", 0, b);
		if (err)
			return err;
		if (++b->recursion > BINPRM_MAX_RECURSION + 1)
			return -ELOOP;
	}
	err = load_elf_binary(b);
	if (err)
		return err;
	err = de_thread();
	if (!err)
		err = unshare_sighand(current);	/* handlers of its own (Linux's order) */
	if (err) {
		mmput(b->mm);
		b->mm = NULL;
		return err;
	}

	/* Point of no return: the new image is complete, this is the only thread. */
	/* /proc/<pid>/exe: the program (or interpreter); while an mm names it, it cannot be
	 * opened for writing (ETXTBSY), as Linux 6.1's set_mm_exe_file. */
	deny_write_access(b->file);		/* cannot fail: b holds a denial already */
	b->mm->exe_file = get_file(b->file);
	old = current->mm;
	if (old)
		mm_release(current, old);
	spin_lock_irqsave(&tasklist_lock, flags);	/* procfs reads another task's mm under it */
	current->mm = b->mm;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	switch_mm(old, b->mm);
	if (old)
		mmput(old);
	current->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC);
	if (current->files && __atomic_load_n(&current->files->count, __ATOMIC_ACQUIRE) > 1) {
		struct files_struct *copy = dup_fd(current->files);

		if (copy) {		/* else keep sharing: Linux would fail before here */
			struct files_struct *shared = current->files;

			spin_lock_irqsave(&tasklist_lock, flags);
			current->files = copy;
			spin_unlock_irqrestore(&tasklist_lock, flags);
			put_files_struct(shared);
		}
	}
	if (current->files)
		do_close_on_exec(current->files);
	exec_signals();		/* caught signals back to SIG_DFL; the mask and pending stay */
	set_comm(b->filename);
	start_thread(task_pt_regs(current), b->entry, b->sp, b->compat);
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_task_exec(current, b->compat);	/* the new image's name and ABI */
	return 0;
}

static struct linux_binprm *alloc_bprm(const char *filename)
{
	struct linux_binprm *b = kzalloc(sizeof(*b), GFP_KERNEL);

	if (b)
		b->filename = filename;
	return b;
}

static void free_bprm(struct linux_binprm *b)
{
	strings_free(b->strings);
	exec_put_file(b);
	kfree(b);
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct linux_binprm *b = alloc_bprm(filename);
	int err;

	if (!b)
		return -ENOMEM;
	err = find_exec(AT_FDCWD, filename, 0, b);
	if (err) {
		free_bprm(b);
		return err;
	}
	while (argv && argv[b->argc])
		b->argc++;
	while (envp && envp[b->envc])
		b->envc++;
	err = set_limit(b);
	for (int i = 0; !err && i < b->argc; i++)
		err = add_kernel_string(b, argv[i]);
	for (int i = 0; !err && i < b->envc; i++)
		err = add_kernel_string(b, envp[i]);
	if (!err)
		err = bprm_execve(b);
	free_bprm(b);
	return err;
}

/*
 * The path to run, from execveat's dirfd, path and flags (execve: AT_FDCWD, 0), in Linux's
 * order: the path is copied (EFAULT, ENAMETOOLONG; "" is ENOENT without AT_EMPTY_PATH),
 * then the flags are checked (EINVAL), then dirfd (EBADF, ENOTDIR). Two names come out:
 * 'path', the name as given, which the walk resolves from dirfd (find_exec), and 'name',
 * the program's name as Linux gives it to the new program (AT_EXECFN, a script's
 * interpreter, the comm): the path as given when it is absolute or relative to the working
 * directory, else "/dev/fd/N/path", or "/dev/fd/N" for AT_EMPTY_PATH with "".
 */
static int exec_path(int dfd, const char __user *upath, int flags, char *path, char *name)
{
	long n = strncpy_from_user(path, upath, PATH_MAX);
	struct file *f;
	int err = 0;

	if (n < 0)
		return -EFAULT;
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!n && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (n && (path[0] == '/' || dfd == AT_FDCWD)) {
		memcpy(name, path, n + 1);
		return 0;
	}
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (!f->f_path.dentry)
		err = n ? -ENOTDIR : -EACCES;
	else if (!n)		/* AT_EMPTY_PATH: the file itself */
		snprintf(name, PATH_MAX + 1, "/dev/fd/%d", dfd);
	else if (!S_ISDIR(f->f_inode->i_mode))
		err = -ENOTDIR;
	else if (snprintf(name, PATH_MAX + 1, "/dev/fd/%d/%s", dfd, path) > PATH_MAX)
		err = -ENAMETOOLONG;
	fput(f);
	return err;
}

static long do_execveat(int dfd, const char __user *filename, struct user_arg_ptr argv,
			struct user_arg_ptr envp, int flags)
{
	struct linux_binprm *b;
	char *path, *name;
	long err;

	path = kmalloc(2 * (PATH_MAX + 1), GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	name = path + PATH_MAX + 1;
	err = exec_path(dfd, filename, flags, path, name);
	if (err) {
		kfree(path);
		return err;
	}
	b = alloc_bprm(name);
	if (!b) {
		kfree(path);
		return -ENOMEM;
	}
	/* The file first (ENOENT, ENOTDIR, EACCES), then the strings, as Linux opens it first. */
	err = find_exec(dfd, path, flags, b);
	if (!err)
		err = b->argc = count_args(argv);
	if (err >= 0)
		err = b->envc = count_args(envp);
	if (err >= 0)
		err = set_limit(b);
	/* Linux gives a program started with an empty argv an argv[0] of "" (since 5.18). */
	if (!err && !b->argc) {
		err = add_kernel_string(b, "");
		b->argc = 1;
	} else if (!err) {
		err = copy_strings(b, argv, b->argc);
	}
	if (!err)
		err = copy_strings(b, envp, b->envc);
	if (!err)
		err = bprm_execve(b);
	free_bprm(b);
	kfree(path);
	return err;
}

SYSCALL_DEFINE3(execve, const char __user *, filename, const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	return do_execveat(AT_FDCWD, filename, (struct user_arg_ptr){ argv, false },
			   (struct user_arg_ptr){ envp, false }, 0);
}

SYSCALL_DEFINE5(execveat, int, fd, const char __user *, filename,
		const char __user *const __user *, argv, const char __user *const __user *, envp,
		int, flags)
{
	return do_execveat(fd, filename, (struct user_arg_ptr){ argv, false },
			   (struct user_arg_ptr){ envp, false }, flags);
}

COMPAT_SYSCALL_DEFINE3(execve, const char __user *, filename, const compat_uptr_t __user *, argv,
		       const compat_uptr_t __user *, envp)
{
	return do_execveat(AT_FDCWD, filename, (struct user_arg_ptr){ argv, true },
			   (struct user_arg_ptr){ envp, true }, 0);
}

COMPAT_SYSCALL_DEFINE5(execveat, int, fd, const char __user *, filename,
		       const compat_uptr_t __user *, argv, const compat_uptr_t __user *, envp,
		       int, flags)
{
	return do_execveat(fd, filename, (struct user_arg_ptr){ argv, true },
			   (struct user_arg_ptr){ envp, true }, flags);
}
