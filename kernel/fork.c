// SPDX-License-Identifier: GPL-2.0
/*
 * Creating tasks: clone, clone3, fork, vfork and kernel threads, all through kernel_clone().
 *
 * copy_process() builds the child completely — task_struct and kernel stack, credentials,
 * file table, address space, thread group, pid, kernel context (copy_thread) — before it
 * links it into the task list under tasklist_lock; nothing can see a half-made task, and a
 * failure undoes exactly what was done. The child first runs in ret_from_fork, returning 0
 * from the same syscall in user mode (a kernel thread runs its function instead).
 *
 * Bounds: max_threads tasks in all (from memory and the kernel-stack area, as Linux derives
 * threads-max from memory), and per user RLIMIT_NPROC processes (root is exempt, as
 * CAP_SYS_RESOURCE exempts it on Linux); both are EAGAIN, a failed allocation ENOMEM.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/selfcheck.h>
#include <linux/smp.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/vmalloc.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/gfp.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/signal.h>
#include <linux/entry-common.h>
#include <linux/jiffies.h>
#include <linux/syscall_trace.h>

DEFINE_SPINLOCK(tasklist_lock);
int nr_threads = 1;		/* the idle task */
int max_threads;
unsigned long total_forks;	/* under tasklist_lock */

/* A new task's reference count: one for being linked in (dropped when it is reaped), one
 * for running (dropped after its last switch away, finish_task_switch). */
static void free_task(struct task_struct *t)
{
	kfree(t->trace_call);
	free_kernel_stack(t->stack);
	kfree(t);
}

void put_task_struct(struct task_struct *t)
{
	if (__atomic_sub_fetch(&t->usage, 1, __ATOMIC_ACQ_REL) == 0)
		free_task(t);
}

/* The kernel stacks Linux would allow (8 stacks' worth of memory per task), and no more
 * than the stack area holds. */
void fork_init(void)
{
	unsigned long by_memory = nr_total_pages() / (8 * (THREAD_SIZE / PAGE_SIZE));

	max_threads = min(by_memory, (unsigned long)(KERNEL_STACK_SLOTS - NR_CPUS));
	if (max_threads < 20)
		max_threads = 20;
	init_task_rlimits(init_task.signal);
}

static struct task_struct *dup_task_struct(struct task_struct *orig)
{
	struct task_struct *t = kmalloc(sizeof(*t), GFP_KERNEL);
	void *stack;

	if (!t)
		return NULL;
	stack = alloc_kernel_stack();
	if (!stack) {
		kfree(t);
		return NULL;
	}
	*t = *orig;
	t->stack = stack;
	return t;
}

static struct signal_struct *copy_signal(const struct signal_struct *cur)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

	if (!sig)
		return NULL;
	sig->count = 1;
	sig->nr_threads = 1;
	sig->live = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	init_waitqueue_head(&sig->wait_chldexit);
	sig->pgrp = cur->pgrp;
	sig->session = cur->session;
	sig->tty = cur->tty;		/* the tty outlives every process: never freed */
	memcpy(sig->rlim, cur->rlim, sizeof(sig->rlim));
	init_sigpending(&sig->shared_pending);
	return sig;
}

/* How many tasks user uid has: Linux counts every task, threads too, against
 * RLIMIT_NPROC. Under tasklist_lock. */
static int processes_of(uid_t uid)
{
	struct task_struct *t;
	int n = 0;

	for_each_process_thread(t)
		if (t->cred.uid == uid && !(t->flags & PF_KTHREAD) && t->exit_state != EXIT_DEAD)
			n++;
	return n;
}

/* Linux's refusals, in its order (kernel/fork.c copy_process). */
static int check_clone_flags(u64 flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	/* init may not make a sibling: nobody would reap it (Linux: SIGNAL_UNKILLABLE). */
	if ((flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;
	/* No namespaces, cgroups or pidfds in this kernel. */
	if (flags & (CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
		     CLONE_NEWCGROUP | CLONE_NEWNS | CLONE_INTO_CGROUP | CLONE_PIDFD))
		return -EINVAL;
	return 0;
}

static struct task_struct *copy_process(struct kernel_clone_args *args)
{
	u64 flags = args->flags;
	struct task_struct *p;
	unsigned long irqflags;
	int err, pid;

	err = check_clone_flags(flags);
	if (err)
		return ERR_PTR(err);
	p = dup_task_struct(current);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->usage = 2;
	p->flags = args->fn ? PF_KTHREAD : PF_FORKNOEXEC;
	p->exit_state = 0;
	p->exit_code = 0;
	p->thread_info.flags &= ~(_TIF_NEED_RESCHED | _TIF_SIGPENDING);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_node);
	INIT_LIST_HEAD(&p->tasks);
	p->set_child_tid = (flags & CLONE_CHILD_SETTID) ? args->child_tid : NULL;
	p->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? args->child_tid : NULL;
	p->robust_list = NULL;
	p->robust_list_len = 0;
	p->vfork_done = NULL;
	p->trace_call = NULL;		/* its own, made at its first traced call */
	p->utime = p->stime = 0;
	p->min_flt = p->maj_flt = 0;
	p->start_time = (u64)jiffies * TICK_NSEC;
	sched_fork(p);

	if (p->cred.group_info)
		__atomic_fetch_add(&p->cred.group_info->usage, 1, __ATOMIC_RELAXED);

	err = -ENOMEM;
	if (args->fn) {
		p->files = NULL;
	} else if (flags & CLONE_FILES) {
		__atomic_fetch_add(&current->files->count, 1, __ATOMIC_RELAXED);
	} else {
		p->files = dup_fd(current->files);
		if (!p->files)
			goto bad_files;
	}

	if (args->fn || !current->fs) {
		p->fs = &init_fs;		/* kernel threads share the boot's */
		__atomic_fetch_add(&init_fs.users, 1, __ATOMIC_RELAXED);
	} else if (flags & CLONE_FS) {
		__atomic_fetch_add(&current->fs->users, 1, __ATOMIC_RELAXED);
	} else {
		p->fs = copy_fs_struct(current->fs);
		if (!p->fs)
			goto bad_fs;
	}

	if (args->fn || !current->mm) {
		p->mm = NULL;
	} else if (flags & CLONE_VM) {
		mmget(current->mm);
	} else {
		p->mm = dup_mm(current->mm);
		if (!p->mm)
			goto bad_mm;
	}

	if (flags & CLONE_THREAD) {
		p->signal = current->signal;
	} else {
		p->signal = copy_signal(current->signal);
		if (!p->signal)
			goto bad_signal;
	}

	/* Signals: handlers shared or copied, nothing pending, no part in a stop. */
	err = copy_sighand(flags, p);
	if (err)
		goto bad_sighand;
	init_sigpending(&p->pending);
	p->jobctl = 0;
	p->restore_sigmask = false;
	sigemptyset(&p->real_blocked);
	if ((flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM) {
		/* a thread on its own stack does not share the alternate one */
		p->sas_ss_sp = 0;
		p->sas_ss_size = 0;
		p->sas_ss_flags = SS_DISABLE;
	}
	p->restart_block.fn = do_no_restart_syscall;

	err = copy_thread(p, args);
	if (err)
		goto bad_thread;

	spin_lock_irqsave(&tasklist_lock, irqflags);
	/* A process that is ending or exec'ing gets no new task the sweep would miss. */
	err = -EAGAIN;
	if ((current->signal->flags & SIGNAL_GROUP_EXIT) || current->signal->group_exec_task)
		goto bad_locked;
	if (nr_threads >= max_threads)
		goto bad_locked;
	/*
	 * A signal to our process group (or session, or everyone) must reach either the
	 * parent alone before the fork or both after it. Group senders hold tasklist_lock,
	 * which we hold too, and set TIF_SIGPENDING (under siglock) before they let it go: a
	 * signal sent before now shows in the flag, so the fork is undone and restarted once
	 * it has been taken (-ERESTARTNOINTR: always, handler or not); one sent after now
	 * finds the child in the group. A process-wide signal woken in another thread is
	 * ours to take too (recalc_sigpending sets our flag), or the restart would spin until
	 * that thread ran. A flag left set with nothing deliverable costs one pass of the
	 * exit loop (get_signal clears it) and a retry. Linux 6.1 instead lets the fork
	 * finish and hands a signal that came meanwhile to the child too (its multiprocess
	 * list); what user space sees is the same.
	 */
	if (!signal_pending(current) &&
	    (current->signal->shared_pending.signal.sig[0] & ~current->blocked.sig[0])) {
		spin_lock(&current->sighand->siglock);
		recalc_sigpending();
		spin_unlock(&current->sighand->siglock);
	}
	if (signal_pending(current)) {
		err = -ERESTARTNOINTR;
		goto bad_locked;
	}
	if (p->cred.uid != 0 && p->cred.euid != 0 &&
	    processes_of(p->cred.uid) >= (long)task_rlimit(current, RLIMIT_NPROC))
		goto bad_locked;
	pid = alloc_pid();
	if (pid < 0)
		goto bad_locked;
	p->pid = pid;
	if (flags & CLONE_THREAD) {
		p->tgid = current->tgid;
		p->group_leader = current->group_leader;
		p->exit_signal = -1;
		p->real_parent = current->real_parent;
		p->signal->count++;
		p->signal->nr_threads++;
		__atomic_fetch_add(&p->signal->live, 1, __ATOMIC_RELAXED);
	} else {
		p->tgid = pid;
		p->group_leader = p;
		if (flags & CLONE_PARENT) {
			p->real_parent = current->real_parent;
			p->exit_signal = current->group_leader->exit_signal;
		} else {
			p->real_parent = current;
			p->exit_signal = args->exit_signal;
		}
	}
	if (pid == 1)
		p->signal->flags |= SIGNAL_UNKILLABLE;	/* init: only signals it handles */
	/* The thread list: under siglock too, so signal code may walk it holding either. */
	spin_lock(&p->sighand->siglock);
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	spin_unlock(&p->sighand->siglock);
	if (thread_group_leader(p))
		list_add_tail(&p->sibling, &p->real_parent->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	attach_pid(p);
	nr_threads++;
	total_forks++;
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
	return p;

bad_locked:
	spin_unlock_irqrestore(&tasklist_lock, irqflags);
bad_thread:
	__cleanup_sighand(p->sighand);
bad_sighand:
	if (!(flags & CLONE_THREAD))
		kfree(p->signal);
bad_signal:
	if (p->mm)
		mmput(p->mm);
bad_mm:
	put_fs_struct(p->fs);
bad_fs:
	if (p->files)
		put_files_struct(p->files);
bad_files:
	if (p->cred.group_info)
		__atomic_fetch_sub(&p->cred.group_info->usage, 1, __ATOMIC_RELAXED);
	free_task(p);
	return ERR_PTR(err);
}

/* The start of every clone: create, tell the parent the tid, let the child run. */
pid_t kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	pid_t pid;

	if (mm_selfcheck_enabled)
		mm_selfcheck_fork();
	p = copy_process(args);
	if (IS_ERR(p))
		return PTR_ERR(p);
	pid = p->pid;
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(pid, args->parent_tid);	/* Linux ignores a fault here too */
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	/* a traced parent's child is traced (it copied the flag): recorded before it runs */
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE) && !args->fn)
		trace_task_fork(p, args->flags | args->exit_signal);
	wake_up_new_task(p);
	if (args->flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

/*
 * CPU cpu's idle task ("swapper/N", pid 0), made before the CPU starts and run by it from
 * its first instruction: a copy of init_task with its own kernel stack, on no list (it is
 * not a process: no wait, no signal, no /proc entry), allowed on its CPU alone.
 */
struct task_struct *fork_idle(int cpu)
{
	struct task_struct *t = dup_task_struct(&init_task);

	if (!t)
		return NULL;
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	INIT_LIST_HEAD(&t->thread_node);
	INIT_LIST_HEAD(&t->tasks);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->pending.list);
	t->thread_info.flags = 0;
	t->thread_info.syscall_work = 0;
	t->real_parent = t->group_leader = t;
	cpumask_clear(&t->cpus_mask);
	cpumask_set_cpu(cpu, &t->cpus_mask);
	snprintf(t->comm, sizeof(t->comm), "swapper/%d", cpu);
	init_idle(t, cpu);
	return t;
}

pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags)
{
	struct kernel_clone_args args = {
		.flags = (flags & ~CSIGNAL) | CLONE_VM,
		.exit_signal = flags & CSIGNAL,
		.fn = fn,
		.fn_arg = arg,
	};
	pid_t pid = kernel_clone(&args);
	struct task_struct *t;
	unsigned long irqflags;

	if (pid > 0) {
		spin_lock_irqsave(&tasklist_lock, irqflags);
		t = find_task_by_pid(pid);
		if (t)
			strlcpy(t->comm, name, sizeof(t->comm));
		spin_unlock_irqrestore(&tasklist_lock, irqflags);
	}
	return pid;
}

/*
 * A new task's first C code (from the arch's ret_from_fork_asm, interrupts off, rq->lock
 * held by the switch): finish the switch, note the tid where CLONE_CHILD_SETTID asked,
 * run a kernel thread's function (kernel_init execs the first program and returns), then
 * the exit work of any return to user mode.
 */
void ret_from_fork(struct task_struct *prev, struct pt_regs *regs,
			     int (*fn)(void *), void *arg)
{
	schedule_tail(prev);
	if (fn)
		fn(arg);
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
	local_irq_disable();
	irqentry_exit_to_user_mode(regs);
}

/* ---- the syscalls ---------------------------------------------------------------- */

#ifdef CONFIG_CLONE_BACKWARDS
/* arm64 and the arm EABI (and i386, through compat_sys_ia32_clone): tls before child_tid. */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, unsigned long, tls, int __user *, child_tidptr)
#else
/* x86_64: child_tid before tls. */
SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, int __user *, child_tidptr, unsigned long, tls)
#endif
{
	struct kernel_clone_args args = {
		.flags = (u32)clone_flags & ~CSIGNAL,	/* the flags above 32 bits are clone3's */
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
		.exit_signal = clone_flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
	};

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

/* struct clone_args as clone3 reads it: every field 64 bits, on every ABI. */
struct clone_args {
	u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	u64 set_tid, set_tid_size, cgroup;
};

#define CLONE_ARGS_SIZE_VER0	64	/* the first 8 fields */
#define CLONE_ARGS_SIZE_VER2	88

/*
 * clone3: the argument block, of any size from the first version's 64 bytes up to a page;
 * bytes past the fields this kernel knows must be zero (E2BIG otherwise), as Linux's
 * copy_struct_from_user requires. The stack is given as base and size.
 */
SYSCALL_DEFINE2(clone3, struct clone_args __user *, uargs, size_t, size)
{
	struct clone_args a = { 0 };
	struct kernel_clone_args args;
	u64 known_flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PIDFD |
			  CLONE_PTRACE | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_NEWNS |
			  CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |
			  CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_NEWCGROUP |
			  CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET |
			  CLONE_IO | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP;

	if (size > PAGE_SIZE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if (copy_from_user(&a, uargs, min(size, sizeof(a))))
		return -EFAULT;
	for (size_t off = sizeof(a); off < size; off++) {
		char c;

		if (get_user(c, (const char __user *)uargs + off))
			return -EFAULT;
		if (c)
			return -E2BIG;
	}
	if (a.flags & ~known_flags)
		return -EINVAL;
	if (a.exit_signal & ~(u64)CSIGNAL)
		return -EINVAL;
	if ((a.flags & (CLONE_DETACHED | CSIGNAL)) || a.set_tid || a.set_tid_size)
		return -EINVAL;		/* set_tid needs pid namespaces' privileges; not here */
	if (!!a.stack != !!a.stack_size)
		return -EINVAL;
	if ((a.flags & (CLONE_THREAD | CLONE_PARENT)) && a.exit_signal)
		return -EINVAL;
	if ((a.flags & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
		return -EINVAL;
	args = (struct kernel_clone_args) {
		.flags = a.flags,
		.pidfd = (int __user *)(unsigned long)a.pidfd,
		.child_tid = (int __user *)(unsigned long)a.child_tid,
		.parent_tid = (int __user *)(unsigned long)a.parent_tid,
		.exit_signal = a.exit_signal,
		/* The stack grows down on both arches: it starts at its top. */
		.stack = a.stack ? a.stack + a.stack_size : 0,
		.stack_size = a.stack_size,
		.tls = a.tls,
	};
	return kernel_clone(&args);
}

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}
