// SPDX-License-Identifier: GPL-2.0
/*
 * The generic syscall path: what happens between the arch entry code and the syscall body,
 * identical for x86_64 syscall, int $0x80, sysenter, 32-bit syscall and arm64 svc.
 *
 * The fast path is short on purpose: one test of syscall_work on the way in, the bounds
 * check and array_index_nospec() in invoke_syscall, one test of syscall_work and one of
 * the TIF flags on the way out. Everything else lives behind those tests.
 */
#include <linux/entry-common.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/nospec.h>
#include <linux/irqflags.h>
#include <asm/syscall.h>

/* Called with interrupts off, right after the arch saved the user registers. */
long syscall_enter_from_user_mode(struct pt_regs *regs, long nr)
{
	unsigned long work = READ_ONCE(current_thread_info()->syscall_work);

	local_irq_enable();
	if (unlikely(work & SYSCALL_WORK_ENTER))
		nr = syscall_trace_enter(regs, nr, work);
	return nr;
}

/*
 * Look the number up and call the handler. 'nr' is unsigned: a negative number from user
 * space becomes huge and fails the one bounds check. array_index_nospec() then makes the
 * index safe even if the CPU speculates past that check.
 */
void invoke_syscall(struct pt_regs *regs, unsigned int nr, unsigned int nr_max,
		    const syscall_fn_t table[])
{
	long ret;

	if (likely(nr < nr_max)) {
		nr = array_index_nospec(nr, nr_max);
		ret = table[nr](regs);
	} else {
		ret = sys_ni_syscall();
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

/* Returns with interrupts off; the arch exit code restores the user registers. */
void syscall_exit_to_user_mode(struct pt_regs *regs)
{
	unsigned long work = READ_ONCE(current_thread_info()->syscall_work);

	if (unlikely(work & SYSCALL_WORK_EXIT))
		syscall_exit_work(regs, work);
	exit_to_user_mode_prepare(regs);
}

void irqentry_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode_prepare(regs);
}

long sys_ni_syscall(void)
{
	return -ENOSYS;
}
