// SPDX-License-Identifier: GPL-2.0
/*
 * exec: replace the current task's program (execve, execveat, and the kernel's own
 * kernel_execve for init).
 *
 * 1. The argument and environment strings are copied into a kernel buffer first
 *    (copy_strings: Linux's E2BIG and EFAULT rules), while the old program is intact.
 * 2. The file is found and checked (ENOENT, ENOTDIR, EACCES); a "#!" script names its
 *    interpreter, which is loaded instead with the script's path in its arguments
 *    (binfmt_script: interpreter, one optional argument, the path; up to
 *    BINPRM_MAX_RECURSION levels, then ELOOP).
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
#include <linux/fdtable.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
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

#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EMPTY_PATH		0x1000
#define PATH_MAX		4096

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
	n = vmalloc(cap);
	if (!n)
		return -ENOMEM;
	if (b->strings) {
		memcpy(n, b->strings, b->len);
		vfree(b->strings);
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
 * pages), less the pointers to them — Linux's rule.
 */
static int set_limit(struct linux_binprm *b)
{
	unsigned long limit = task_rlimit(current, RLIMIT_STACK) / 4;
	unsigned long ptrs = (max(b->argc, 1) + b->envc) * sizeof(void *);

	limit = min(limit, 6UL << 20);
	limit = max(limit, (unsigned long)ARG_MAX_MIN);
	if (limit <= ptrs)
		return -E2BIG;
	b->limit = limit - ptrs;
	return 0;
}

/*
 * Find the file to run: ENOENT when it is not there, ENOTDIR when a directory in the path
 * is a file, EACCES when it is a directory, not a regular file, or not executable.
 */
static int find_exec(const char *path, struct inode **out)
{
	char prefix[PATH_MAX];
	struct inode *i;

	if (!*path)
		return -ENOENT;
	for (const char *p = path + 1; *p; p++) {
		size_t n = p - path;

		if (*p != '/')
			continue;
		if (n >= sizeof(prefix))
			return -ENAMETOOLONG;
		memcpy(prefix, path, n);
		prefix[n] = '\0';
		i = ramfs_lookup(prefix);
		if (!i)
			return -ENOENT;
		if (!S_ISDIR(i->mode))
			return -ENOTDIR;
	}
	i = ramfs_lookup(path);
	if (!i)
		return path[strlen(path) - 1] == '/' ? -ENOENT : -ENOENT;
	if (path[strlen(path) - 1] == '/' && !S_ISDIR(i->mode))
		return -ENOTDIR;
	if (!S_ISREG(i->mode) || !(i->mode & 0111))
		return -EACCES;
	*out = i;
	return 0;
}

/*
 * "#!interpreter [argument]": the interpreter runs with argv = interpreter, the argument
 * (if any, as one word with everything after the first blank), the script's path, then the
 * script's own argv[1...]. 0 with the arguments rewritten, -ENOEXEC when this is not a
 * script, another error when the line is unusable.
 */
static int load_script(struct linux_binprm *b)
{
	const char *d = b->inode->data;
	size_t size = min(b->inode->size, (size_t)BINPRM_BUF_SIZE - 1);
	char *line = b->interp_buf, *interp, *arg = NULL, *end, *old;
	size_t old_len, argv0_len;
	int err;

	if (b->inode->size < 2 || d[0] != '#' || d[1] != '!')
		return -ENOEXEC;
	memcpy(line, d + 2, size - 2);
	line[size - 2] = '\0';
	end = strchr(line, '\n');
	if (end) {
		*end = '\0';
	} else if (b->inode->size > size) {
		/* No end of line in the first BINPRM_BUF_SIZE bytes: only a complete
		 * interpreter word will do (Linux's rule). */
		char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (!*p)
			return -ENOEXEC;
	}
	/* Trailing blanks go, leading ones before the interpreter too. */
	for (end = line + strlen(line); end > line && (end[-1] == ' ' || end[-1] == '\t'); )
		*--end = '\0';
	for (interp = line; *interp == ' ' || *interp == '\t'; interp++)
		;
	if (!*interp)
		return -ENOEXEC;
	for (end = interp; *end && *end != ' ' && *end != '\t'; end++)
		;
	if (*end) {
		*end++ = '\0';
		while (*end == ' ' || *end == '\t')
			end++;
		if (*end)
			arg = end;
	}
	/* Rebuild the strings: interp, [arg], filename, then argv[1..] and envp as they were. */
	old = b->strings;
	old_len = b->len;
	argv0_len = b->argc ? strlen(old) + 1 : 0;
	b->strings = NULL;
	b->len = b->cap = 0;
	err = add_kernel_string(b, interp);
	if (!err && arg)
		err = add_kernel_string(b, arg);
	if (!err)
		err = add_kernel_string(b, b->filename);
	if (!err)
		err = reserve_strings(b, old_len - argv0_len);
	if (!err) {
		memcpy(b->strings + b->len, old + argv0_len, old_len - argv0_len);
		b->len += old_len - argv0_len;
		b->argc += (arg ? 2 : 1) + (b->argc ? 0 : 1);
	}
	vfree(old);
	if (err)
		return err;
	b->interp = interp;
	return 0;
}

/* The other threads of the process end before the new program starts (Linux's de_thread). */
static void zap_other_threads(void)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;
	unsigned long flags;

	if (sig->nr_threads == 1)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	sig->flags |= SIGNAL_GROUP_EXIT;
	sig->group_exit_code = 0;
	list_for_each_entry(t, &sig->thread_head, thread_node) {
		if (t == current)
			continue;
		set_tsk_thread_flag(t, TIF_SIGPENDING);
		wake_up_state(t, TASK_INTERRUPTIBLE);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* Wait until every other thread is gone (a zombie leader counts as gone). */
	for (;;) {
		int others = 0;

		spin_lock_irqsave(&tasklist_lock, flags);
		list_for_each_entry(t, &sig->thread_head, thread_node)
			if (t != current && !t->exit_state)
				others++;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (!others)
			break;
		schedule();
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	sig->flags &= ~SIGNAL_GROUP_EXIT;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	exec_take_leadership();
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
	int err;

	b->interp = b->filename;
	for (;;) {
		err = find_exec(b->interp, &b->inode);
		if (err)
			return err;
		err = load_script(b);
		if (err == -ENOEXEC)
			break;
		if (err)
			return err;
		if (++b->recursion > BINPRM_MAX_RECURSION)
			return -ELOOP;
	}
	err = load_elf_binary(b);
	if (err)
		return err;

	/* Point of no return: the new image is complete. */
	zap_other_threads();
	old = current->mm;
	if (old)
		mm_release(current, old);
	current->mm = b->mm;
	switch_mm(old, b->mm);
	if (old)
		mmput(old);
	current->flags &= ~(PF_KTHREAD | PF_FORKNOEXEC);
	if (current->files && __atomic_load_n(&current->files->count, __ATOMIC_ACQUIRE) > 1) {
		struct files_struct *copy = dup_fd(current->files);

		if (copy) {		/* else keep sharing: Linux would fail before here */
			put_files_struct(current->files);
			current->files = copy;
		}
	}
	if (current->files)
		do_close_on_exec(current->files);
	set_comm(b->filename);
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_task_exec(current);
	start_thread(task_pt_regs(current), b->entry, b->sp, b->compat);
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
	if (b->strings)
		vfree(b->strings);
	kfree(b);
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct linux_binprm *b = alloc_bprm(filename);
	int err;

	if (!b)
		return -ENOMEM;
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
 * The path to run: dirfd and the user's path as execveat takes them (execve: AT_FDCWD).
 * Relative paths start at the root (there is no working directory yet) or at dirfd's
 * directory; AT_EMPTY_PATH with "" runs dirfd's own file.
 */
static int exec_path(int dfd, const char __user *upath, int flags, char *path)
{
	long n = strncpy_from_user(path, upath, PATH_MAX);
	struct file *f;

	if (n < 0)
		return -EFAULT;
	if (n >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!n && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (path[0] == '/' && n)
		return 0;
	if (dfd == AT_FDCWD) {
		memmove(path + 1, path, n + 1);
		path[0] = '/';
		return n + 1 < PATH_MAX ? 0 : -ENAMETOOLONG;
	}
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (!f->inode) {
		fput(f);
		return n ? -ENOTDIR : -EACCES;
	}
	if (!n) {			/* AT_EMPTY_PATH: the file itself */
		snprintf(path, PATH_MAX, "/%s", f->inode->name);
	} else if (!S_ISDIR(f->inode->mode)) {
		fput(f);
		return -ENOTDIR;
	} else {
		char rel[PATH_MAX];

		strlcpy(rel, path, sizeof(rel));
		if (snprintf(path, PATH_MAX, "/%s%s%s", f->inode->name, *f->inode->name ? "/" : "",
			     rel) >= PATH_MAX) {
			fput(f);
			return -ENAMETOOLONG;
		}
	}
	fput(f);
	return 0;
}

static long do_execveat(int dfd, const char __user *filename, struct user_arg_ptr argv,
			struct user_arg_ptr envp, int flags)
{
	struct linux_binprm *b;
	char *path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	path = kmalloc(PATH_MAX + 1, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	err = exec_path(dfd, filename, flags, path);
	if (err) {
		kfree(path);
		return err;
	}
	b = alloc_bprm(path);
	if (!b) {
		kfree(path);
		return -ENOMEM;
	}
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
