// SPDX-License-Identifier: GPL-2.0
/*
 * The end of tasks: exit and exit_group, zombies, reparenting, and wait4/waitid/waitpid.
 *
 * do_exit() gives back what the task holds (address space, file table), then, under
 * tasklist_lock, hands its children to init and becomes a zombie — or, for a thread that is
 * not its group's leader, disappears at once (nobody waits for threads). A group leader's
 * zombie is reported only once every other thread of its group is gone, as on Linux. The
 * parent's wait reaps the zombie: its pid is freed and its times are added to the parent's
 * children's times. When init (pid 1) exits the machine powers off with its status (128 +
 * the signal when a signal killed it), which becomes QEMU's exit status.
 *
 * Exit codes are kept as the wait status Linux encodes: (status & 0xff) << 8 for exit(),
 * the signal number (| 0x80 for a core dump) for a death by signal.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/selfcheck.h>
#include <linux/syscalls.h>
#include <linux/reboot.h>
#include <linux/syscall_trace.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/rusage.h>
#include <linux/futex.h>
#include <linux/tty.h>

struct task_struct *child_reaper;

/* A process's status as a shell shows it: its exit status, or 128 + the killing signal. */
static int shell_status(int exit_code)
{
	return exit_code & 0x7f ? 128 + (exit_code & 0x7f) : (exit_code >> 8) & 0xff;
}

/*
 * The address space goes: CLONE_CHILD_CLEARTID's word is cleared (pthread_join waits on
 * it), a vfork parent is released, and the task moves to the kernel-only page tables
 * before it drops its reference, so freeing the tables never pulls them from under it.
 */
static void exit_mm(struct task_struct *t)
{
	struct mm_struct *mm = t->mm;
	unsigned long flags;

	if (!mm)
		return;
	mm_release(t, mm);
	switch_mm(mm, NULL);
	spin_lock_irqsave(&tasklist_lock, flags);	/* procfs reads t->mm under it */
	t->mm = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	mmput(mm);
}

/* exec and exit: what the address space owes others before this task lets go of it. */
void mm_release(struct task_struct *t, struct mm_struct *mm)
{
	exit_robust_list(t);
	/* Only someone sharing this memory can be waiting on the word (Linux's rule). */
	if (t->clear_child_tid) {
		if (__atomic_load_n(&mm->mm_users, __ATOMIC_ACQUIRE) > 1 &&
		    !put_user(0, t->clear_child_tid))
			futex_wake_address(t->clear_child_tid);
		t->clear_child_tid = NULL;
	}
	if (t->vfork_done) {
		complete(t->vfork_done);
		t->vfork_done = NULL;
	}
}

static struct task_struct *find_alive_thread(struct task_struct *t)
{
	struct task_struct *th;

	list_for_each_entry(th, &t->signal->thread_head, thread_node)
		if (!(th->flags & PF_EXITING))
			return th;
	return NULL;
}

static bool thread_group_empty(const struct task_struct *leader)
{
	return leader->signal->nr_threads == 1;
}

/*
 * Give t's children a new parent: a live thread of t's own process, else init. Under
 * tasklist_lock. When the parent process changes (not a thread taking over its sibling's
 * children), each child's exit signal becomes SIGCHLD, a zombie among them is told to its
 * new parent at once — and when that parent ignores SIGCHLD (or set SA_NOCLDWAIT) nobody
 * will ever wait for it, so it goes on *dead for release_task once the lock is dropped
 * (Linux's reparent_leader) — and a child's group that loses t as its link outside the
 * group gets SIGHUP + SIGCONT if it is now orphaned with a stopped member.
 */
static void forget_original_parent(struct task_struct *t, struct list_head *dead)
{
	struct task_struct *reaper = find_alive_thread(t), *p, *n;

	if (!reaper)
		reaper = child_reaper;
	list_for_each_entry_safe(p, n, &t->children, sibling) {
		struct task_struct *th;

		list_move_tail(&p->sibling, &reaper->children);
		p->real_parent = reaper;
		/* Threads of p follow their leader's parent. */
		list_for_each_entry(th, &p->signal->thread_head, thread_node)
			th->real_parent = reaper;
		if (reaper->tgid == t->tgid)
			continue;		/* same process: nothing to tell anyone */
		p->exit_signal = SIGCHLD;	/* init is never sent anything else */
		if (p->exit_state == EXIT_ZOMBIE && thread_group_empty(p) &&
		    do_notify_parent(p, p->exit_signal)) {
			p->exit_state = EXIT_DEAD;
			list_move_tail(&p->sibling, dead);	/* release_task unlinks it */
		}
		kill_orphaned_pgrp(p, t);
	}
}

/*
 * Take a reaped or self-reaping task out of every list, free its pid, and drop the
 * reference its place in the lists held. Called without tasklist_lock.
 */
static void release_task(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *leader = p->group_leader;
	struct group_info *gi = p->cred.group_info;
	unsigned long flags;
	bool free_sig, notify_leader = false;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_del(&p->tasks);
	spin_lock(&p->sighand->siglock);	/* signal code walks the threads under it */
	list_del(&p->thread_node);
	spin_unlock(&p->sighand->siglock);
	if (thread_group_leader(p))
		list_del(&p->sibling);
	detach_pid(p);
	free_pid(p->pid);
	nr_threads--;
	sig->nr_threads--;
	/* The group's own totals keep what its threads used (getrusage RUSAGE_SELF). */
	sig->utime += p->utime;
	sig->stime += p->stime;
	sig->nvcsw += p->nvcsw;
	sig->nivcsw += p->nivcsw;
	sig->min_flt += p->min_flt;
	sig->maj_flt += p->maj_flt;
	free_sig = --sig->count == 0;
	release_task_signals(p, free_sig);
	/* The last thread gone lets a zombie leader be seen by its parent, or reap itself. */
	if (leader != p && leader->exit_state == EXIT_ZOMBIE && thread_group_empty(leader) &&
	    do_notify_parent(leader, leader->exit_signal)) {
		leader->exit_state = EXIT_DEAD;
		notify_leader = true;		/* released below */
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (free_sig) {
		itimer_exit(sig);	/* its SIGALRM timer, if it had one */
		kfree(sig);
	}
	if (gi && __atomic_sub_fetch(&gi->usage, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(gi);
	put_task_struct(p);
	if (notify_leader)
		release_task(leader);
}

/*
 * Hand the children on, and become a zombie for the parent's wait — or, for a thread,
 * go at once. init's end powers the machine off (its children cannot outlive it).
 */
static void exit_notify(struct task_struct *t, bool group_dead)
{
	unsigned long flags;
	bool autoreap = false;
	LIST_HEAD(dead);

	spin_lock_irqsave(&tasklist_lock, flags);
	forget_original_parent(t, &dead);
	if (group_dead)			/* the process's group may lose its link outside */
		kill_orphaned_pgrp(t->group_leader, NULL);
	if (!thread_group_leader(t)) {
		t->exit_state = EXIT_DEAD;
		autoreap = true;
	} else {
		t->exit_state = EXIT_ZOMBIE;
		/* SIGCHLD (or the exit signal) to the parent; one that ignores it reaps nothing */
		if (thread_group_empty(t) && do_notify_parent(t, t->exit_signal)) {
			t->exit_state = EXIT_DEAD;
			autoreap = true;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	while (!list_empty(&dead))	/* reparented zombies nobody will wait for */
		release_task(list_first_entry(&dead, struct task_struct, sibling));
	if (autoreap)
		release_task(t);
}

void __noreturn do_exit(long code)
{
	struct task_struct *t = current;

	bool group_dead;

	t->flags |= PF_EXITING;
	exit_signals(t);
	t->exit_code = code;
	group_dead = __atomic_sub_fetch(&t->signal->live, 1, __ATOMIC_ACQ_REL) == 0;
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_task_exit(t, t->signal->flags & SIGNAL_GROUP_EXIT ?
				t->signal->group_exit_code : code, group_dead);
	/* init's process has ended (its last thread): so does the machine. */
	if (t->tgid == 1 && group_dead) {
		int status = shell_status(t->signal->flags & SIGNAL_GROUP_EXIT ?
					  t->signal->group_exit_code : code);

		pr_info("%s[1]: init exited with status %d\n", t->comm, status);
		if (mm_selfcheck_enabled)
			mm_selfcheck_report();
		kernel_power_off(status);
	}
	if (mm_selfcheck_enabled && group_dead)
		mm_selfcheck_exit(t);
	exit_mm(t);
	if (t->fs) {
		struct fs_struct *fs = t->fs;
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);	/* procfs's cwd/root/Umask read it */
		t->fs = NULL;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		put_fs_struct(fs);
	}
	if (t->files) {
		struct files_struct *files = t->files;
		unsigned long flags;

		spin_lock_irqsave(&tasklist_lock, flags);	/* procfs's fd/ reads it under it */
		t->files = NULL;
		spin_unlock_irqrestore(&tasklist_lock, flags);
		put_files_struct(files);
	}
	/* The session leader's end hangs up its terminal: SIGHUP to the foreground group. */
	if (group_dead)
		disassociate_ctty(1);
	exit_notify(t, group_dead);
	local_irq_disable();
	t->__state = TASK_DEAD;
	schedule();
	panic("do_exit: a dead task (%d) ran again", t->pid);
}

/*
 * Mark the process as ending with code and send every thread but 'except' towards its exit:
 * each finds SIGNAL_GROUP_EXIT in do_signal on its way back to user mode (a sleeper is woken
 * for that). Under tasklist_lock. exit_group, a fatal signal and exec's de_thread use it.
 */
void zap_other_threads(struct signal_struct *sig, int code, struct task_struct *except)
{
	sig->flags |= SIGNAL_GROUP_EXIT;
	sig->group_exit_code = code;
	signal_wake_others(sig, except);
}

/* Every thread but 'except' to do_signal at its next return to user mode, sleepers woken.
 * Under tasklist_lock. */
void signal_wake_others(struct signal_struct *sig, struct task_struct *except)
{
	struct task_struct *t;
	struct sighand_struct *sh;

	if (list_empty(&sig->thread_head))
		return;
	/* Under siglock: a thread's recalc_sigpending must not clear the flag set here. */
	sh = list_first_entry(&sig->thread_head, struct task_struct, thread_node)->sighand;
	spin_lock(&sh->siglock);
	list_for_each_entry(t, &sig->thread_head, thread_node) {
		if (t == except)
			continue;
		set_tsk_thread_flag(t, TIF_SIGPENDING);
		wake_up_state(t, TASK_INTERRUPTIBLE | TASK_STOPPED);
	}
	spin_unlock(&sh->siglock);
}

/*
 * End every thread of the process with the same code: the first caller sets it, and each
 * other thread finds SIGNAL_GROUP_EXIT on its way back to user mode (do_signal) and exits
 * with it.
 */
void __noreturn do_group_exit(int code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (sig->flags & SIGNAL_GROUP_EXIT)
		code = sig->group_exit_code;
	else
		zap_other_threads(sig, code, current);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	do_exit(code);
}

/*
 * exec from a thread other than the leader, once every other thread has ended (the leader
 * is a zombie): the thread takes the leader's place — its pid, which is the process id,
 * its parent and its children — and the old leader goes, as Linux's de_thread does.
 */
void exec_take_leadership(void)
{
	struct task_struct *t = current, *leader = t->group_leader;
	unsigned long flags;
	pid_t pid;

	if (leader == t)
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	detach_pid(t);
	detach_pid(leader);
	pid = t->pid;
	t->pid = leader->pid;
	leader->pid = pid;
	attach_pid(t);
	attach_pid(leader);
	list_replace_init(&leader->sibling, &t->sibling);
	list_splice_tail_init(&leader->children, &t->children);
	struct task_struct *c;

	list_for_each_entry(c, &t->children, sibling)
		c->real_parent = t;
	t->real_parent = leader->real_parent;
	t->exit_signal = SIGCHLD;		/* Linux's de_thread gives the new leader SIGCHLD */
	if (child_reaper == leader)
		child_reaper = t;		/* init exec'd from a thread: the reaper moves */
	t->start_time = leader->start_time;
	t->group_leader = t;
	leader->group_leader = t;
	leader->exit_signal = -1;
	leader->exit_state = EXIT_DEAD;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	release_task(leader);
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/* ---- wait ---------------------------------------------------------------------- */

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004
#define WCONTINUED	0x00000008
#define WNOWAIT		0x01000000
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

struct wait_opts {
	int type;		/* P_ALL, P_PID, P_PGID */
	pid_t id;
	int options;
	/* What a successful wait found: */
	pid_t pid;
	uid_t uid;
	int status;		/* wait status */
	int why;		/* CLD_STOPPED / CLD_CONTINUED for waitid, else 0 */
	struct rusage_times ru;
};

static bool eligible(const struct wait_opts *wo, struct task_struct *p)
{
	if (wo->type == P_PID && p->pid != wo->id)
		return false;
	if (wo->type == P_PGID && p->signal->pgrp != wo->id)
		return false;
	if (wo->options & __WALL)
		return true;
	/* A "clone" child signals its parent with something other than SIGCHLD. */
	return !!(wo->options & __WCLONE) == (p->exit_signal != SIGCHLD);
}

/*
 * A live child's job-control news (kernel/jobctl.c): a completed stop not yet reported
 * (WUNTRACED/WSTOPPED: status 0x7f | sig << 8) or a continue (WCONTINUED: 0xffff), each
 * reported once unless WNOWAIT. Under tasklist_lock.
 */
static bool wait_task_stopped_or_continued(struct wait_opts *wo, struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	bool found = false;

	if (!p->sighand)
		return false;
	spin_lock(&p->sighand->siglock);
	if ((wo->options & WSTOPPED) && (sig->flags & SIGNAL_STOP_STOPPED) &&
	    sig->group_exit_code && !(sig->flags & SIGNAL_GROUP_EXIT)) {
		wo->status = 0x7f | (sig->group_exit_code & 0xff) << 8;
		wo->why = CLD_STOPPED;
		if (!(wo->options & WNOWAIT))
			sig->group_exit_code = 0;
		found = true;
	} else if ((wo->options & WCONTINUED) && (sig->flags & SIGNAL_STOP_CONTINUED)) {
		wo->status = 0xffff;
		wo->why = CLD_CONTINUED;
		if (!(wo->options & WNOWAIT))
			sig->flags &= ~SIGNAL_STOP_CONTINUED;
		found = true;
	}
	spin_unlock(&p->sighand->siglock);
	if (found) {
		wo->pid = p->pid;
		wo->uid = p->cred.uid;
	}
	return found;
}

/*
 * Look for a zombie among the children of the caller's threads. 1 when one was found (and,
 * unless WNOWAIT, taken: *reap is set for release_task), 0 when there are children but none
 * ready, -ECHILD when there are none. Under tasklist_lock.
 */
static int wait_scan(struct wait_opts *wo, struct task_struct **reap)
{
	struct task_struct *th, *p;
	bool any = false;

	list_for_each_entry(th, &current->signal->thread_head, thread_node) {
		if ((wo->options & __WNOTHREAD) && th != current)
			continue;
		list_for_each_entry(p, &th->children, sibling) {
			if (!eligible(wo, p))
				continue;
			any = true;
			if (!p->exit_state && wait_task_stopped_or_continued(wo, p))
				return 1;
			if (p->exit_state != EXIT_ZOMBIE || !thread_group_empty(p) ||
			    !(wo->options & WEXITED))
				continue;
			wo->pid = p->pid;
			wo->uid = p->cred.uid;
			/* exit_group's code when the process ended that way, even if the
			 * leader itself had called exit() first (Linux's wait_task_zombie). */
			wo->status = p->signal->flags & SIGNAL_GROUP_EXIT ?
				     p->signal->group_exit_code : p->exit_code;
			rusage_of_exited(p, &wo->ru);
			if (!(wo->options & WNOWAIT)) {
				struct signal_struct *psig = current->signal;

				p->exit_state = EXIT_DEAD;
				psig->cutime += wo->ru.utime;
				psig->cstime += wo->ru.stime;
				psig->cnvcsw += wo->ru.nvcsw;
				psig->cnivcsw += wo->ru.nivcsw;
				psig->cmin_flt += wo->ru.min_flt;
				psig->cmaj_flt += wo->ru.maj_flt;
				*reap = p;
			}
			return 1;
		}
	}
	return any ? 0 : -ECHILD;
}

static long do_wait(struct wait_opts *wo)
{
	struct wait_queue_entry w = { .task = current };
	long ret;

	might_sleep();
	INIT_LIST_HEAD(&w.entry);
	for (;;) {
		struct task_struct *reap = NULL;
		unsigned long flags;

		prepare_to_wait(&current->signal->wait_chldexit, &w, TASK_INTERRUPTIBLE);
		spin_lock_irqsave(&tasklist_lock, flags);
		ret = wait_scan(wo, &reap);
		spin_unlock_irqrestore(&tasklist_lock, flags);
		if (reap)
			release_task(reap);
		if (ret)
			break;
		if (wo->options & WNOHANG)
			break;
		if (signal_pending(current)) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->signal->wait_chldexit, &w);
	return ret;
}

/* wait4's pid: > 0 that child, -1 any, 0 the caller's process group, < -1 group -pid. */
static long kernel_wait4(pid_t upid, int __user *stat_addr, int options, struct wait_opts *wo)
{
	long ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (upid == (pid_t)0x80000000)
		return -ESRCH;		/* -INT_MIN does not exist */
	memset(wo, 0, sizeof(*wo));
	if (upid == -1) {
		wo->type = P_ALL;
	} else if (upid < 0) {
		wo->type = P_PGID;
		wo->id = -upid;
	} else if (upid == 0) {
		wo->type = P_PGID;
		wo->id = current->signal->pgrp;
	} else {
		wo->type = P_PID;
		wo->id = upid;
	}
	wo->options = options | WEXITED;
	ret = do_wait(wo);
	if (ret > 0) {
		ret = wo->pid;
		if (stat_addr && put_user(wo->status, stat_addr))
			return -EFAULT;
	}
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr, int, options,
		struct rusage __user *, ru)
{
	struct wait_opts wo;
	long ret = kernel_wait4(upid, stat_addr, options, &wo);

	if (ret > 0 && ru && put_rusage(&wo.ru, ru))
		return -EFAULT;
	return ret;
}

COMPAT_SYSCALL_DEFINE4(wait4, compat_pid_t, upid, compat_uptr_t, stat_addr, compat_int_t, options,
		       compat_uptr_t, ru)
{
	struct wait_opts wo;
	long ret = kernel_wait4(upid, compat_ptr(stat_addr), options, &wo);

	if (ret > 0 && ru && put_compat_rusage(&wo.ru, compat_ptr(ru)))
		return -EFAULT;
	return ret;
}

/* i386's waitpid: wait4 without the rusage. */
SYSCALL_DEFINE3(waitpid, pid_t, pid, int __user *, stat_addr, int, options)
{
	struct wait_opts wo;

	return kernel_wait4(pid, stat_addr, options, &wo);
}

static long kernel_waitid(int which, pid_t upid, int options, struct wait_opts *wo)
{
	memset(wo, 0, sizeof(*wo));
	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (which) {
	case P_ALL:
		break;
	case P_PID:
		if (upid <= 0)
			return -EINVAL;
		break;
	case P_PGID:
		if (upid < 0)
			return -EINVAL;
		if (!upid)
			upid = current->signal->pgrp;
		break;
	case P_PIDFD:
		return -EBADF;		/* no pidfds in this kernel: no fd is one */
	default:
		return -EINVAL;
	}
	wo->type = which;
	wo->id = upid;
	wo->options = options;
	return do_wait(wo);
}

/* The siginfo a waitid fills: SIGCHLD, how the child ended, its pid, uid and status. */
static void waitid_info(const struct wait_opts *wo, long found, int *code, int *status)
{
	if (found <= 0) {
		*code = *status = 0;
	} else if (wo->why) {
		*code = wo->why;
		*status = wo->why == CLD_CONTINUED ? SIGCONT : (wo->status >> 8) & 0xff;
	} else if (wo->status & 0x7f) {
		*code = wo->status & 0x80 ? CLD_DUMPED : CLD_KILLED;
		*status = wo->status & 0x7f;
	} else {
		*code = CLD_EXITED;
		*status = (wo->status >> 8) & 0xff;
	}
}

/* The fields of struct siginfo a waitid writes (Linux's layout: 128 bytes). */
struct waitid_siginfo {
	int si_signo, si_errno, si_code;
	int __pad;			/* the union is 8-aligned on 64-bit ABIs */
	int wi_pid;
	unsigned int wi_uid;
	int wi_status;
	int __pad2;
	long wi_utime, wi_stime;
	char rest[128 - 48];
};

struct compat_waitid_siginfo {
	int si_signo, si_errno, si_code;
	int wi_pid;
	unsigned int wi_uid;
	int wi_status;
	int wi_utime, wi_stime;
	char rest[128 - 32];
};

SYSCALL_DEFINE5(waitid, int, which, pid_t, upid, struct waitid_siginfo __user *, infop,
		int, options, struct rusage __user *, ru)
{
	struct wait_opts wo;
	long ret = kernel_waitid(which, upid, options, &wo);
	int code, status;

	if (ret < 0)
		return ret;
	if (ret > 0 && ru && put_rusage(&wo.ru, ru))	/* Linux writes none when nothing was found */
		return -EFAULT;
	if (!infop)
		return 0;
	waitid_info(&wo, ret, &code, &status);
	/* Linux writes these six fields and leaves the rest of the siginfo alone. */
	if (put_user(ret > 0 ? SIGCHLD : 0, &infop->si_signo) || put_user(0, &infop->si_errno) ||
	    put_user(code, &infop->si_code) || put_user(ret > 0 ? wo.pid : 0, &infop->wi_pid) ||
	    put_user(ret > 0 ? wo.uid : 0, &infop->wi_uid) || put_user(status, &infop->wi_status))
		return -EFAULT;
	return 0;
}

COMPAT_SYSCALL_DEFINE5(waitid, compat_int_t, which, compat_pid_t, upid, compat_uptr_t, infop,
		       compat_int_t, options, compat_uptr_t, ru)
{
	struct wait_opts wo;
	long ret = kernel_waitid(which, upid, options, &wo);
	struct compat_waitid_siginfo __user *si = compat_ptr(infop);
	int code, status;

	if (ret < 0)
		return ret;
	if (ret > 0 && ru && put_compat_rusage(&wo.ru, compat_ptr(ru)))
		return -EFAULT;
	if (!infop)
		return 0;
	waitid_info(&wo, ret, &code, &status);
	if (put_user(ret > 0 ? SIGCHLD : 0, &si->si_signo) || put_user(0, &si->si_errno) ||
	    put_user(code, &si->si_code) || put_user(ret > 0 ? wo.pid : 0, &si->wi_pid) ||
	    put_user(ret > 0 ? wo.uid : 0, &si->wi_uid) || put_user(status, &si->wi_status))
		return -EFAULT;
	return 0;
}
