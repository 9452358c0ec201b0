// SPDX-License-Identifier: GPL-2.0
/*
 * The slow side of the syscall path: reached only when a task's work flags are set.
 * Tracing (SYSCALL_WORK_TRACE) and the arch's exit hook (SYSCALL_WORK_ARCH_EXIT) hang here;
 * rescheduling and signals run in the exit loop, with interrupts enabled while the work is
 * done and disabled again for the re-check.
 */
#include <linux/entry-common.h>
#include <linux/sched.h>
#include <linux/irqflags.h>
#include <linux/signal.h>
#include <linux/syscall_trace.h>
#include <linux/randomize_kstack.h>
#include <linux/init.h>

static long trace_enter(struct pt_regs *regs, long nr, unsigned long work)
{
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE) && (work & SYSCALL_WORK_TRACE))
		return trace_syscall_enter(regs, nr);
	return nr;
}

/* With the kernel's self-test work as well (rare): out of line. */
static noinline long syscall_enter_test_work(struct pt_regs *regs, long nr, unsigned long work)
{
	if (IS_ENABLED(CONFIG_RANDOMIZE_KSTACK_OFFSET) && (work & SYSCALL_WORK_KSTACK_REPORT))
		kstack_report_sample();
	if (IS_ENABLED(CONFIG_KTEST_CRASH) && (work & SYSCALL_WORK_CRASH_TEST))
		crash_test_syscall();
	return trace_enter(regs, nr, work);
}

/*
 * The tracer's hooks come last on entry and on exit, so that each is a tail call: a branch
 * with no return of its own, which under QEMU's TCG (where the tracer's throughput is
 * measured) is one lookup of the next block fewer per hook. The rest of the work (tests) is
 * a tail call too, so a traced call goes through here without a stack frame.
 */
long syscall_trace_enter(struct pt_regs *regs, long nr, unsigned long work)
{
	if (unlikely(work & (SYSCALL_WORK_KSTACK_REPORT | SYSCALL_WORK_CRASH_TEST)))
		return syscall_enter_test_work(regs, nr, work);
	return trace_enter(regs, nr, work);
}

static void trace_exit(struct pt_regs *regs, unsigned long work)
{
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE) && (work & SYSCALL_WORK_TRACE))
		trace_syscall_exit(regs);
}

/* With the arch's exit hook as well (x86's entry tests): out of line. */
static noinline void syscall_exit_arch_work(struct pt_regs *regs, unsigned long work)
{
	arch_syscall_exit_work(regs);
	trace_exit(regs, work);
}

void syscall_exit_work(struct pt_regs *regs, unsigned long work)
{
	if (unlikely(work & SYSCALL_WORK_ARCH_EXIT))
		syscall_exit_arch_work(regs, work);
	else
		trace_exit(regs, work);
}

void __weak arch_syscall_exit_work(struct pt_regs *regs)
{
}

void exit_to_user_mode_loop(struct pt_regs *regs, unsigned long ti_work)
{
	while (ti_work & EXIT_TO_USER_MODE_WORK) {
		local_irq_enable();
		if (ti_work & _TIF_NEED_RESCHED)
			schedule();
		if (ti_work & _TIF_SIGPENDING)
			arch_do_signal_or_restart(regs);
		clear_tsk_thread_flag(current, TIF_NOTIFY_RESUME);
		local_irq_disable();
		ti_work = READ_ONCE(current_thread_info()->flags);
	}
}
