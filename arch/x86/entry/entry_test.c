// SPDX-License-Identifier: GPL-2.0
/*
 * Test hooks for the syscall exit (CONFIG_X86_ENTRY_TEST_HOOKS, for the boot tests only).
 * The next 64-bit syscall of the process returns with a pt_regs that sysretq must not take:
 *
 * entry_test=noncanonical_return: RIP = RCX = 0x0000800000000000, the first non-canonical
 *   address. Only the CVE-2012-0217 check in entry_SYSCALL_64 stands between that and a
 *   sysretq that #GPs in ring 0 on Intel CPUs; with it, the exit takes iretq, and the
 *   process dies of SIGSEGV (status 139) while the kernel lives on.
 * entry_test=bad_return_ss: SS = 0, a null selector ring 3 may not run with. The exit takes
 *   iretq (SS check), which faults in ring 0; the exception-table fixup on the iretq turns
 *   that into SIGSEGV for the process.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/entry-common.h>
#include <asm/ptrace.h>
#include <asm/entry_test.h>

#define NONCANONICAL_RIP 0x0000800000000000UL

static bool entry_test_armed;	/* a test was asked for and has not run yet */
static enum { TEST_NONCANONICAL, TEST_BAD_SS } entry_test_kind;

static int entry_test_setup(char *val)
{
	if (!strcmp(val, "noncanonical_return")) {
		entry_test_kind = TEST_NONCANONICAL;
	} else if (!strcmp(val, "bad_return_ss")) {
		entry_test_kind = TEST_BAD_SS;
	} else {
		pr_warn("entry_test: unknown test '%s'\n", val);
		return 0;
	}
	entry_test_armed = true;
	return 0;
}
__setup("entry_test=", entry_test_setup);

/* start_thread(): the program exec'd now gets the test on its first 64-bit syscall. */
void entry_test_exec(struct task_struct *t)
{
	if (entry_test_armed)
		t->thread_info.syscall_work |= SYSCALL_WORK_ARCH_EXIT;
}

/* syscall_exit_work(), for a task with SYSCALL_WORK_ARCH_EXIT: the result is already set. */
void arch_syscall_exit_work(struct pt_regs *regs)
{
	struct thread_info *ti = current_thread_info();

	if (ti->syscall_route != ROUTE_SYSCALL64)
		return;			/* only sysretq's checks are under test */
	ti->syscall_work &= ~SYSCALL_WORK_ARCH_EXIT;
	entry_test_armed = false;	/* once */
	if (entry_test_kind == TEST_BAD_SS) {
		pr_info("entry_test: returning from syscall %ld with SS = 0\n", regs->orig_ax);
		regs->ss = 0;
		return;
	}
	pr_info("entry_test: returning from syscall %ld to %#lx\n", regs->orig_ax,
		NONCANONICAL_RIP);
	/* Both: RCX == RIP passes its own check, so the canonical check is what stops it. */
	regs->ip = NONCANONICAL_RIP;
	regs->cx = NONCANONICAL_RIP;
}
