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
 * entry_test=ac_entry: after each syscall, and at each interrupt or exception from user
 *   mode, of a program that set RFLAGS.AC (userspace/probes/ac_entry.c), say whether the
 *   kernel runs with AC clear, as SMAP needs (the first time each way; the boot case rejects
 *   "kernel AC set"). Nothing in a getpid opens a uaccess window, so at the syscall's exit
 *   AC is still what the entry left. The interrupt side is behind a static key: one NOP per
 *   interrupt when the test is not asked for.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/entry-common.h>
#include <linux/jump_label.h>
#include <asm/irqflags.h>
#include <asm/processor-flags.h>
#include <asm/ptrace.h>
#include <asm/entry_test.h>

#define NONCANONICAL_RIP 0x0000800000000000UL

static bool entry_test_armed;	/* a test was asked for and has not run yet */
static enum { TEST_NONCANONICAL, TEST_BAD_SS, TEST_AC } entry_test_kind;
DEFINE_STATIC_KEY_FALSE(entry_test_ac);

static int entry_test_setup(char *val)
{
	if (!strcmp(val, "noncanonical_return")) {
		entry_test_kind = TEST_NONCANONICAL;
	} else if (!strcmp(val, "bad_return_ss")) {
		entry_test_kind = TEST_BAD_SS;
	} else if (!strcmp(val, "ac_entry")) {
		entry_test_kind = TEST_AC;
		static_branch_enable(&entry_test_ac);
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

/*
 * The kernel's own AC after an entry from user code that had it set: the first time for
 * each way in (syscall route, or "interrupt"), and whenever it is found set.
 */
static void ac_entry_report(const struct pt_regs *regs, unsigned int way, const char *name)
{
	static bool seen[NR_SYSCALL_ROUTES + 1];
	bool kernel_ac = native_save_fl() & X86_EFLAGS_AC;

	if (!(regs->flags & X86_EFLAGS_AC) || (seen[way] && !kernel_ac))
		return;
	seen[way] = true;
	pr_info("entry_test: %s from user with AC set: kernel AC %s\n", name,
		kernel_ac ? "set" : "clear");
}

/* x86_handle_vector, for an interrupt or exception from user mode (entry_test_ac on). */
void entry_test_ac_irq(struct pt_regs *regs)
{
	ac_entry_report(regs, NR_SYSCALL_ROUTES, "interrupt");
}

static const char *const route_names[NR_SYSCALL_ROUTES] = {
	[ROUTE_SYSCALL64] = "syscall", [ROUTE_INT80] = "int $0x80",
	[ROUTE_SYSENTER] = "sysenter", [ROUTE_SYSCALL32] = "32-bit syscall",
};

/* syscall_exit_work(), for a task with SYSCALL_WORK_ARCH_EXIT: the result is already set. */
void arch_syscall_exit_work(struct pt_regs *regs)
{
	struct thread_info *ti = current_thread_info();

	if (entry_test_kind == TEST_AC) {
		if (ti->syscall_route < NR_SYSCALL_ROUTES && route_names[ti->syscall_route])
			ac_entry_report(regs, ti->syscall_route, route_names[ti->syscall_route]);
		return;
	}

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
