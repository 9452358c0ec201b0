/*
 * Reading and writing a syscall in progress from its pt_regs (generic entry code, tracing).
 * AArch64 syscall convention (Linux's): "svc #0", number in x8, arguments in x0-x5, result
 * in x0. x0 is both the first argument and the result, so el0_svc_common keeps the argument
 * in orig_x0 and the number in syscallno before the call overwrites regs[0]. AArch32 (the
 * arm EABI): "svc #0", number in r7, arguments in r0-r6, result in r0; r0-r14 are x0-x14,
 * so the same accessors serve both.
 */
#ifndef _ASM_ARM64_SYSCALL_H
#define _ASM_ARM64_SYSCALL_H

#include <linux/errno.h>
#include <linux/sched.h>
#include <asm/ptrace.h>

/* One entry of a syscall table: the __arm64_sys_NAME wrapper, given the user's registers. */
typedef long (*syscall_fn_t)(const struct pt_regs *regs);

/* kernel/sys_call_table.c: [nr] -> __arm64_sys_NAME, __NR_syscalls entries. */
extern const syscall_fn_t sys_call_table[];
/* kernel/sys32.c: the arm EABI's table (AArch32 tasks), __NR_compat_syscalls entries. */
extern const syscall_fn_t compat_sys_call_table[];

static inline long syscall_get_nr(struct pt_regs *regs)
{
	return regs->syscallno;
}

long sys_ni_syscall(void);
long compat_arm_syscall(struct pt_regs *regs, int scno);	/* kernel/sys_compat.c */

/*
 * A number past the end of the table: -ENOSYS, except that an AArch32 task (TIF_32BIT)
 * reaches ARM's private calls (set_tls, cacheflush) this way, as on Linux. Replaces the
 * generic fallback in invoke_syscall (linux/entry-common.h). Inline: an AArch64 task pays
 * one flag test on this path, and the syscall path nothing.
 *
 * scno is the number in regs->syscallno (el0_svc_common stored it; a tracer that changed the
 * number would change it there, as on Linux). The private calls read it from there rather
 * than from the argument: with the argument, GCC keeps a copy of the number live across the
 * whole dispatch of every AArch64 syscall, one more instruction on the fast path.
 */
static __always_inline long do_ni_syscall(struct pt_regs *regs, int scno)
{
	if (unlikely(current_thread_info()->flags & _TIF_32BIT)) {
		long ret = compat_arm_syscall(regs, syscall_get_nr(regs));

		if (ret != -ENOSYS)
			return ret;
	}
	return sys_ni_syscall();
}
#define do_ni_syscall do_ni_syscall

static inline void syscall_set_return_value(struct pt_regs *regs, long ret)
{
	regs->regs[0] = ret;
}

static inline long syscall_get_return_value(struct pt_regs *regs)
{
	return regs->regs[0];
}

static inline void syscall_get_arguments(struct pt_regs *regs, unsigned long *args)
{
	/* six loads and stores, not a loop: the tracer's entry hook copies them on every call */
	args[0] = regs->orig_x0;
	args[1] = regs->regs[1];
	args[2] = regs->regs[2];
	args[3] = regs->regs[3];
	args[4] = regs->regs[4];
	args[5] = regs->regs[5];
}

#endif
