// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery, minimal form: user faults raise a signal whose default action ends the
 * process (no handlers or sigreturn yet); its wait status says which signal (init's death
 * powers off with 128 + signal).
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <asm/ptrace.h>

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

/* The process dies of sig (no handlers yet): its wait status is the signal number. */
void force_sig_fault(struct pt_regs *regs, int sig, int code, unsigned long addr, const char *what)
{
	pr_info("%s[%d]: %s at %#lx ip %#lx sp %#lx: killed by %s\n", current->comm,
		current->pid, what, addr, instruction_pointer(regs), user_stack_pointer(regs),
		signal_name(sig));
	do_group_exit(sig);
}

/*
 * On the way back to user mode with TIF_SIGPENDING: so far the only thing that sets it is
 * the end of the process (exit_group or a fatal fault in another thread, or an exec in
 * another thread), which this thread joins.
 */
void do_signal(struct pt_regs *regs)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *exec_task = READ_ONCE(sig->group_exec_task);

	clear_tsk_thread_flag(current, TIF_SIGPENDING);
	if (READ_ONCE(sig->flags) & SIGNAL_GROUP_EXIT)
		do_exit(sig->group_exit_code);
	if (exec_task && exec_task != current)
		do_exit(0);		/* another thread's exec replaces the program */
}

/*
 * Sending a signal, before handlers exist (the signals issue adds them, with stop and
 * continue): a signal whose default action is to ignore it (SIGCHLD, SIGCONT, SIGURG,
 * SIGWINCH) is dropped; every other one ends the target process, as its default action
 * would. 0 or -EPERM (not root and not the same user), under tasklist_lock.
 */
static void default_action_locked(int sig, struct task_struct *p)
{
	struct signal_struct *s = p->signal;

	if (!sig || sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH)
		return;
	if (p->group_leader->pid == 1)
		return;	/* init gets only the signals it has handlers for (none yet),
			 * not even SIGKILL from inside, as on Linux */
	if (!(s->flags & SIGNAL_GROUP_EXIT))
		zap_other_threads(s, sig, NULL);	/* every thread, none excepted */
}

static int send_default_signal(int sig, struct task_struct *p)
{
	const struct cred *me = &current->cred, *them = &p->cred;

	if (me->euid && me->euid != them->suid && me->euid != them->uid &&
	    me->uid != them->suid && me->uid != them->uid)
		return -EPERM;
	default_action_locked(sig, p);
	return 0;
}

/*
 * A signal the kernel sends (SIGPIPE to a writer of a pipe with no reader): no permission
 * check; for now its default action, as kill's. 'priv' is Linux's argument, unused here.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	default_action_locked(sig, p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

/* kill(pid, sig): pid > 0 that process, 0 the caller's group, -1 every process it may
 * signal but init and itself, < -1 the group -pid. */
SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	struct task_struct *p;
	unsigned long flags;
	int ret = -ESRCH, found = 0;

	if (sig < 0 || sig > 64)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid > 0) {
		p = find_task_by_pid(pid);
		if (p && READ_ONCE(p->signal->live) > 0) {	/* a thread of it still runs */
			p = p->group_leader;
			ret = send_default_signal(sig, p);
		} else if (p) {
			ret = 0;	/* a zombie: nothing to do, but it exists */
		}
	} else {
		pid_t pgrp = pid == 0 ? current->signal->pgrp : -pid;

		ret = 0;
		for_each_process_thread(p) {
			if (!thread_group_leader(p) || p->flags & PF_KTHREAD)
				continue;
			if (pid == -1 ? (p->pid == 1 || p->tgid == current->tgid) :
					p->signal->pgrp != pgrp)
				continue;
			found++;
			if (send_default_signal(sig, p))
				ret = -EPERM;
		}
		if (!found)
			ret = -ESRCH;
		else if (ret && pid != -1)
			ret = -EPERM;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

int kill_pgrp(int pgrp, int sig)
{
	struct task_struct *p;
	unsigned long flags;
	int found = 0;

	if (pgrp <= 0)
		return -ESRCH;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process_thread(p) {
		if (!thread_group_leader(p) || p->flags & PF_KTHREAD || p->exit_state)
			continue;
		if (p->signal->pgrp != pgrp)
			continue;
		found++;
		default_action_locked(sig, p);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return found ? 0 : -ESRCH;
}
