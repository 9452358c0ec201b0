// SPDX-License-Identifier: GPL-2.0
/*
 * The C half of the x86 syscall entries: one function per route, called by the assembly in
 * entry_64.S and entry_64_compat.S with the user's struct pt_regs. Each records the route
 * and ABI in thread_info (the tracer reads them), then runs the generic path:
 *
 *     nr = syscall_enter_from_user_mode(regs, nr);          interrupts on, entry work
 *     invoke_syscall(regs, nr, NR_syscalls, sys_call_table); bounds check, nospec, call
 *     syscall_exit_to_user_mode(regs);                      exit work, interrupts off
 *
 * do_syscall_64 spells the middle step as Linux's x86 does: do_syscall_x64 (the x86_64
 * table), else do_syscall_x32 (no x32 ABI here: it refuses), else -ENOSYS.
 *
 *   do_syscall_64         syscall from 64-bit code    sys_call_table       exit: sysretq/iretq
 *   do_int80_syscall_32   int $0x80 (32- or 64-bit)   ia32_sys_call_table  exit: iretq
 *   do_SYSENTER_32        sysenter via the vDSO       ia32_sys_call_table  exit: sysretl/iretq
 *   do_SYSCALL_32         syscall from 32-bit code    ia32_sys_call_table  exit: sysretl/iretq
 * The last two share do_fast_syscall_32 (inline).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/entry-common.h>
#include <linux/syscalls.h>
#include <linux/nospec.h>
#include <linux/uaccess.h>
#include <linux/randomize_kstack.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/unistd.h>
#include <asm/vdso.h>
#include "entry.h"

/*
 * The x86_64 table: true when nr is one of its numbers (the call ran and RAX holds its
 * result), false when it is not. nr as unsigned: a negative number fails the one bounds
 * check, and array_index_nospec() keeps a mispredicted check from indexing past the table.
 */
static __always_inline bool do_syscall_x64(struct pt_regs *regs, int nr)
{
	unsigned int unr = nr;

	if (likely(unr < NR_syscalls)) {
		/* The generic dispatcher, as on every route (its own bounds check folds into ours). */
		invoke_syscall(regs, unr, NR_syscalls, sys_call_table);
		return true;
	}
	return false;
}

/*
 * x32: 64-bit code with 32-bit pointers, whose numbers have bit 30 (0x40000000) set. This
 * kernel does not have that ABI, as Linux built without CONFIG_X86_X32_ABI: no table, every
 * number refused, so an x32 number ends in do_syscall_64's -ENOSYS like any unknown one.
 */
static __always_inline bool do_syscall_x32(struct pt_regs *regs, int nr)
{
	return false;
}

/*
 * 64-bit ABI. nr is what Linux takes: the low 32 bits of RAX as a signed int (the assembly
 * did movslq), so (1 << 32) + 39 is getpid and 0xffffffff is -1. The x86_64 table first,
 * then the x32 one; a number neither takes (negative, past the table, x32) gets -ENOSYS.
 */
static __always_inline void __do_syscall_64(struct pt_regs *regs, int nr)
{
	struct thread_info *ti = current_thread_info();

	ti->syscall_route = ROUTE_SYSCALL64;
	ti->status &= ~TS_COMPAT;
	nr = syscall_enter_from_user_mode(regs, nr);
	if (!do_syscall_x64(regs, nr) && !do_syscall_x32(regs, nr))
		syscall_set_return_value(regs, sys_ni_syscall());
	syscall_exit_to_user_mode(regs);
}

/* With the random stack offset on: the same, a random depth further down the stack. */
KSTACK_OFFSET_ENTRY(do_syscall_64_offset, __do_syscall_64,
		    (struct pt_regs *regs, int nr), (regs, nr))

void do_syscall_64(struct pt_regs *regs, int nr)
{
	if (kstack_offset_on())		/* one NOP while off (linux/randomize_kstack.h) */
		do_syscall_64_offset(regs, nr);
	else
		__do_syscall_64(regs, nr);
}

/* The i386 table, for every 32-bit route; the number is EAX as a signed int. */
static __always_inline void do_syscall_32_irqs_on(struct pt_regs *regs, int nr)
{
	invoke_syscall(regs, nr, IA32_NR_syscalls, ia32_sys_call_table);
}

static __always_inline void __do_int80_syscall_32(struct pt_regs *regs)
{
	struct thread_info *ti = current_thread_info();
	int nr = (int)regs->orig_ax;

	ti->syscall_route = ROUTE_INT80;
	ti->status |= TS_COMPAT;
	nr = syscall_enter_from_user_mode(regs, nr);
	do_syscall_32_irqs_on(regs, nr);
	syscall_exit_to_user_mode(regs);
}

KSTACK_OFFSET_ENTRY(do_int80_syscall_32_offset, __do_int80_syscall_32,
		    (struct pt_regs *regs), (regs))

void do_int80_syscall_32(struct pt_regs *regs)
{
	if (kstack_offset_on())
		do_int80_syscall_32_offset(regs);
	else
		__do_int80_syscall_32(regs);
}

/*
 * sysenter and 32-bit syscall, both reached through __kernel_vsyscall: the caller's EBP (the
 * sixth argument) is on the user stack, where the vDSO pushed it. Reading it is a user
 * access like any other: a bad ESP gives -EFAULT, never a kernel fault.
 */
static __always_inline void __do_fast_syscall_32(struct pt_regs *regs, unsigned long landing_pad)
{
	int nr = (int)regs->orig_ax;
	u32 ebp;

	/*
	 * Both fast instructions come back at the vDSO's landing pad, as on Linux: the
	 * int $0x80 just before it is then where a restarted call resumes (regs->ip - 2).
	 */
	regs->ip = landing_pad;

	current_thread_info()->status |= TS_COMPAT;
	if (unlikely(get_user(ebp, (u32 __user *)(unsigned long)(u32)regs->sp))) {
		regs->ax = -EFAULT;
	} else {
		regs->bp = ebp;
		nr = syscall_enter_from_user_mode(regs, nr);
		do_syscall_32_irqs_on(regs, nr);
	}
	syscall_exit_to_user_mode(regs);
}

/* One for both fast routes: only do_SYSENTER_32 or do_SYSCALL_32 above it differs. */
KSTACK_OFFSET_ENTRY(do_fast_syscall_32_offset, __do_fast_syscall_32,
		    (struct pt_regs *regs, unsigned long landing_pad), (regs, landing_pad))

/*
 * The call, then whether pt_regs can be restored by sysretl, whose limits each check names.
 *
 * Inline in both callers: called out of line it would be a tail call (a jmp), and the caller,
 * do_SYSENTER_32 or do_SYSCALL_32, would be missing from every backtrace.
 */
static __always_inline bool do_fast_syscall_32(struct pt_regs *regs)
{
	unsigned long landing_pad = current->mm ? vdso32_landing_pad(current->mm) : 0;

	if (kstack_offset_on())		/* one NOP while off (linux/randomize_kstack.h) */
		do_fast_syscall_32_offset(regs, landing_pad);
	else
		__do_fast_syscall_32(regs, landing_pad);

	/* sysretl sets CS and SS from MSR_STAR: only for a 32-bit user frame. */
	if (regs->cs != __USER32_CS || regs->ss != __USER_DS)
		return false;
	/*
	 * sysretl jumps to ECX and leaves the address there: only the landing pad, which
	 * restores the caller's ECX from the stack, may be returned to that way. Anything else
	 * (a signal handler, a sigreturn, a syscall to restart at the int $0x80 before the
	 * pad) needs iretq and every register exactly as pt_regs has it.
	 */
	if (regs->ip != landing_pad)
		return false;
	/* sysretl cannot restore RF, and a TF it restores would trap one instruction late. */
	if (regs->flags & (X86_EFLAGS_RF | X86_EFLAGS_TF))
		return false;
	return true;
}

/* sysenter lost the caller's RIP and RSP: the vDSO put ESP in EBP and returns via its landing pad. */
bool do_SYSENTER_32(struct pt_regs *regs)
{
	current_thread_info()->syscall_route = ROUTE_SYSENTER;
	regs->sp = regs->bp;
	return do_fast_syscall_32(regs);
}

/* syscall from 32-bit code: argument 2 was moved to pt_regs->cx from EBP; RCX's return address is replaced by the landing pad. */
bool do_SYSCALL_32(struct pt_regs *regs)
{
	current_thread_info()->syscall_route = ROUTE_SYSCALL32;
	return do_fast_syscall_32(regs);
}
