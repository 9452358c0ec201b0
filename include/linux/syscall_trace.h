/*
 * Syscall tracing: one JSON record per syscall, written to a channel of its own (not the
 * console). Switched per task by SYSCALL_WORK_TRACE, so a task that is not traced pays one
 * flag test on entry and one on exit (include/linux/entry-common.h) and nothing else.
 *
 * Turned on by the command line (trace=all | trace=comm:NAME[,NAME] | trace=nr:NAME[,NAME])
 * or at run time with prctl(PR_FERRY_TRACE, 1 | 0) from the task itself.
 * The record format is documented in docs/tracing.md.
 */
#ifndef _LINUX_SYSCALL_TRACE_H
#define _LINUX_SYSCALL_TRACE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct pt_regs;
struct task_struct;
struct syscall_metadata;

/* One syscall ABI's view of its table: names and SYSCALL_DEFINE metadata by number. */
struct syscall_abi {
	const char *name;				/* "x86_64", "i386", "arm64" */
	unsigned int nr_syscalls;
	const char *const *names;			/* [nr] -> "write", or NULL */
	const struct syscall_metadata *const *meta;	/* [nr] -> metadata, or NULL */
};

/* prctl option of our own (no Linux option uses this value): arg2 = 1 on, 0 off. */
#define PR_FERRY_TRACE 0x46455259	/* "FERY" */

/* Arch hooks. */
const struct syscall_abi *arch_syscall_abi(struct pt_regs *regs);
bool arch_trace_channel_init(void);
/*
 * The trace channel: the ivshmem device's BAR 2 (the host's trace file), all of it mapped
 * write-combining; its size in *size. NULL, after one pr_warn line saying why, when there
 * is none.
 */
void __iomem *arch_trace_shm_map(u64 *size);
void arch_trace_channel_write(const char *buf, size_t len);

/* The slow path of a traced task's syscall (kernel/entry/syscall-work.c calls them). */
long trace_syscall_enter(struct pt_regs *regs, long nr);
void trace_syscall_exit(struct pt_regs *regs);

void trace_task_exec(struct task_struct *t);	/* exec: apply the comm: filter */
/* A task ends with wait status 'code'; group_dead: it was its process's last thread, and the
 * process's end is recorded (exited with a status, or killed by a signal). */
void trace_task_exit(struct task_struct *t, int code, bool group_dead);
/* get_signal() took sig for a traced task (strace's "--- SIGx {...} ---" line). */
struct kernel_siginfo;
void trace_emit_signal(int sig, const struct kernel_siginfo *info);
int trace_set_current(bool on);
void trace_init(void);
void trace_flush(void);

#endif
