// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery, minimal form: user faults raise a signal whose default action ends the
 * process (no handlers or sigreturn yet). The process dies with status 128 + signal.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <asm/ptrace.h>

static const char *const names[32] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGSEGV] = "SIGSEGV", [SIGPIPE] = "SIGPIPE", [SIGTERM] = "SIGTERM",
	[SIGSYS] = "SIGSYS",
};

const char *signal_name(int sig)
{
	return sig > 0 && sig < 32 && names[sig] ? names[sig] : "signal";
}

void force_sig_fault(struct pt_regs *regs, int sig, int code, unsigned long addr, const char *what)
{
	pr_info("%s[%d]: %s at %#lx ip %#lx sp %#lx: killed by %s\n", current->comm,
		current->pid, what, addr, instruction_pointer(regs), user_stack_pointer(regs),
		signal_name(sig));
	do_exit(128 + sig);
}

void do_signal(struct pt_regs *regs)
{
	current_thread_info()->flags &= ~_TIF_SIGPENDING;
}
