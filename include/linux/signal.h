/*
 * Signals, as far as this kernel has them: numbers are Linux's; a fault in user mode raises
 * one, and with no handlers yet (a later issue adds them) the default action ends the
 * process with status 128 + signal, the way a shell reports it.
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

struct pt_regs;

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGSEGV  11
#define SIGPIPE  13
#define SIGUSR1  10
#define SIGUSR2  12
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
#define SIGWINCH 28
#define SIGSYS   31

/* si_code values for faults (Linux's) */
#define SEGV_MAPERR 1	/* address not mapped */
#define SEGV_ACCERR 2	/* mapped, but the access is not allowed */
#define ILL_ILLOPC  1
#define ILL_ILLTRP  4	/* illegal trap (arm: a bad private syscall number) */
#define ILL_PRVOPC  5
#define BUS_ADRALN  1
#define FPE_INTDIV  1
#define TRAP_BRKPT  1

const char *signal_name(int sig);

/*
 * A user-mode fault: print what happened (like Linux's "segfault at" line) and deliver sig.
 * 'what' names the fault ("page fault", "general protection", "undefined instruction").
 */
void force_sig_fault(struct pt_regs *regs, int sig, int code, unsigned long addr, const char *what);
void do_signal(struct pt_regs *regs);
struct task_struct;
/* A signal from the kernel itself (SIGPIPE on a broken pipe): 0. */
int send_sig(int sig, struct task_struct *p, int priv);

/*
 * sig to every process of the process group pgrp, as the kernel sends it (the terminal's
 * ^C, SIGHUP, SIGWINCH): no permission check. 0, or -ESRCH when the group is empty.
 * Takes tasklist_lock: callable from interrupt context, not with it held.
 */
int kill_pgrp(int pgrp, int sig);

#endif
