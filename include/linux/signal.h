/*
 * Signals (issue 13): numbers, flags and codes are Linux's; the data is in
 * linux/signal_types.h, the 32-bit ABIs' layouts in linux/compat.h, the design and the
 * locking rules in docs/signals.md.
 *
 * The generic half (kernel/signal.c and friends) queues, masks and picks signals and runs
 * default actions; the arch half (arch/<arch>/kernel/signal*.c) builds and takes down the
 * frames a handler runs on and rewinds restarted syscalls. They meet here:
 *
 *   exit_to_user_mode_loop()            (kernel/entry/syscall-work.c, generic)
 *     -> arch_do_signal_or_restart(regs)  (arch) when _TIF_SIGPENDING is set:
 *          get_signal(&ksig)               (generic) dequeues; default actions happen inside
 *                                          (stop, continue, ignore, terminate, core); returns
 *                                          true with a handler to run
 *          the syscall-restart decision    (arch, by the -ERESTART* code in the return
 *                                          register and ksig.ka.sa.sa_flags & SA_RESTART)
 *          setup_rt_frame() / compat ones  (arch) using sigsp(), __save_altstack(),
 *                                          copy_siginfo_to_user{,32}(), sigmask_to_save()
 *          signal_setup_done(failed, ...)  (generic) masks, SA_RESETHAND; failed: SIGSEGV
 *        with no handler: rewind the restart codes (ERESTART_RESTARTBLOCK: the ABI's
 *        restart_syscall number) and restore_saved_sigmask()
 *   rt_sigreturn / sigreturn            (arch) restore registers, set_current_blocked(),
 *                                          restore_altstack(); the return to user mode
 *                                          restores every register (iretq, eret)
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/signal_types.h>

struct pt_regs;
struct task_struct;
struct sighand_struct;

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGIOT    6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1  10
#define SIGSEGV  11
#define SIGUSR2  12
#define SIGPIPE  13
#define SIGALRM  14
#define SIGTERM  15
#define SIGSTKFLT 16
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGXCPU  24
#define SIGXFSZ  25
#define SIGVTALRM 26
#define SIGPROF  27
#define SIGWINCH 28
#define SIGIO    29
#define SIGPOLL  SIGIO
#define SIGPWR   30
#define SIGSYS   31
#define SIGRTMIN 32
#define SIGRTMAX _NSIG

/* sa_flags (the same bits on x86 and arm, 64- and 32-bit) */
#define SA_NOCLDSTOP	0x00000001	/* no SIGCHLD when a child stops or continues */
#define SA_NOCLDWAIT	0x00000002	/* children do not become zombies */
#define SA_SIGINFO	0x00000004	/* handler(sig, siginfo *, ucontext *) */
#define SA_UNSUPPORTED	0x00000400	/* never supported: lets a caller probe flag support */
#define SA_EXPOSE_TAGBITS 0x00000800	/* arm64 tag bits in si_addr (accepted, no effect) */
#define SA_THIRTYTWO	0x02000000	/* arm: handler runs in AArch32 (old, ignored) */
#define SA_RESTORER	0x04000000	/* sa_restorer is the return trampoline */
#define SA_ONSTACK	0x08000000	/* run on the sigaltstack */
#define SA_RESTART	0x10000000	/* restart -ERESTARTSYS calls */
#define SA_NODEFER	0x40000000	/* do not block the signal in its own handler */
#define SA_RESETHAND	0x80000000	/* back to SIG_DFL once delivered */

/* rt_sigprocmask how */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sigaltstack */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048		/* x86; arm64's is 5120 (asm/signal.h may override) */

/* si_code: who sent it (<= 0: user space) */
#define SI_USER		0		/* kill() */
#define SI_KERNEL	0x80		/* the kernel */
#define SI_QUEUE	-1		/* sigqueue() */
#define SI_TIMER	-2
#define SI_MESGQ	-3
#define SI_ASYNCIO	-4
#define SI_SIGIO	-5
#define SI_TKILL	-6		/* tkill(), tgkill() */
#define SI_DETHREAD	-7
#define SI_ASYNCNL	-60

/* si_code of faults (Linux's) */
#define ILL_ILLOPC	1		/* illegal opcode */
#define ILL_ILLOPN	2
#define ILL_ILLADR	3
#define ILL_ILLTRP	4		/* illegal trap (arm: a bad private syscall number) */
#define ILL_PRVOPC	5		/* privileged opcode */
#define ILL_PRVREG	6
#define ILL_COPROC	7
#define ILL_BADSTK	8
#define FPE_INTDIV	1		/* integer divide by zero */
#define FPE_INTOVF	2
#define FPE_FLTDIV	3
#define FPE_FLTOVF	4
#define FPE_FLTUND	5
#define FPE_FLTRES	6
#define FPE_FLTINV	7
#define FPE_FLTSUB	8
#define SEGV_MAPERR	1		/* address not mapped */
#define SEGV_ACCERR	2		/* mapped, but the access is not allowed */
#define BUS_ADRALN	1		/* misaligned */
#define BUS_ADRERR	2		/* no such physical address (beyond a file's end) */
#define BUS_OBJERR	3
#define TRAP_BRKPT	1		/* breakpoint */
#define TRAP_TRACE	2		/* single step */
#define TRAP_BRANCH	3
#define TRAP_HWBKPT	4
#define TRAP_UNK	5
/* si_code of SIGCHLD */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/* ---- sets ---- */
static inline int sigmask(int sig)	/* only for signals below 32, as Linux's */
{
	return 1 << (sig - 1);
}

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[0] |= 1ULL << (sig - 1);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[0] &= ~(1ULL << (sig - 1));
}

static inline int sigismember(const sigset_t *set, int sig)
{
	return (set->sig[0] >> (sig - 1)) & 1;
}

static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
}

static inline int sigisemptyset(const sigset_t *set)
{
	return set->sig[0] == 0;
}

static inline void sigaddsetmask(sigset_t *set, u64 mask)
{
	set->sig[0] |= mask;
}

static inline void sigdelsetmask(sigset_t *set, u64 mask)
{
	set->sig[0] &= ~mask;
}

#define sig_kernel_only(sig)	((sig) == SIGKILL || (sig) == SIGSTOP)
#define sig_user_defined(t, sig)	/* a handler, not SIG_DFL or SIG_IGN */		\
	((unsigned long)(t)->sighand->action[(sig) - 1].sa.sa_handler > 1)

/* ---- generic: kernel/signal.c ---- */
const char *signal_name(int sig);

/* Picks the next signal for current, running default actions; true: ksig has a handler. */
bool get_signal(struct ksignal *ksig);
/* After the arch built (failed == 0) or could not build the frame for ksig. */
void signal_setup_done(int failed, struct ksignal *ksig, int stepping);
/* The stack pointer a frame is built below: sp, or the top of the sigaltstack. */
unsigned long sigsp(unsigned long sp, struct ksignal *ksig);
int on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
/* The sigaltstack saved into a frame's uc_stack / restored by sigreturn (0 or -EFAULT). */
int __save_altstack(stack_t __user *uss, unsigned long sp);
int restore_altstack(const stack_t __user *uss);

void set_current_blocked(sigset_t *newset);	/* SIGKILL/SIGSTOP removed */
void __set_current_blocked(const sigset_t *newset);
sigset_t *sigmask_to_save(void);		/* saved_sigmask after sigsuspend, else blocked */
void set_restore_sigmask(void);		/* sigsuspend/ppoll/pselect: restore on the way out */
void restore_saved_sigmask(void);		/* when no handler ran */
void recalc_sigpending(void);

/* siginfo_t (128 bytes) for user space: 0 or -EFAULT. */
int copy_siginfo_to_user(siginfo_t __user *to, const kernel_siginfo_t *from);
int copy_siginfo_from_user(int sig, kernel_siginfo_t *to, const siginfo_t __user *from);
void copy_siginfo_to_external(siginfo_t *to, const kernel_siginfo_t *from);
static inline void clear_siginfo(kernel_siginfo_t *info)
{
	__builtin_memset(info, 0, sizeof(*info));
}

/*
 * Sending. send_sig_info() and friends queue sig for p (one thread: tkill, faults) or its
 * process (group_send_sig_info: kill) and wake a thread that can take it. priv/SEND_SIG_PRIV:
 * from the kernel, no permission check, si_code SI_KERNEL.
 */
#define SEND_SIG_NOINFO	((kernel_siginfo_t *)0)		/* SI_USER from current */
#define SEND_SIG_PRIV	((kernel_siginfo_t *)1)		/* SI_KERNEL */
int send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
int send_sig(int sig, struct task_struct *p, int priv);
int group_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p);
int do_send_sig_info(int sig, kernel_siginfo_t *info, struct task_struct *p, bool group);

/*
 * sig to every process of the process group pgrp, as the kernel sends it (the terminal's
 * ^C, SIGHUP, SIGWINCH): no permission check. 0, or -ESRCH when the group is empty.
 * Takes tasklist_lock: callable from interrupt context, not with it held.
 */
int kill_pgrp(int pgrp, int sig);

/*
 * Orphaned process groups (kernel/jobctl.c): no member has a parent in another group of
 * the same session. is_current_pgrp_orphaned takes tasklist_lock; the other two want it
 * held. kill_orphaned_pgrp is exit's SIGHUP + SIGCONT to a group it leaves orphaned with a
 * stopped member (parent NULL: tsk is the exiting process; else tsk is a child of the
 * exiting parent, already reparented).
 */
bool is_current_pgrp_orphaned(void);
bool will_become_orphaned_pgrp(pid_t pgrp, struct task_struct *ignored);
void kill_orphaned_pgrp(struct task_struct *tsk, struct task_struct *parent);

/*
 * A user-mode fault: sig with si_code and si_addr to current, unblocked and un-ignored
 * (as Linux's force_sig_fault: a blocked or ignored fault signal kills). 'what' names the
 * fault ("page fault", "general protection", "undefined instruction") for the kernel log
 * line printed when the signal has no handler (Linux's show_unhandled_signals line). The arch
 * stores its extra fault data (x86 trap_nr/error_code, arm64 fault_code/ESR) in
 * current->thread before calling, for the frame's context.
 */
void force_sig_fault(struct pt_regs *regs, int sig, int code, unsigned long addr,
		     const char *what);
void force_sig(int sig);			/* SI_KERNEL, unblocked */
void force_sigsegv(int sig);			/* a frame could not be built for sig */

/* SIGCHLD and the wait status to the parent when tsk stops, continues (why: CLD_*). */
void do_notify_parent_cldstop(struct task_struct *tsk, bool for_ptracer, int why);
/* At exit: the exit signal to the parent; true: the child reaps itself (SIG_IGN/NOCLDWAIT). */
bool do_notify_parent(struct task_struct *tsk, int sig);

/* fork/exec/exit life of the signal data (kernel/signal.c) */
int copy_sighand(unsigned long long clone_flags, struct task_struct *p);
void flush_signal_handlers(struct task_struct *t, int force_default);	/* exec */
void exit_signals(struct task_struct *tsk);		/* do_exit: pending process signals to others */
int unshare_sighand(struct task_struct *me);		/* exec: handlers of its own (-ENOMEM) */
void exec_signals(void);				/* exec: caught -> SIG_DFL, no altstack */
void release_task_signals(struct task_struct *p, bool last_of_process);	/* tasklist_lock held */
struct signal_struct;
void itimer_exit(struct signal_struct *sig);		/* the process is freed: its ITIMER_REAL goes */
void __cleanup_sighand(struct sighand_struct *sighand);
void flush_sigqueue(struct sigpending *queue);
static inline void init_sigpending(struct sigpending *sig)
{
	sigemptyset(&sig->signal);
	INIT_LIST_HEAD(&sig->list);
}

/* restart_syscall(2) ends here when a block has nothing to resume: -EINTR */
long do_no_restart_syscall(struct restart_block *parm);

/*
 * arch/<arch>/kernel/signal.c: the exit work loop calls it with _TIF_SIGPENDING set.
 * do_signal() is what it did before handlers existed (a group exit or another thread's
 * exec ends this thread); kernel/signal.c keeps it until get_signal() takes its job.
 */
void arch_do_signal_or_restart(struct pt_regs *regs);
void do_signal(struct pt_regs *regs);

#endif
