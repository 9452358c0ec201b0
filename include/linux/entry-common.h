/*
 * The generic part of every syscall, shared by all arches and entry routes:
 *
 *   arch entry asm  ->  arch C (do_syscall_64, do_int80_syscall_32, el0_svc_common, ...)
 *                        nr = syscall_enter_from_user_mode(regs, nr);
 *                        invoke_syscall(regs, nr, NR_syscalls, sys_call_table);
 *                        syscall_exit_to_user_mode(regs);
 *                   ->  arch exit asm (sysretq / iretq / eret)
 */
#ifndef _LINUX_ENTRY_COMMON_H
#define _LINUX_ENTRY_COMMON_H

#include <linux/types.h>

struct pt_regs;
typedef long (*syscall_fn_t)(const struct pt_regs *regs);

long syscall_enter_from_user_mode(struct pt_regs *regs, long nr);
void invoke_syscall(struct pt_regs *regs, unsigned int nr, unsigned int nr_max,
		    const syscall_fn_t table[]);
void syscall_exit_to_user_mode(struct pt_regs *regs);

/* Non-syscall returns to user mode (interrupts, faults) take the same exit work loop. */
void irqentry_exit_to_user_mode(struct pt_regs *regs);

/* Slow paths, only reached when a work flag is set (kernel/entry/syscall-work.c). */
long syscall_trace_enter(struct pt_regs *regs, long nr, unsigned long work);
void syscall_exit_work(struct pt_regs *regs, unsigned long work);
void exit_to_user_mode_loop(struct pt_regs *regs, unsigned long ti_work);

#endif
