/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 half of a system call, between el0_svc (entry-common.c, the only includer) and
 * the generic code (inline, include/linux/entry-common.h):
 *
 *   do_el0_svc(regs)                 (AArch64; do_el0_svc_compat for AArch32 tasks:
 *                                    regs->regs[7], __NR_compat_syscalls, compat_sys_call_table)
 *     el0_svc_common(regs, regs->regs[8], __NR_syscalls, sys_call_table)
 *       (el0_svc_common_offset    only with the random stack offset on: alloca, then the same)
 *       orig_x0, syscallno        kept in pt_regs (x0 is about to become the result)
 *       syscall_enter_from_user_mode   interrupts on; tracing when this task asked for it
 *       invoke_syscall            bounds check + array_index_nospec, sys_call_table[nr](regs)
 *                                 -> __arm64_sys_NAME(regs) -> the SYSCALL_DEFINE body;
 *                                 the result goes to regs->regs[0]; a number past the
 *                                 table goes to do_ni_syscall (sys_compat.c)
 *       syscall_exit_to_user_mode      tracing, pending work; interrupts off again
 *
 * then back to el0t_64_sync / el0t_32_sync (entry.S) and ret_to_user.
 *
 * Inline, like everything from el0t_64_sync_handler down to the table call, which therefore
 * is one function with one stack frame. Out of line, do_el0_svc would be reached by a tail
 * call (a plain branch): el0t_64_sync_handler would leave no trace on the stack and be
 * missing from every backtrace, and the branch would cost an instruction. gdb shows inline
 * functions as frames of their own (docs/follow-a-syscall.md).
 */
#ifndef _ARM64_KERNEL_SYSCALL_H
#define _ARM64_KERNEL_SYSCALL_H

#include <linux/kernel.h>
#include <linux/entry-common.h>
#include <linux/randomize_kstack.h>
#include <asm/exception.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

/*
 * scno is an int, as in Linux: only the low 32 bits of x8 count, so x8 = (1 << 32) + 172 is
 * getpid. A negative int becomes a huge unsigned number in invoke_syscall and fails its one
 * bounds check (-ENOSYS), as does anything from __NR_syscalls up.
 */
static __always_inline void __el0_svc_common(struct pt_regs *regs, int scno, int sc_nr,
					     const syscall_fn_t syscall_table[])
{
	regs->orig_x0 = regs->regs[0];	/* the first argument, for tracing and restarts */
	regs->syscallno = scno;		/* syscall_get_nr(): the number, x8 may be changed */

	scno = syscall_enter_from_user_mode(regs, scno);
	invoke_syscall(regs, scno, sc_nr, syscall_table);
	syscall_exit_to_user_mode(regs);
}

/*
 * With the random stack offset on: the same in a frame of its own, a random depth below
 * el0t_64_sync_handler's (el0t_32_sync_handler's). Off, the handler's frame holds no alloca.
 */
KSTACK_OFFSET_ENTRY(el0_svc_common_offset, __el0_svc_common,
		    (struct pt_regs *regs, int scno, int sc_nr, const syscall_fn_t syscall_table[]),
		    (regs, scno, sc_nr, syscall_table))

static __always_inline void el0_svc_common(struct pt_regs *regs, int scno, int sc_nr,
					   const syscall_fn_t syscall_table[])
{
	if (kstack_offset_on())		/* one nop while off (linux/randomize_kstack.h) */
		el0_svc_common_offset(regs, scno, sc_nr, syscall_table);
	else
		__el0_svc_common(regs, scno, sc_nr, syscall_table);
}

static __always_inline void do_el0_svc(struct pt_regs *regs)
{
	el0_svc_common(regs, regs->regs[8], __NR_syscalls, sys_call_table);
}

/*
 * svc #0 from AArch32 (the arm EABI): the number is r7 (x7), arguments r0-r5 (x0-x5, zero-
 * extended by kernel_entry 0, 32), the table the arm one. Numbers past it reach ARM's private
 * calls through do_ni_syscall (sys_compat.c).
 */
static __always_inline void do_el0_svc_compat(struct pt_regs *regs)
{
	el0_svc_common(regs, regs->regs[7], __NR_compat_syscalls, compat_sys_call_table);
}

#endif
