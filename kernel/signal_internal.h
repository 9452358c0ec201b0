/*
 * What the files of the generic signal code share among themselves (kernel/signal*.c,
 * kernel/jobctl.c, kernel/itimer.c): the classes of signals by default action, and the
 * queueing primitives. Not for other parts of the kernel: they use linux/signal.h.
 */
#ifndef _KERNEL_SIGNAL_INTERNAL_H
#define _KERNEL_SIGNAL_INTERNAL_H

#include <linux/signal.h>
#include <linux/sched.h>

#define SIGBIT(sig)	(1ULL << ((sig) - 1))

/* Default actions of the classic signals (the real-time ones all terminate). */
#define SIG_KERNEL_ONLY_MASK	(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define SIG_KERNEL_STOP_MASK	(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))
#define SIG_KERNEL_COREDUMP_MASK (SIGBIT(SIGQUIT) | SIGBIT(SIGILL) | SIGBIT(SIGTRAP) |	\
				  SIGBIT(SIGABRT) | SIGBIT(SIGFPE) | SIGBIT(SIGSEGV) |	\
				  SIGBIT(SIGBUS) | SIGBIT(SIGSYS) | SIGBIT(SIGXCPU) |	\
				  SIGBIT(SIGXFSZ))
#define SIG_KERNEL_IGNORE_MASK	(SIGBIT(SIGCONT) | SIGBIT(SIGCHLD) | SIGBIT(SIGWINCH) |	\
				 SIGBIT(SIGURG))
/* Raised by the instruction that just ran: taken before anything else is delivered. */
#define SYNCHRONOUS_MASK	(SIGBIT(SIGSEGV) | SIGBIT(SIGBUS) | SIGBIT(SIGILL) |	\
				 SIGBIT(SIGTRAP) | SIGBIT(SIGFPE) | SIGBIT(SIGSYS))

static inline bool sig_in(int sig, u64 mask)
{
	return sig < SIGRTMIN && (mask & SIGBIT(sig));
}
#define sig_kernel_stop(sig)		sig_in(sig, SIG_KERNEL_STOP_MASK)
#define sig_kernel_coredump(sig)	sig_in(sig, SIG_KERNEL_COREDUMP_MASK)
#define sig_kernel_ignore(sig)		sig_in(sig, SIG_KERNEL_IGNORE_MASK)

static inline bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

static inline __sighandler_t sig_handler(struct task_struct *t, int sig)
{
	return t->sighand->action[sig - 1].sa.sa_handler;
}

/* Ignored outright: SIG_IGN, or SIG_DFL whose default is to ignore. */
static inline bool sig_handler_ignored(__sighandler_t handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_kernel_ignore(sig));
}

/* The default action ends the process (not a stop, not an ignore). */
static inline bool sig_fatal(struct task_struct *t, int sig)
{
	return !sig_in(sig, SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK) &&
	       sig_handler(t, sig) == SIG_DFL;
}

static inline bool is_si_special(const kernel_siginfo_t *info)
{
	return info == SEND_SIG_NOINFO || info == SEND_SIG_PRIV;
}

/* From user space (kill, sigqueue): permission checks apply. */
static inline bool si_fromuser(const kernel_siginfo_t *info)
{
	return info == SEND_SIG_NOINFO || (!is_si_special(info) && info->si_code <= 0);
}

/* kernel/signal.c, under tasklist_lock and the target's siglock */
int send_signal_locked(int sig, kernel_siginfo_t *info, struct task_struct *t, bool group);
void signal_wake_up(struct task_struct *t, bool fatal);
bool recalc_sigpending_tsk(struct task_struct *t);
void flush_sigqueue_mask(u64 mask, struct sigpending *s);
int check_kill_permission(int sig, kernel_siginfo_t *info, struct task_struct *t);
/* kernel/signal.c, taking the locks: to pid's process; to thread pid (of tgid if > 0) */
int kill_proc_info(int sig, kernel_siginfo_t *info, pid_t pid);
int do_send_specific(pid_t tgid, pid_t pid, int sig, kernel_siginfo_t *info);
/* kernel/signal_deliver.c, siglock held: the next unblocked signal of current, or 0 */
int dequeue_signal(struct task_struct *t, const sigset_t *mask, kernel_siginfo_t *info);
/* the wait status a death by sig leaves: sig, | 0x80 when a core would be written */
int fatal_exit_code(int sig);

/* kernel/jobctl.c: SIGCONT sent to p's process (tasklist_lock and siglock held) */
void jobctl_continue(struct task_struct *p);
/* kernel/jobctl.c: current joins (or starts, signr != 0) a group stop. Called with siglock
 * held, returns with it released; true when it stopped (the caller looks again). */
bool do_signal_stop(int signr);
/* kernel/jobctl.c, get_signal with siglock held: a CLD_* report owed to the parent, or 0 */
int jobctl_take_cld_report(void);
bool jobctl_exit(struct task_struct *t);
/* kernel/signal.c */
void sigqueue_free(struct sigqueue *q);
/* kernel/signal_life.c: exec's swap to handlers of its own; allocated sighand_structs */
void sighand_replace(struct task_struct *me, struct sighand_struct *new);
extern long nr_sighand_structs;
/* kernel/signal.c: sig to every process of group pgrp, under tasklist_lock */
int kill_pgrp_locked(int sig, kernel_siginfo_t *info, pid_t pgrp);

/* kernel/signal_syscalls.c: the bodies the old and compat forms share */
int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact);
int sigprocmask(int how, sigset_t *set, sigset_t *oldset);

/* The siginfo a kill(2) carries from current. */
void prepare_kill_siginfo(int sig, kernel_siginfo_t *info);

#endif
