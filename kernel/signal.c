// SPDX-License-Identifier: GPL-2.0
/*
 * Sending signals: queueing a signal for a thread (tkill, faults) or a process (kill), with
 * Linux's permission rules, the RLIMIT_SIGPENDING charge of queued siginfo, and the choice
 * of the thread that will take a process-wide signal. Picking and default actions are in
 * kernel/signal_deliver.c, the syscalls that change handlers and masks in
 * kernel/signal_syscalls.c.
 *
 * Locking (linux/signal_types.h): every sender holds tasklist_lock, then the target's
 * sighand->siglock, both irq-saving (the terminal's ^C and the SIGALRM timer send from
 * interrupt context). tasklist_lock keeps the target and its thread list in place; siglock
 * guards the pending sets, masks and handlers.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <asm/ptrace.h>
#include "signal_internal.h"

static const char *const names[32] = {
	[1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP",
	[6] = "SIGABRT", [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1",
	[11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE", [14] = "SIGALRM", [15] = "SIGTERM",
	[16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT", [19] = "SIGSTOP", [20] = "SIGTSTP",
	[21] = "SIGTTIN", [22] = "SIGTTOU", [23] = "SIGURG", [24] = "SIGXCPU", [25] = "SIGXFSZ",
	[26] = "SIGVTALRM", [27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO", [30] = "SIGPWR",
	[31] = "SIGSYS",
};

const char *signal_name(int sig)
{
	return sig > 0 && sig < 32 && names[sig] ? names[sig] : "signal";
}

/* ---- RLIMIT_SIGPENDING: queued siginfo per real user ------------------------------ */

/*
 * Linux counts the queued signals of each user (ucounts) against the receiver's
 * RLIMIT_SIGPENDING. Here: a table of 64 users with something queued, bounded (never an
 * allocation under the senders' locks); a user that finds no room is over its limit.
 *
 * The table is open-addressed from the uid's home slot, so the usual charge looks at one
 * slot instead of walking all 64. A slot whose count fell to 0 keeps its uid (a tombstone):
 * a new user takes the first slot with count 0 from its home on, so a user's slot always
 * comes before any slot still named after it, and the first slot holding its uid (counted
 * or not) is the one to charge. A slot never used (uid SIGPENDING_NOBODY, not a valid uid)
 * ends the search. Each sigqueue remembers its slot, so the uncharge is one decrement.
 *
 * sigpending_lock guards the table; it nests inside siglock, and is taken with interrupts
 * off (the uncharge may come from a release with interrupts on).
 */
#define SIGPENDING_USERS	64
#define SIGPENDING_NOBODY	((uid_t)-1)
static struct {
	uid_t uid;
	unsigned int count;
} sigpending_users[SIGPENDING_USERS] = {
	[0 ... SIGPENDING_USERS - 1] = { .uid = SIGPENDING_NOBODY },
};
static DEFINE_SPINLOCK(sigpending_lock);

/* The slot charged for one more siginfo of uid, or -1 when over the limit. siglock held. */
static int sigpending_charge(uid_t uid, unsigned long limit, bool override)
{
	unsigned int home = uid % SIGPENDING_USERS;
	int slot = -1, spare = -1;

	spin_lock(&sigpending_lock);
	for (unsigned int n = 0; n < SIGPENDING_USERS; n++) {
		unsigned int i = (home + n) % SIGPENDING_USERS;

		if (sigpending_users[i].uid == uid) {
			slot = i;
			break;
		}
		if (!sigpending_users[i].count && spare < 0)
			spare = i;
		if (sigpending_users[i].uid == SIGPENDING_NOBODY)
			break;
	}
	if (slot < 0 && spare >= 0) {
		slot = spare;
		sigpending_users[slot].uid = uid;
	}
	if (slot >= 0 && (override || sigpending_users[slot].count < limit))
		sigpending_users[slot].count++;
	else
		slot = -1;
	spin_unlock(&sigpending_lock);
	return slot;
}

static void sigpending_uncharge(int slot)
{
	unsigned long flags;

	spin_lock_irqsave(&sigpending_lock, flags);
	sigpending_users[slot].count--;
	spin_unlock_irqrestore(&sigpending_lock, flags);
}

static struct sigqueue *sigqueue_alloc(struct task_struct *t, bool override_rlimit)
{
	struct sigqueue *q;
	int slot = sigpending_charge(t->cred.uid, task_rlimit(t, RLIMIT_SIGPENDING),
				     override_rlimit);

	if (slot < 0)
		return NULL;
	q = kmalloc(sizeof(*q), GFP_KERNEL);
	if (!q) {
		sigpending_uncharge(slot);
		return NULL;
	}
	INIT_LIST_HEAD(&q->list);
	q->flags = 0;
	q->user_slot = slot;
	return q;
}

void sigqueue_free(struct sigqueue *q)
{
	sigpending_uncharge(q->user_slot);
	kfree(q);
}

/* Drop every queued signal of s (under siglock, or when nobody else can reach s). */
void flush_sigqueue(struct sigpending *s)
{
	struct sigqueue *q, *n;

	sigemptyset(&s->signal);
	list_for_each_entry_safe(q, n, &s->list, list) {
		list_del(&q->list);
		sigqueue_free(q);
	}
}

/* Drop the signals of mask from s, queued siginfo too. Under siglock. */
void flush_sigqueue_mask(u64 mask, struct sigpending *s)
{
	struct sigqueue *q, *n;

	if (!(s->signal.sig[0] & mask))
		return;
	sigdelsetmask(&s->signal, mask);
	list_for_each_entry_safe(q, n, &s->list, list) {
		if (mask & SIGBIT(q->info.si_signo)) {
			list_del(&q->list);
			sigqueue_free(q);
		}
	}
}

/* ---- waking the receiver ------------------------------------------------------ */

/*
 * Something for t to look at on its way to user mode: TIF_SIGPENDING, and an interruptible
 * sleep ends (the sleeping call returns its -ERESTART* or -EINTR). A fatal signal also
 * ends a job-control stop.
 */
void signal_wake_up(struct task_struct *t, bool fatal)
{
	set_tsk_thread_flag(t, TIF_SIGPENDING);
	wake_up_state(t, TASK_INTERRUPTIBLE | (fatal ? TASK_STOPPED : 0));
}

/* Could t take sig now? Prefer a thread not already busy with another signal. */
static bool wants_signal(int sig, struct task_struct *t)
{
	if (sigismember(&t->blocked, sig))
		return false;
	if (t->flags & PF_EXITING)
		return false;
	if (sig == SIGKILL)
		return true;
	if (t->__state & TASK_STOPPED)
		return false;
	return t == current || !signal_pending(t);
}

/*
 * sig was just added to a pending set of p (its own, or its process's when group): wake
 * a thread that can take it. A fatal signal nobody handles ends the whole process at
 * once, as Linux does: every thread gets SIGKILL.
 */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (wants_signal(sig, p)) {
		t = p;
	} else if (!group || signal->nr_threads == 1) {
		return;		/* whoever unblocks it will find it */
	} else {
		t = signal->curr_target ? signal->curr_target : p;
		for (;;) {
			struct list_head *next = t->thread_node.next;

			if (next == &signal->thread_head)
				next = next->next;
			t = list_entry(next, struct task_struct, thread_node);
			if (wants_signal(sig, t))
				break;
			if (t == (signal->curr_target ? signal->curr_target : p))
				return;
		}
		signal->curr_target = t;
	}

	/* Core-dumping signals end the process from get_signal, in the thread that takes it. */
	if (sig_fatal(p, sig) && !(signal->flags & SIGNAL_GROUP_EXIT) &&
	    !sigismember(&t->real_blocked, sig) && !sig_kernel_coredump(sig)) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		list_for_each_entry(t, &signal->thread_head, thread_node) {
			t->jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME);
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* ---- queueing ------------------------------------------------------------------ */

/* Would p's handling of sig be to ignore it? A blocked signal is kept: the handler may change. */
static bool sig_ignored(struct task_struct *p, int sig, bool force)
{
	__sighandler_t handler;

	if (sigismember(&p->blocked, sig) || sigismember(&p->real_blocked, sig))
		return false;
	handler = sig_handler(p, sig);
	/* init gets only the signals it has handlers for, SIGKILL from the kernel aside */
	if ((p->signal->flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL &&
	    !(force && sig_kernel_only(sig)))
		return true;
	return sig_handler_ignored(handler, sig);
}

/*
 * What sending sig does before it is queued: a stop signal discards a pending SIGCONT and
 * SIGCONT discards pending stops (and continues a stopped process: kernel/jobctl.c).
 * false: nothing to queue (ignored, or the process is ending).
 */
static bool prepare_signal(int sig, struct task_struct *p, bool force)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (signal->flags & SIGNAL_GROUP_EXIT)
		return false;
	if (sig_kernel_stop(sig)) {
		flush_sigqueue_mask(SIGBIT(SIGCONT), &signal->shared_pending);
		list_for_each_entry(t, &signal->thread_head, thread_node)
			flush_sigqueue_mask(SIGBIT(SIGCONT), &t->pending);
	} else if (sig == SIGCONT) {
		flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &signal->shared_pending);
		list_for_each_entry(t, &signal->thread_head, thread_node)
			flush_sigqueue_mask(SIG_KERNEL_STOP_MASK, &t->pending);
		jobctl_continue(p);
	}
	return !sig_ignored(p, sig, force);
}

/*
 * Queue sig for t (group: for its process). A classic signal already pending is not
 * queued twice; a real-time one queues each instance. The siginfo is charged to t's user
 * against RLIMIT_SIGPENDING: past it a classic signal still arrives without its siginfo,
 * a real-time one from sigqueue fails with -EAGAIN (Linux's rule). Caller holds
 * tasklist_lock and t->sighand->siglock.
 */
int send_signal_locked(int sig, kernel_siginfo_t *info, struct task_struct *t, bool group)
{
	struct sigpending *pending;
	struct sigqueue *q;
	bool override;

	if (!prepare_signal(sig, t, info == SEND_SIG_PRIV))
		return 0;
	pending = group ? &t->signal->shared_pending : &t->pending;
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		return 0;
	override = sig < SIGRTMIN && (is_si_special(info) || info->si_code >= 0);
	q = sigqueue_alloc(t, override);
	if (q) {
		if (info == SEND_SIG_NOINFO) {
			clear_siginfo(&q->info);
			q->info.si_signo = sig;
			q->info.si_code = SI_USER;
			q->info.si_pid = current->tgid;
			q->info.si_uid = current->cred.uid;
		} else if (info == SEND_SIG_PRIV) {
			clear_siginfo(&q->info);
			q->info.si_signo = sig;
			q->info.si_code = SI_KERNEL;
		} else {
			q->info = *info;
		}
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && !is_si_special(info) && info->si_code != SI_USER) {
		return -EAGAIN;		/* a queue overflow the sender must hear of */
	}
	sigaddset(&pending->signal, sig);
	complete_signal(sig, t, group);
	return 0;
}

/* Any sender: the locks, then send_signal_locked. -ESRCH for a task already released. */
int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, bool group)
{
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (p->sighand) {
		spin_lock(&p->sighand->siglock);
		ret = send_signal_locked(sig, info, p, group);
		spin_unlock(&p->sighand->siglock);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* ---- who may signal whom ---------------------------------------------------------- */

static bool kill_ok_by_cred(const struct task_struct *t)
{
	const struct cred *me = &current->cred, *them = &t->cred;

	return me->euid == 0 || me->euid == them->suid || me->euid == them->uid ||
	       me->uid == them->suid || me->uid == them->uid;
}

/*
 * Linux's check_kill_permission: the kernel may send anything; a user needs matching ids
 * (or root), except SIGCONT within a session. -EINVAL for a number past _NSIG. Under
 * tasklist_lock.
 */
int check_kill_permission(int sig, kernel_siginfo_t *info, struct task_struct *t)
{
	if (!valid_signal(sig))
		return -EINVAL;
	if (!si_fromuser(info))
		return 0;
	if (t->tgid != current->tgid && !kill_ok_by_cred(t)) {
		if (sig != SIGCONT || t->signal->session != current->signal->session)
			return -EPERM;
	}
	return 0;
}

void prepare_kill_siginfo(int sig, kernel_siginfo_t *info)
{
	clear_siginfo(info);
	info->si_signo = sig;
	info->si_code = SI_USER;
	info->si_pid = current->tgid;
	info->si_uid = current->cred.uid;
}

/* Under tasklist_lock: permission, then the signal to p's process (sig 0: only the check). */
static int group_send_sig_info_locked(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	int ret = check_kill_permission(sig, info, p);

	if (!ret && sig && p->sighand) {
		spin_lock(&p->sighand->siglock);
		ret = send_signal_locked(sig, info, p, true);
		spin_unlock(&p->sighand->siglock);
	}
	return ret;
}

int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	ret = group_send_sig_info_locked(sig, info, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p)
{
	if (!valid_signal(sig))
		return -EINVAL;
	return do_send_sig_info(sig, info, p, false);
}

/* A signal the kernel sends to one thread (SIGPIPE to a writer): no permission check. */
int send_sig(int sig, struct task_struct *p, int priv)
{
	return send_sig_info(sig, priv ? SEND_SIG_PRIV : SEND_SIG_NOINFO, p);
}

/* Every process of group pgrp; 0 if one took it, else the last error (-ESRCH: none).
 * Under tasklist_lock. */
int kill_pgrp_locked(int sig, kernel_siginfo_t *info, pid_t pgrp)
{
	struct task_struct *p;
	int ret = -ESRCH;
	bool success = false;

	for_each_process_thread(p) {
		int err;

		if (!thread_group_leader(p) || (p->flags & PF_KTHREAD) || p->signal->pgrp != pgrp)
			continue;
		err = group_send_sig_info_locked(sig, info, p);
		success |= !err;
		ret = err;
	}
	return success ? 0 : ret;
}

int kill_pgrp(int pgrp, int sig)
{
	unsigned long flags;
	int ret;

	if (pgrp <= 0)
		return -ESRCH;
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = kill_pgrp_locked(sig, SEND_SIG_PRIV, pgrp);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * kill(2)'s targets: pid > 0 that process, 0 the caller's group, -1 every process but init
 * and the caller's own, < -1 the group -pid. -1 answers 0 once any process was tried and
 * not every error was EPERM... as Linux: the last error other than EPERM, else 0.
 */
static int kill_something_info(int sig, kernel_siginfo_t *info, pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;
	int ret;

	if (pid == (pid_t)0x80000000)
		return -ESRCH;		/* -INT_MIN names no group */
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid > 0) {
		p = find_task_by_pid(pid);
		ret = p ? group_send_sig_info_locked(sig, info, p->group_leader) : -ESRCH;
	} else if (pid != -1) {
		ret = kill_pgrp_locked(sig, info, pid ? -pid : current->signal->pgrp);
	} else {
		int count = 0, err;

		ret = 0;
		for_each_process_thread(p) {
			if (!thread_group_leader(p) || (p->flags & PF_KTHREAD) || p->pid <= 1 ||
			    p->tgid == current->tgid)
				continue;
			err = group_send_sig_info_locked(sig, info, p);
			count++;
			if (err != -EPERM)
				ret = err;
		}
		if (!count)
			ret = -ESRCH;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* The process of (thread) pid; -ESRCH if there is none. */
int kill_proc_info(int sig, kernel_siginfo_t *info, pid_t pid)
{
	struct task_struct *p;
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid > 0 ? find_task_by_pid(pid) : NULL;
	ret = p ? group_send_sig_info_locked(sig, info, p->group_leader) : -ESRCH;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	kernel_siginfo_t info;

	prepare_kill_siginfo(sig, &info);
	return kill_something_info(sig, &info, pid);
}

/* tkill/tgkill: one thread; tgid > 0 must be its process. A thread gone meanwhile: 0. */
int do_send_specific(pid_t tgid, pid_t pid, int sig, kernel_siginfo_t *info)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && (tgid <= 0 || p->tgid == tgid)) {
		ret = check_kill_permission(sig, info, p);
		if (!ret && sig) {
			ret = 0;
			if (p->sighand) {
				spin_lock(&p->sighand->siglock);
				ret = send_signal_locked(sig, info, p, false);
				spin_unlock(&p->sighand->siglock);
			}
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

static int do_tkill(pid_t tgid, pid_t pid, int sig)
{
	kernel_siginfo_t info;

	clear_siginfo(&info);
	info.si_signo = sig;
	info.si_code = SI_TKILL;
	info.si_pid = current->tgid;
	info.si_uid = current->cred.uid;
	return do_send_specific(tgid, pid, sig, &info);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	return do_tkill(tgid, pid, sig);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_tkill(0, pid, sig);
}

/* ---- signals the kernel forces on the current thread ------------------------------- */

/*
 * Linux's force_sig_info_to_task: a fault signal the thread blocks or ignores would loop
 * on the same instruction, so it is unblocked and its handler reset to SIG_DFL; with no
 * handler even init dies of it. Returns true when it will kill (no user handler).
 */
static bool force_sig_info_to_task(kernel_siginfo_t *info, struct task_struct *t)
{
	int sig = info->si_signo;
	struct k_sigaction *action;
	unsigned long flags;
	bool fatal;

	spin_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&t->sighand->siglock);
	action = &t->sighand->action[sig - 1];
	if (action->sa.sa_handler == SIG_IGN || sigismember(&t->blocked, sig)) {
		action->sa.sa_handler = SIG_DFL;
		if (sigismember(&t->blocked, sig)) {
			sigdelset(&t->blocked, sig);
			recalc_sigpending_tsk(t);
		}
	}
	fatal = action->sa.sa_handler == SIG_DFL;
	if (fatal)
		t->signal->flags &= ~SIGNAL_UNKILLABLE;
	send_signal_locked(sig, info, t, false);
	spin_unlock(&t->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return fatal;
}

/*
 * A user-mode fault: the signal is queued for current, and the way back to user mode
 * delivers it. With no handler the process dies of it: the kernel log says so (Linux's
 * show_unhandled_signals line), and the process ends here, at once — nothing a user can
 * see happens between the fault and the exit work loop, and an arch return path that does
 * not pass through that loop (x86's refused iretq) still ends.
 */
void force_sig_fault(struct pt_regs *regs, int sig, int code, unsigned long addr,
		     const char *what)
{
	kernel_siginfo_t info;

	clear_siginfo(&info);
	info.si_signo = sig;
	info.si_code = code;
	info.si_addr = (void __user *)addr;
	if (force_sig_info_to_task(&info, current)) {
		pr_info("%s[%d]: %s at %#lx ip %#lx sp %#lx: killed by %s\n", current->comm,
			current->pid, what, addr, instruction_pointer(regs),
			user_stack_pointer(regs), signal_name(sig));
		/*
		 * The exit may sleep (a pipe's mutex, a file's release): interrupts on, as
		 * in user mode, where the fault came from. The arch handler may have them
		 * off here (x86's refused iretq, a page fault that was not resolved).
		 */
		local_irq_enable();
		do_group_exit(fatal_exit_code(sig));
	}
}

void force_sig(int sig)
{
	kernel_siginfo_t info;

	clear_siginfo(&info);
	info.si_signo = sig;
	info.si_code = SI_KERNEL;
	force_sig_info_to_task(&info, current);
}

/* A frame for sig could not be built: SIGSEGV, with no handler if sig was SIGSEGV itself. */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV) {
		unsigned long flags;

		spin_lock_irqsave(&current->sighand->siglock, flags);
		current->sighand->action[SIGSEGV - 1].sa.sa_handler = SIG_DFL;
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
	}
	force_sig(SIGSEGV);
}
