/*
 * The generic part of every syscall, shared by all arches and entry routes:
 *
 *   arch entry asm  ->  arch C (do_syscall_64, do_int80_syscall_32, el0_svc_common, ...)
 *                        nr = syscall_enter_from_user_mode(regs, nr);
 *                          enter_from_user_mode(regs)      first, interrupts still off
 *                        invoke_syscall(regs, nr, NR_syscalls, sys_call_table);
 *                          __invoke_syscall(regs, table[nr])   the call itself
 *                        syscall_exit_to_user_mode(regs);
 *                          exit_to_user_mode(regs)         last: interrupts off, no work left
 *                   ->  arch exit asm (sysretq / iretq / eret)
 *
 * enter_from_user_mode and exit_to_user_mode bracket every entry from user mode, syscalls
 * and interrupts or faults alike (irqentry_exit_to_user_mode): nothing of the kernel runs
 * before the one or after the other. The names and places are Linux's.
 *
 * The three steps are __always_inline, as Linux makes its fast path: they are a few
 * instructions each, and a call with its frame-pointer prologue would cost more than the
 * body (docs/benchmarks.md counts it). Each arch C function above therefore holds the whole
 * fast path in one body; gdb still breaks on and steps through these names (DWARF records
 * inlined functions). What is rare lives out of line behind one flag test
 * (kernel/entry/syscall-work.c).
 */
#ifndef _LINUX_ENTRY_COMMON_H
#define _LINUX_ENTRY_COMMON_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include <linux/nospec.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>

/* Slow paths, only reached when a work flag is set (kernel/entry/syscall-work.c). */
long syscall_trace_enter(struct pt_regs *regs, long nr, unsigned long work);
void syscall_exit_work(struct pt_regs *regs, unsigned long work);
void exit_to_user_mode_loop(struct pt_regs *regs, unsigned long ti_work);
void arch_syscall_exit_work(struct pt_regs *regs);	/* SYSCALL_WORK_ARCH_EXIT; default: none */
long sys_ni_syscall(void);

/*
 * The kernel takes over from user mode: the arch has saved every user register, interrupts
 * are still off. Linux tells context tracking and lockdep here; Ferry has neither, so what
 * is left is the check that the entry code did its part (CONFIG_DEBUG_ENTRY): the saved
 * registers are user mode's and interrupts are off. Without it, no instruction.
 */
static __always_inline void enter_from_user_mode(struct pt_regs *regs)
{
	if (IS_ENABLED(CONFIG_DEBUG_ENTRY)) {
		WARN_ON(!user_mode(regs));
		WARN_ON(!irqs_disabled());
	}
}

/*
 * An interrupt or a fault (anything but a syscall) arrived from user mode: the same first
 * step as a syscall's. Its way out is irqentry_exit_to_user_mode (kernel/entry/common.c).
 */
static __always_inline void irqentry_enter_from_user_mode(struct pt_regs *regs)
{
	enter_from_user_mode(regs);
}

/* Called with interrupts off, right after the arch saved the user registers. */
static __always_inline long syscall_enter_from_user_mode(struct pt_regs *regs, long nr)
{
	unsigned long work;

	enter_from_user_mode(regs);
	work = READ_ONCE(current_thread_info()->syscall_work);
	local_irq_enable();
	if (unlikely(work & SYSCALL_WORK_ENTER))
		nr = syscall_trace_enter(regs, nr, work);
	return nr;
}

/*
 * A number past the end of the table: -ENOSYS, unless the arch has more to say (arm64's
 * do_ni_syscall reaches ARM's private calls for AArch32 tasks, asm/syscall.h).
 */
#ifndef do_ni_syscall
static __always_inline long do_ni_syscall(struct pt_regs *regs, int nr)
{
	return sys_ni_syscall();
}
#endif

/* The call through the table, a step of its own as Linux's arm64 names it. */
static __always_inline long __invoke_syscall(struct pt_regs *regs, syscall_fn_t syscall_fn)
{
	return syscall_fn(regs);
}

/*
 * Look the number up and call the handler. 'nr' is unsigned: a negative number from user
 * space becomes huge and fails the one bounds check. array_index_nospec() then makes the
 * index safe even if the CPU speculates past that check.
 */
static __always_inline void invoke_syscall(struct pt_regs *regs, unsigned int nr,
					   unsigned int nr_max, const syscall_fn_t table[])
{
	long ret;

	if (likely(nr < nr_max)) {
		nr = array_index_nospec(nr, nr_max);
		ret = __invoke_syscall(regs, table[nr]);
	} else {
		ret = do_ni_syscall(regs, nr);
	}
	syscall_set_return_value(regs, ret);
}

/* Work pending before user mode, checked with interrupts off so none slips in after. */
static __always_inline void exit_to_user_mode_prepare(struct pt_regs *regs)
{
	unsigned long ti_work;

	local_irq_disable();
	ti_work = READ_ONCE(current_thread_info()->flags);
	if (unlikely(ti_work & EXIT_TO_USER_MODE_WORK))
		exit_to_user_mode_loop(regs, ti_work);
}

/*
 * The last step before the arch restores the user registers, after a syscall, an interrupt
 * or a fault: interrupts off, the pending work done (exit_to_user_mode_prepare), and with
 * CONFIG_DEBUG_ENTRY the check that it stays so. Linux also tells context tracking and
 * lockdep here.
 */
static __always_inline void exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_prepare(regs);
	if (IS_ENABLED(CONFIG_DEBUG_ENTRY)) {
		WARN_ON(!irqs_disabled());
		WARN_ON(READ_ONCE(current_thread_info()->flags) & EXIT_TO_USER_MODE_WORK);
	}
}

/* Returns with interrupts off; the arch exit code restores the user registers. */
static __always_inline void syscall_exit_to_user_mode(struct pt_regs *regs)
{
	unsigned long work = READ_ONCE(current_thread_info()->syscall_work);

	if (unlikely(work & SYSCALL_WORK_EXIT))
		syscall_exit_work(regs, work);
	exit_to_user_mode(regs);
}

/* Non-syscall returns to user mode (interrupts, faults) take the same exit work loop. */
void irqentry_exit_to_user_mode(struct pt_regs *regs);

#endif
