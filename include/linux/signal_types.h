/*
 * The data of signals (issue 13): what a task and a process keep, what user space hands in
 * and gets back. Layouts marked "user" are Linux's user ABI for the 64-bit ABIs (x86_64,
 * arm64: both use the generic layouts); the 32-bit ABIs' forms are in linux/compat.h.
 *
 * Who owns what (locking rules, written out in docs/signals.md):
 *   sighand->siglock   the handlers (sighand->action[]), every pending set of the process
 *                      (each thread's task->pending and signal->shared_pending), each
 *                      thread's blocked mask, and the job-control state in signal_struct.
 *                      An irq-saving lock: the terminal's ^C and the timer's SIGALRM send
 *                      from interrupt context.
 *   tasklist_lock      which tasks exist and their relations (kill's pid and group lookups);
 *                      taken before siglock when both are needed, never after.
 *   current only       sas_ss_* (sigaltstack), restart_block, saved_sigmask.
 */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>

#define _NSIG		64		/* signals 1..64; 32..64 are the real-time ones */
#define _NSIG_BPW	64
#define _NSIG_WORDS	(_NSIG / _NSIG_BPW)

/* A set of signals: bit (sig - 1). One 64-bit word on every ABI the kernel runs on. */
typedef struct {
	u64 sig[_NSIG_WORDS];
} sigset_t;

/* user: the value a sender attaches (sigqueue, timers) */
typedef union sigval {
	int sival_int;
	void __user *sival_ptr;
} sigval_t;

/*
 * What the kernel knows about one signal being sent: si_signo, si_errno, si_code, then the
 * union of Linux's __sifields. The kernel form has no padding; user space gets it as a
 * 128-byte siginfo_t through copy_siginfo_to_user() (or copy_siginfo_to_user32()), with
 * the bytes after the fields of its si_code's kind zeroed.
 */
typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		struct {			/* kill, tkill, SI_USER, SI_TKILL */
			pid_t pid;
			uid_t uid;
		} kill;
		struct {			/* POSIX timers (not implemented) */
			int tid;
			int overrun;
			sigval_t sigval;
		} timer;
		struct {			/* sigqueue, SI_QUEUE and other negative codes */
			pid_t pid;
			uid_t uid;
			sigval_t sigval;
		} rt;
		struct {			/* SIGCHLD */
			pid_t pid;
			uid_t uid;
			int status;		/* exit code or signal number (CLD_*) */
			long utime, stime;	/* clock ticks */
		} sigchld;
		struct {			/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			void __user *addr;	/* the faulting address or instruction */
			union {			/* by si_code: siginfo_layout() */
				short addr_lsb;	/* BUS_MCEERR_AR/AO */
				/* after a pointer-sized hole, where addr_lsb would be */
				struct {	/* SEGV_BNDERR */
					char pad[sizeof(void *)];
					void __user *lower, *upper;
				} addr_bnd;
				struct {	/* SEGV_PKUERR */
					char pad[sizeof(void *)];
					u32 pkey;
				} addr_pkey;
				struct {	/* TRAP_PERF */
					unsigned long data;
					u32 type, flags;
				} perf;
			};
		} sigfault;
		struct {			/* SIGPOLL / SIGIO */
			long band;
			int fd;
		} sigpoll;
		struct {			/* SIGSYS (seccomp; not implemented) */
			void __user *call_addr;
			int syscall;
			unsigned int arch;
		} sigsys;
	} _sifields;
} kernel_siginfo_t;

#define si_pid		_sifields.kill.pid
#define si_uid		_sifields.kill.uid
#define si_value	_sifields.rt.sigval
#define si_int		_sifields.rt.sigval.sival_int
#define si_ptr		_sifields.rt.sigval.sival_ptr
#define si_status	_sifields.sigchld.status
#define si_utime	_sifields.sigchld.utime
#define si_stime	_sifields.sigchld.stime
#define si_addr		_sifields.sigfault.addr
#define si_band		_sifields.sigpoll.band
#define si_fd		_sifields.sigpoll.fd

#define SI_MAX_SIZE	128		/* user: sizeof(siginfo_t) on every ABI */

/* user: the 64-bit siginfo_t, opaque here; copy_siginfo_to_user() writes it. */
typedef struct siginfo {
	/* 8-aligned as the user's (it holds pointers): a frame image's copy is word stores */
	u8 bytes[SI_MAX_SIZE] __attribute__((__aligned__(8)));
} siginfo_t;

/* One queued signal: real-time signals queue every instance, others at most one. */
struct sigqueue {
	struct list_head list;
	int flags;			/* SIGQUEUE_PREALLOC */
	kernel_siginfo_t info;
	int user_slot;			/* the RLIMIT_SIGPENDING count (kernel/signal.c) it is charged to */
};

/* A pending set: the bits, and the queued siginfo for those that carry one. */
struct sigpending {
	struct list_head list;		/* of struct sigqueue */
	sigset_t signal;
};

typedef void __signalfn_t(int);
typedef __signalfn_t __user *__sighandler_t;
typedef void __restorefn_t(void);
typedef __restorefn_t __user *__sigrestore_t;

#define SIG_DFL	((__sighandler_t)0)	/* default action */
#define SIG_IGN	((__sighandler_t)1)	/* ignore */
#define SIG_ERR	((__sighandler_t)-1)

/*
 * A handler as the kernel keeps it. It is also the user layout of rt_sigaction's struct
 * on x86_64 and arm64 (handler, flags as unsigned long, restorer, mask); the 32-bit ABIs'
 * struct compat_sigaction and old_sigaction differ (linux/compat.h).
 */
struct sigaction {
	__sighandler_t sa_handler;
	unsigned long sa_flags;
	__sigrestore_t sa_restorer;
	sigset_t sa_mask;		/* blocked while the handler runs */
};

struct k_sigaction {
	struct sigaction sa;
};

/* A signal get_signal() picked for a handler, for the arch to build its frame. */
struct ksignal {
	struct k_sigaction ka;		/* a copy: the handler may change meanwhile */
	kernel_siginfo_t info;
	int sig;
};

/* user: stack_t of sigaltstack on the 64-bit ABIs */
typedef struct sigaltstack {
	void __user *ss_sp;
	int ss_flags;			/* SS_ONSTACK, SS_DISABLE, SS_AUTODISARM */
	size_t ss_size;
} stack_t;

/*
 * What restart_syscall() needs to resume a call interrupted by a signal with a handler-less
 * -ERESTART_RESTARTBLOCK (nanosleep's remaining time, futex waits, poll's timeout). The call
 * fills it before returning that code; restart_syscall() calls fn.
 */
struct restart_block {
	unsigned long arch_data;	/* the arch's, if it needs one (unused so far) */
	long (*fn)(struct restart_block *);
	union {
		struct {			/* futex_wait */
			u32 __user *uaddr;
			u32 val;
			u32 flags;
			u32 bitset;
			u64 time;		/* absolute, ns; 0 = none */
		} futex;
		struct {			/* nanosleep, clock_nanosleep */
			int clockid;
			int type;		/* TT_NATIVE, TT_COMPAT or TT_NONE (rmtp's layout) */
			union {
				void __user *rmtp;
				void __user *compat_rmtp;
			};
			u64 expires;		/* absolute, ns of clockid */
		} nanosleep;
		struct {			/* poll, ppoll */
			void __user *ufds;
			int nfds;
			int has_timeout;
			unsigned long tv_sec;
			unsigned long tv_nsec;
		} poll;
	};
};

#define TT_NONE		0
#define TT_NATIVE	1
#define TT_COMPAT	2

#endif
