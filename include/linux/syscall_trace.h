/*
 * Syscall tracing: binary records (include/uapi/linux/ferry_trace.h) written into per-CPU
 * rings in a host file the guest sees as PCI memory, drained live by the host and decoded
 * there (scripts/trace/). Switched per task by SYSCALL_WORK_TRACE, so a task that is not
 * traced pays one flag test on entry and one on exit (include/linux/entry-common.h) and
 * nothing else.
 *
 * Turned on by the command line (trace=all | trace=comm:NAME[,NAME] | trace=pid:N |
 * trace=nr:NAME[,NAME], combinable with ';') or at run time with prctl(PR_FERRY_TRACE, 1 | 0)
 * from the task itself. A traced task's children are traced. docs/tracing.md has the rest.
 */
#ifndef _LINUX_SYSCALL_TRACE_H
#define _LINUX_SYSCALL_TRACE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct pt_regs;
struct task_struct;
struct syscall_metadata;
struct kernel_siginfo;

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
/* The ABI (enum ftr_abi) the current syscall is served from, cheaper than the above, is
 * arch_trace_abi(): an inline in <asm/syscall_trace.h>, as it is asked on every traced call. */
/* The ABI (enum ftr_abi) of a task exec gave a native or a compat (32-bit) image. */
unsigned int arch_trace_exec_abi(bool compat);
/* The ABIs this arch serves, indexed by enum ftr_abi (NULL where it serves none). */
const struct syscall_abi *arch_trace_abi_table(unsigned int ftr_abi);
/*
 * The trace channel: find QEMU's ivshmem device, return the physical address of its BAR 2
 * and set *size to what the BAR decodes; or say why not in one pr_warn line and return 0.
 * kernel/trace/ring.c maps its header page, checks the host's header against the size and
 * maps only the rings it uses (ioremap_wc: plain, also unaligned, stores work).
 */
phys_addr_t arch_trace_shm_find(u64 *size);

/* The slow path of a traced task's syscall (kernel/entry/syscall-work.c calls them). */
long trace_syscall_enter(struct pt_regs *regs, long nr);
void trace_syscall_exit(struct pt_regs *regs);

/* Task events, each a no-op for a task that is not traced. */
void trace_task_fork(struct task_struct *child, u64 clone_flags);	/* parent, before the
									 * child runs */
void trace_task_exec(struct task_struct *t, bool compat);	/* after the new image */
void trace_task_comm(struct task_struct *t);	/* prctl(PR_SET_NAME) */
/* A task ends with wait status 'code'; group_dead: it was its process's last thread. */
void trace_task_exit(struct task_struct *t, int code, bool group_dead);
/* get_signal() took sig for a traced task (strace's "--- SIGx {...} ---" line). */
void trace_emit_signal(int sig, const struct kernel_siginfo *info);
int trace_set_current(bool on);
void trace_init(void);
void trace_flush(void);		/* before power-off: nothing to do, the rings are the file */

#endif
