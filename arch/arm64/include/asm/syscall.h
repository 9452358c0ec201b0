/*
 * Reading and writing a syscall in progress from its pt_regs (generic entry code, tracing).
 * AArch64 syscall convention (Linux's): "svc #0", number in x8, arguments in x0-x5, result
 * in x0. x0 is both the first argument and the result, so el0_svc_common keeps the
 * argument in orig_x0 and the number in syscallno before the call overwrites regs[0].
 */
#ifndef _ASM_ARM64_SYSCALL_H
#define _ASM_ARM64_SYSCALL_H

#include <asm/ptrace.h>

/* One entry of a syscall table: the __arm64_sys_NAME wrapper, given the user's registers. */
typedef long (*syscall_fn_t)(const struct pt_regs *regs);

/* kernel/sys_call_table.c: [nr] -> __arm64_sys_NAME, __NR_syscalls entries. */
extern const syscall_fn_t sys_call_table[];

static inline long syscall_get_nr(struct pt_regs *regs)
{
	return regs->syscallno;
}

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
	args[0] = regs->orig_x0;
	for (int i = 1; i < 6; i++)
		args[i] = regs->regs[i];
}

#endif
