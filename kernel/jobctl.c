// SPDX-License-Identifier: GPL-2.0
/*
 * Job control: the group stop (the default action of SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU),
 * SIGCONT, and what the parent hears of them (SIGCHLD with CLD_STOPPED / CLD_CONTINUED,
 * and wait4's WUNTRACED / WCONTINUED reports, kernel/exit.c).
 *
 *   a thread takes a stop signal (get_signal)
 *     -> every thread of the process gets JOBCTL_STOP_PENDING and is woken; group_stop_count
 *        counts those yet to stop. Each one, in get_signal, stops (TASK_STOPPED); the last
 *        one marks the process SIGNAL_STOP_STOPPED (group_exit_code = the signal, for wait)
 *        and tells the parent.
 *   SIGCONT is sent (prepare_signal, sender's context)
 *     -> pending stops are discarded, every thread is woken, SIGNAL_STOP_CONTINUED is set
 *        for wait, and SIGNAL_CLD_CONTINUED (or _STOPPED, for a stop not complete) asks the
 *        first thread to run get_signal to tell the parent.
 *   SIGKILL wakes stopped threads (signal_wake_up with fatal).
 *
 * Locking: the job-control state of signal_struct and task->jobctl under siglock; the
 * parent is reached under tasklist_lock (taken first).
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include "signal_internal.h"

#define SIGNAL_CLD_MASK		(SIGNAL_CLD_STOPPED | SIGNAL_CLD_CONTINUED)
#define SIGNAL_STOP_MASK	(SIGNAL_CLD_MASK | SIGNAL_STOP_STOPPED | SIGNAL_STOP_CONTINUED)
#define JOBCTL_STOP_BITS	(JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME | JOBCTL_STOP_SIGMASK)

static void signal_set_stop_flags(struct signal_struct *sig, unsigned int flags)
{
	sig->flags = (sig->flags & ~SIGNAL_STOP_MASK) | flags;
}

/* t is done with its part of the group stop; true if that completed the stop. siglock held. */
static bool task_participate_group_stop(struct task_struct *t)
{
	struct signal_struct *sig = t->signal;
	bool consume = t->jobctl & JOBCTL_STOP_CONSUME;

	t->jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME);
	if (consume && sig->group_stop_count)
		sig->group_stop_count--;
	if (!sig->group_stop_count && !(sig->flags & SIGNAL_STOP_STOPPED)) {
		signal_set_stop_flags(sig, SIGNAL_STOP_STOPPED);
		return true;
	}
	return false;
}

/*
 * Start the group stop for signr (0: join one already started), then stop. Entered with
 * siglock held (interrupts off), leaves without it. false when there was nothing to do.
 */
bool do_signal_stop(int signr)
{
	struct signal_struct *sig = current->signal;
	struct sighand_struct *sh = current->sighand;
	bool notify;

	if (!(current->jobctl & JOBCTL_STOP_PENDING)) {
		struct task_struct *t;

		if (!(current->jobctl & JOBCTL_STOP_DEQUEUED) || (sig->flags & SIGNAL_GROUP_EXIT) ||
		    sig->group_exec_task) {
			spin_unlock_irq(&sh->siglock);
			return false;
		}
		/* A new stop (or a second stop signal while stopped: it only updates the code). */
		if (!(sig->flags & SIGNAL_STOP_STOPPED))
			sig->group_exit_code = signr;
		sig->group_stop_count = 0;
		current->jobctl = (current->jobctl & ~JOBCTL_STOP_BITS) | signr |
				  JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME;
		sig->group_stop_count++;
		list_for_each_entry(t, &sig->thread_head, thread_node) {
			if (t == current || (t->flags & PF_EXITING))
				continue;
			if (!(t->jobctl & JOBCTL_STOP_PENDING)) {
				t->jobctl = (t->jobctl & ~JOBCTL_STOP_BITS) | signr |
					    JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME;
				sig->group_stop_count++;
				signal_wake_up(t, false);
			}
		}
	}
	current->jobctl &= ~JOBCTL_STOP_DEQUEUED;
	notify = task_participate_group_stop(current);
	current->__state = TASK_STOPPED;
	spin_unlock_irq(&sh->siglock);
	if (notify)
		do_notify_parent_cldstop(current, false, CLD_STOPPED);
	schedule();		/* until SIGCONT or SIGKILL wakes us */
	return true;
}

/* An exiting thread counted in a group stop: its part is done. siglock held; true if the
 * stop is now complete (the caller tells the parent, without siglock). */
bool jobctl_exit(struct task_struct *t)
{
	return (t->jobctl & JOBCTL_STOP_PENDING) && task_participate_group_stop(t);
}

/*
 * SIGCONT sent to p's process (tasklist_lock and siglock held): its stop ends, each thread
 * runs again, and the parent is to hear of it.
 */
void jobctl_continue(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;
	struct task_struct *t;
	unsigned int why = 0;

	list_for_each_entry(t, &sig->thread_head, thread_node) {
		t->jobctl &= ~(JOBCTL_STOP_PENDING | JOBCTL_STOP_CONSUME);
		wake_up_state(t, TASK_STOPPED);
	}
	if (sig->flags & SIGNAL_STOP_STOPPED)
		why = SIGNAL_CLD_CONTINUED;
	else if (sig->group_stop_count)
		why = SIGNAL_CLD_STOPPED;
	if (why) {
		signal_set_stop_flags(sig, why | SIGNAL_STOP_CONTINUED);
		sig->group_stop_count = 0;
		sig->group_exit_code = 0;
		/* the first thread back in get_signal tells the parent */
		list_for_each_entry(t, &sig->thread_head, thread_node)
			if (!(t->flags & PF_EXITING)) {
				set_tsk_thread_flag(t, TIF_SIGPENDING);
				break;
			}
	}
}

/*
 * get_signal, siglock held: a continue (or a stop cut short) the parent has yet to hear
 * of. Returns the CLD_* code to report, or 0; the flag is taken.
 */
int jobctl_take_cld_report(void)
{
	struct signal_struct *sig = current->signal;
	int why;

	if (!(sig->flags & SIGNAL_CLD_MASK))
		return 0;
	why = sig->flags & SIGNAL_CLD_CONTINUED ? CLD_CONTINUED : CLD_STOPPED;
	sig->flags &= ~SIGNAL_CLD_MASK;
	return why;
}

/* ns -> clock ticks of USER_HZ (100), as siginfo's si_utime/si_stime hold them */
static long ns_to_clock_t(u64 ns)
{
	return (long)(ns / (1000000000ULL / 100));
}

/* SIGCHLD to tsk's parent for a stop or a continue (unless it asked SA_NOCLDSTOP), and
 * its wait woken. Called with no lock held. */
void do_notify_parent_cldstop(struct task_struct *tsk, bool for_ptracer, int why)
{
	struct task_struct *leader, *parent;
	kernel_siginfo_t info;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	leader = tsk->group_leader;
	parent = leader->real_parent;
	clear_siginfo(&info);
	info.si_signo = SIGCHLD;
	info.si_code = why;
	info.si_pid = leader->pid;
	info.si_uid = leader->cred.uid;
	info.si_utime = ns_to_clock_t(tsk->utime);
	info.si_stime = ns_to_clock_t(tsk->stime);
	info.si_status = why == CLD_CONTINUED ? SIGCONT : tsk->signal->group_exit_code & 0x7f;
	if (parent && parent->sighand) {
		struct k_sigaction *ka;

		spin_lock(&parent->sighand->siglock);
		ka = &parent->sighand->action[SIGCHLD - 1];
		if (ka->sa.sa_handler != SIG_IGN && !(ka->sa.sa_flags & SA_NOCLDSTOP))
			send_signal_locked(SIGCHLD, &info, parent, true);
		spin_unlock(&parent->sighand->siglock);
		wake_up(&parent->signal->wait_chldexit);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * At exit, tasklist_lock held: the exit signal (normally SIGCHLD, with CLD_EXITED/KILLED/
 * DUMPED) to tsk's parent and its wait woken. true: the parent ignores SIGCHLD or set
 * SA_NOCLDWAIT, so the child reaps itself (no zombie), as Linux.
 */
bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->real_parent;
	struct signal_struct *s = tsk->signal;
	int code = s->flags & SIGNAL_GROUP_EXIT ? s->group_exit_code : tsk->exit_code;
	kernel_siginfo_t info;
	bool autoreap = false;

	clear_siginfo(&info);
	info.si_signo = sig;
	info.si_pid = tsk->pid;
	info.si_uid = tsk->cred.uid;
	info.si_utime = ns_to_clock_t(tsk->utime + s->utime);
	info.si_stime = ns_to_clock_t(tsk->stime + s->stime);
	if (code & 0x80) {
		info.si_code = CLD_DUMPED;
		info.si_status = code & 0x7f;
	} else if (code & 0x7f) {
		info.si_code = CLD_KILLED;
		info.si_status = code & 0x7f;
	} else {
		info.si_code = CLD_EXITED;
		info.si_status = (code >> 8) & 0xff;
	}
	if (parent->sighand) {
		struct k_sigaction *ka;

		spin_lock(&parent->sighand->siglock);
		ka = &parent->sighand->action[SIGCHLD - 1];
		if (sig == SIGCHLD &&
		    (ka->sa.sa_handler == SIG_IGN || (ka->sa.sa_flags & SA_NOCLDWAIT))) {
			autoreap = true;
			if (ka->sa.sa_handler == SIG_IGN)
				sig = 0;
		}
		if (sig > 0 && valid_signal(sig))
			send_signal_locked(sig, &info, parent, true);
		spin_unlock(&parent->sighand->siglock);
	}
	wake_up(&parent->signal->wait_chldexit);
	return autoreap;
}

/*
 * Would process group pgrp be orphaned once 'ignored' is gone (NULL: as it is now)? It is
 * when no member has a parent in another group of the same session: nobody left could
 * continue it after a stop. Zombies do not count, nor do init's children (Linux's
 * will_become_orphaned_pgrp). Under tasklist_lock.
 */
bool will_become_orphaned_pgrp(pid_t pgrp, struct task_struct *ignored)
{
	struct task_struct *p;

	for_each_process_thread(p) {
		struct task_struct *parent;

		if (!thread_group_leader(p) || (p->flags & PF_KTHREAD) || p->signal->pgrp != pgrp)
			continue;
		if (p == ignored || (p->exit_state && p->signal->nr_threads == 1))
			continue;
		parent = p->real_parent;
		if (!parent || parent->tgid == 1 || parent->flags & PF_KTHREAD)
			continue;
		if (parent->signal->pgrp != pgrp && parent->signal->session == p->signal->session)
			return false;
	}
	return true;
}

/*
 * Is current's process group orphaned? Then the terminal's stop signals are discarded
 * (get_signal) and a background read or terminal change is EIO (tty_jobctrl.c): nobody
 * could continue it. Takes tasklist_lock.
 */
bool is_current_pgrp_orphaned(void)
{
	unsigned long flags;
	bool orphaned;

	spin_lock_irqsave(&tasklist_lock, flags);
	orphaned = will_become_orphaned_pgrp(current->signal->pgrp, NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return orphaned;
}

/* Is a process of group pgrp stopped (a completed group stop)? Under tasklist_lock. */
static bool has_stopped_jobs(pid_t pgrp)
{
	struct task_struct *p;

	for_each_process_thread(p)
		if (thread_group_leader(p) && p->signal->pgrp == pgrp &&
		    (p->signal->flags & SIGNAL_STOP_STOPPED))
			return true;
	return false;
}

/*
 * At exit (tasklist_lock held): a process group that the exit leaves orphaned and that has
 * a stopped member would stay stopped for ever, so it gets SIGHUP then SIGCONT (POSIX;
 * Linux's kill_orphaned_pgrp). Two calls per exit, as Linux:
 *   parent == NULL: tsk is the exiting process; its own group loses tsk's parent as its
 *     link outside (that parent is in another group of the same session);
 *   parent != NULL: tsk is a child of the exiting 'parent', already handed to its new
 *     parent; its group loses 'parent' as that link.
 */
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent)
{
	pid_t pgrp = tsk->signal->pgrp;
	struct task_struct *ignored = tsk;

	if (!parent)
		parent = tsk->real_parent;
	else
		ignored = NULL;
	if (!parent || parent->signal->pgrp == pgrp ||
	    parent->signal->session != tsk->signal->session)
		return;
	if (will_become_orphaned_pgrp(pgrp, ignored) && has_stopped_jobs(pgrp)) {
		kill_pgrp_locked(SIGHUP, SEND_SIG_PRIV, pgrp);
		kill_pgrp_locked(SIGCONT, SEND_SIG_PRIV, pgrp);
	}
}
