/*
 * Per-task flag words the entry code checks. Kept at the start of task_struct, so reaching
 * them from 'current' costs one load.
 *
 *   syscall_work  work around every syscall (tracing; the x86 exit-test hook). Checked
 *                 once on entry and once on exit: when it is 0 the syscall path pays one
 *                 test each way.
 *   flags         work before any return to user mode (reschedule, signals). Checked in a
 *                 loop with interrupts off, so nothing new can arrive unseen.
 */
#ifndef _LINUX_THREAD_INFO_H
#define _LINUX_THREAD_INFO_H

#include <linux/types.h>

struct thread_info {
	unsigned long flags;		/* _TIF_* */
	unsigned long syscall_work;	/* SYSCALL_WORK_* */
	u32 status;			/* TS_COMPAT while serving a 32-bit syscall */
	u8 syscall_route;		/* enum syscall_route of the syscall in progress */
	u32 cpu;			/* the CPU it runs or last ran on */
};

#define TIF_NEED_RESCHED	0	/* the scheduler wants the CPU back */
#define TIF_SIGPENDING		1	/* a signal is waiting for delivery */
#define TIF_NOTIFY_RESUME	2	/* generic "look at me before user mode" */

#define _TIF_NEED_RESCHED	(1UL << TIF_NEED_RESCHED)
#define _TIF_SIGPENDING		(1UL << TIF_SIGPENDING)
#define _TIF_NOTIFY_RESUME	(1UL << TIF_NOTIFY_RESUME)
#define EXIT_TO_USER_MODE_WORK	(_TIF_NEED_RESCHED | _TIF_SIGPENDING | _TIF_NOTIFY_RESUME)

#define SYSCALL_WORK_TRACE	(1UL << 0)	/* record this task's syscalls */
#define SYSCALL_WORK_ARCH_EXIT	(1UL << 1)	/* arch_syscall_exit_work() (x86 exit tests) */
#define SYSCALL_WORK_KSTACK_REPORT (1UL << 2)	/* boot test: sample the stack at entry */
#define SYSCALL_WORK_CRASH_TEST	(1UL << 3)	/* crash=stack-overflow-syscall (crash_test.c) */
#define SYSCALL_WORK_ENTER	(SYSCALL_WORK_TRACE | SYSCALL_WORK_KSTACK_REPORT | \
				 SYSCALL_WORK_CRASH_TEST)
#define SYSCALL_WORK_EXIT	(SYSCALL_WORK_TRACE | SYSCALL_WORK_ARCH_EXIT)

#define TS_COMPAT		0x1

/* How a syscall entered the kernel (trace records name it). */
enum syscall_route {
	ROUTE_SYSCALL64,	/* x86_64 syscall from 64-bit code */
	ROUTE_INT80,		/* x86 int $0x80 (64- or 32-bit code) */
	ROUTE_SYSENTER,		/* x86 sysenter via __kernel_vsyscall */
	ROUTE_SYSCALL32,	/* x86 syscall from 32-bit code */
	ROUTE_SVC,		/* arm64 svc #0 */
	ROUTE_SVC32,		/* arm64 kernel, svc #0 from AArch32 code (the arm EABI) */
	NR_SYSCALL_ROUTES
};

#endif
