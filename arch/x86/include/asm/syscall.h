/*
 * Reading and writing a syscall in progress from its pt_regs (generic entry code, tracing).
 * The number is orig_ax (ax is overwritten by the return value); the argument registers
 * depend on the ABI the syscall came in through (TS_COMPAT: the i386 one).
 */
#ifndef _ASM_X86_SYSCALL_H
#define _ASM_X86_SYSCALL_H

#include <linux/sched.h>
#include <asm/ptrace.h>

/* One entry of a syscall table: the __x64_sys_NAME / __ia32_sys_NAME wrapper. */
typedef long (*syscall_fn_t)(const struct pt_regs *regs);

static inline long syscall_get_nr(struct pt_regs *regs)
{
	return regs->orig_ax;
}

static inline void syscall_set_return_value(struct pt_regs *regs, long ret)
{
	regs->ax = ret;
}

/* A 32-bit syscall's result is EAX, sign-extended (-errno stays negative). */
static inline long syscall_get_return_value(struct pt_regs *regs)
{
	if (current_thread_info()->status & TS_COMPAT)
		return (long)(int)regs->ax;
	return regs->ax;
}

static inline void syscall_get_arguments(struct pt_regs *regs, unsigned long *args)
{
	if (current_thread_info()->status & TS_COMPAT) {
		args[0] = (u32)regs->bx;
		args[1] = (u32)regs->cx;
		args[2] = (u32)regs->dx;
		args[3] = (u32)regs->si;
		args[4] = (u32)regs->di;
		args[5] = (u32)regs->bp;
	} else {
		args[0] = regs->di;
		args[1] = regs->si;
		args[2] = regs->dx;
		args[3] = regs->r10;
		args[4] = regs->r8;
		args[5] = regs->r9;
	}
}

#endif
