// SPDX-License-Identifier: GPL-2.0
/*
 * Taking signals on the way back to user mode: get_signal() picks the next signal of the
 * current thread and runs its default action (ignore, stop, terminate, terminate with the
 * core bit), or returns it with its handler for the arch to build a frame; after the frame,
 * signal_setup_done() blocks what the handler runs with. The blocked-mask helpers the arch
 * and the syscalls share are here too (set_current_blocked, the saved mask of sigsuspend).
 *
 * Locking: current's sighand->siglock (irq-saving) around every look at the pending sets,
 * masks and handlers. The thread list of a process may be walked under siglock alone: fork
 * and release_task change it holding both tasklist_lock and siglock.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/syscall_trace.h>
#include "signal_internal.h"

/* ---- TIF_SIGPENDING --------------------------------------------------------------- */

/* Set TIF_SIGPENDING when t has something to do on its way out; true if so. siglock held. */
bool recalc_sigpending_tsk(struct task_struct *t)
{
	struct signal_struct *signal = t->signal;
	struct task_struct *exec_task = READ_ONCE(signal->group_exec_task);
	u64 blocked = t->blocked.sig[0];

	if ((t->pending.signal.sig[0] & ~blocked) ||
	    (signal->shared_pending.signal.sig[0] & ~blocked) ||
	    (t->jobctl & JOBCTL_STOP_PENDING) || (signal->flags & SIGNAL_GROUP_EXIT) ||
	    (exec_task && exec_task != t)) {
		set_tsk_thread_flag(t, TIF_SIGPENDING);
		return true;
	}
	return false;
}

/* current's TIF_SIGPENDING, set or cleared to match what is pending. siglock held. */
void recalc_sigpending(void)
{
	if (!recalc_sigpending_tsk(current))
		clear_tsk_thread_flag(current, TIF_SIGPENDING);
}

/* ---- dequeueing ------------------------------------------------------------------- */

/* The next signal of pending not in mask: a synchronous (fault) signal first, then the lowest. */
static int next_signal(const struct sigpending *pending, const sigset_t *mask)
{
	u64 x = pending->signal.sig[0] & ~mask->sig[0];

	if (!x)
		return 0;
	if (x & SYNCHRONOUS_MASK)
		x &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(x) + 1;
}

/*
 * Take one instance of sig from list into info: the oldest queued siginfo; the bit stays
 * while another instance is queued. A signal whose siginfo could not be queued (over
 * RLIMIT_SIGPENDING) comes out as Linux gives it: SI_USER from pid 0.
 */
static void collect_signal(int sig, struct sigpending *list, kernel_siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool still_pending = false;

	list_for_each_entry(q, &list->list, list) {
		if (q->info.si_signo == sig) {
			if (first) {
				still_pending = true;
				break;
			}
			first = q;
		}
	}
	if (!still_pending)
		sigdelset(&list->signal, sig);
	if (first) {
		list_del(&first->list);
		*info = first->info;
		sigqueue_free(first);
	} else {
		clear_siginfo(info);
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
}

/* Take the next signal of t not in mask, its own before its process's; 0 if none. */
int dequeue_signal(struct task_struct *t, const sigset_t *mask, kernel_siginfo_t *info)
{
	struct sigpending *from = &t->pending;
	int sig = next_signal(from, mask);

	if (!sig) {
		from = &t->signal->shared_pending;
		sig = next_signal(from, mask);
	}
	if (sig) {
		collect_signal(sig, from, info);
		if (sig_kernel_stop(sig))
			t->jobctl |= JOBCTL_STOP_DEQUEUED;
	}
	if (t == current)
		recalc_sigpending();
	return sig;
}

/* ---- get_signal ------------------------------------------------------------------- */

/*
 * The wait status of a death by sig: the signal, with the core bit (0x80) for the signals
 * whose default is a core dump when RLIMIT_CORE would let one be written. No core file is
 * written (docs/signals.md).
 */
int fatal_exit_code(int sig)
{
	if (sig_kernel_coredump(sig) && task_rlimit(current, RLIMIT_CORE) >= PAGE_SIZE)
		return sig | 0x80;
	return sig;
}

bool get_signal(struct ksignal *ksig)
{
	struct sighand_struct *sighand = current->sighand;
	struct signal_struct *signal = current->signal;

	for (;;) {
		struct k_sigaction *ka;
		struct task_struct *exec_task;
		int signr;

		spin_lock_irq(&sighand->siglock);
		/* The process is ending (exit_group, a fatal signal): this thread with it. */
		if (signal->flags & SIGNAL_GROUP_EXIT) {
			int code = signal->group_exit_code;

			spin_unlock_irq(&sighand->siglock);
			do_exit(code);
		}
		/* Another thread's exec replaces the program: this thread ends. */
		exec_task = READ_ONCE(signal->group_exec_task);
		if (exec_task && exec_task != current) {
			spin_unlock_irq(&sighand->siglock);
			do_exit(0);
		}
		/* A continue (or a stop cut short) the parent has yet to hear of. */
		{
			int why = jobctl_take_cld_report();

			if (why) {
				spin_unlock_irq(&sighand->siglock);
				do_notify_parent_cldstop(current, false, why);
				continue;
			}
		}
		/* A group stop this thread has yet to join (drops siglock). */
		if ((current->jobctl & JOBCTL_STOP_PENDING) && do_signal_stop(0))
			continue;

		signr = dequeue_signal(current, &current->blocked, &ksig->info);
		if (!signr) {
			spin_unlock_irq(&sighand->siglock);
			return false;
		}
		/* traced: recorded as strace sees it, before the action is chosen */
		if (IS_ENABLED(CONFIG_SYSCALL_TRACE) &&
		    (current->thread_info.syscall_work & SYSCALL_WORK_TRACE))
			trace_emit_signal(signr, &ksig->info);
		ka = &sighand->action[signr - 1];
		if (ka->sa.sa_handler == SIG_IGN) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (ka->sa.sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->sig = signr;
			if (ka->sa.sa_flags & SA_RESETHAND)
				ka->sa.sa_handler = SIG_DFL;
			spin_unlock_irq(&sighand->siglock);
			return true;
		}

		/* The default action. */
		if (sig_kernel_ignore(signr) ||
		    ((signal->flags & SIGNAL_UNKILLABLE) && !sig_kernel_only(signr))) {
			spin_unlock_irq(&sighand->siglock);
			continue;
		}
		if (sig_kernel_stop(signr)) {
			/* the terminal's stops mean nothing to an orphaned process group */
			if (signr != SIGSTOP) {
				spin_unlock_irq(&sighand->siglock);
				if (is_current_pgrp_orphaned())
					continue;
				spin_lock_irq(&sighand->siglock);
			}
			do_signal_stop(signr);		/* drops siglock */
			continue;
		}
		spin_unlock_irq(&sighand->siglock);
		do_group_exit(fatal_exit_code(signr));
	}
}

/* Block what the handler runs with: sa_mask, and sig itself unless SA_NODEFER. */
static void signal_delivered(struct ksignal *ksig, int stepping)
{
	sigset_t blocked = current->blocked;

	current->restore_sigmask = false;	/* the frame saved the mask to restore */
	sigaddsetmask(&blocked, ksig->ka.sa.sa_mask.sig[0]);
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&blocked, ksig->sig);
	set_current_blocked(&blocked);
	if (current->sas_ss_flags & SS_AUTODISARM) {
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
		current->sas_ss_flags = SS_DISABLE;
	}
}

void signal_setup_done(int failed, struct ksignal *ksig, int stepping)
{
	if (failed)
		force_sigsegv(ksig->sig);
	else
		signal_delivered(ksig, stepping);
}

/*
 * What the exit loop ran before the arch halves build frames: default actions only. A
 * signal with a handler is treated as a frame that could not be built (SIGSEGV). The arch
 * halves' arch_do_signal_or_restart replaces this.
 */
void do_signal(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		signal_setup_done(1, &ksig, 0);
		return;
	}
	restore_saved_sigmask();
}

/* ---- the blocked mask --------------------------------------------------------------- */

/*
 * Signals of the process current is about to block: another thread that does not block
 * them is woken to take them (Linux's retarget_shared_pending). siglock held.
 */
static void retarget_shared_pending(struct task_struct *tsk, u64 which)
{
	u64 retarget = tsk->signal->shared_pending.signal.sig[0] & which;
	struct task_struct *t;

	if (!retarget)
		return;
	list_for_each_entry(t, &tsk->signal->thread_head, thread_node) {
		if (t == tsk || (t->flags & PF_EXITING))
			continue;
		if ((retarget & ~t->blocked.sig[0]) && !signal_pending(t))
			signal_wake_up(t, false);
		retarget &= t->blocked.sig[0];
		if (!retarget)
			break;
	}
}

void __set_current_blocked(const sigset_t *newset)
{
	struct task_struct *tsk = current;
	unsigned long flags;

	if (tsk->blocked.sig[0] == newset->sig[0])
		return;
	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	if (signal_pending(tsk) && tsk->signal->nr_threads > 1)
		retarget_shared_pending(tsk, newset->sig[0] & ~tsk->blocked.sig[0]);
	tsk->blocked = *newset;
	recalc_sigpending();
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}

void set_current_blocked(sigset_t *newset)
{
	sigdelsetmask(newset, SIG_KERNEL_ONLY_MASK);
	__set_current_blocked(newset);
}

sigset_t *sigmask_to_save(void)
{
	return current->restore_sigmask ? &current->saved_sigmask : &current->blocked;
}

/*
 * sigsuspend, ppoll, pselect: saved_sigmask goes back once a handler's frame has saved it
 * (or at once when none runs). TIF_SIGPENDING makes sure the exit loop looks.
 */
void set_restore_sigmask(void)
{
	current->restore_sigmask = true;
	set_tsk_thread_flag(current, TIF_SIGPENDING);
}

void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		__set_current_blocked(&current->saved_sigmask);
	}
}

/* ---- restart_syscall ------------------------------------------------------------------ */

long do_no_restart_syscall(struct restart_block *parm)
{
	return -EINTR;
}

/* The call an -ERESTART_RESTARTBLOCK interrupted, resumed from what it left in restart_block. */
SYSCALL_DEFINE0(restart_syscall)
{
	struct restart_block *restart = &current->restart_block;

	if (!restart->fn)
		return -EINTR;
	return restart->fn(restart);
}

/*
 * do_exit, PF_EXITING set: this thread takes no more signals; process-wide ones it would
 * have taken go to a thread that can (Linux's exit_signals).
 */
void exit_signals(struct task_struct *tsk)
{
	unsigned long flags;
	bool stop_done;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	if (signal_pending(tsk) && tsk->signal->nr_threads > 1)
		retarget_shared_pending(tsk, ~tsk->blocked.sig[0]);
	stop_done = jobctl_exit(tsk);	/* a group stop no longer waits for this thread */
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	if (stop_done && !(tsk->signal->flags & SIGNAL_GROUP_EXIT))
		do_notify_parent_cldstop(tsk, false, CLD_STOPPED);
}
