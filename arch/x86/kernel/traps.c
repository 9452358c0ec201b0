// SPDX-License-Identifier: GPL-2.0
/*
 * The C side of exception entry: entry_64.S calls x86_handle_vector() for every vector.
 *   - from user mode, an exception is the process's fault: a signal (force_sig_fault), and
 *     every return to user mode passes irqentry_exit_to_user_mode();
 *   - in kernel mode, a fault on an instruction listed in the exception table resumes at
 *     its fixup (user-memory copies, the iretq to user mode); anything else is a bug: die().
 * Page faults go to mm/fault.c, device interrupts to kernel/irq.c.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/extable.h>
#include <linux/signal.h>
#include <linux/entry-common.h>
#include <asm/ptrace.h>
#include <asm/entry_test.h>
#include <asm/traps.h>
#include <asm/processor.h>

/* The entry assembly hard-codes these offsets. */
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, r12) != PTREGS_R12);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, bp) != PTREGS_BP);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, r11) != PTREGS_R11);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, cx) != PTREGS_CX);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, di) != PTREGS_DI);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, orig_ax) != PTREGS_ORIG_AX);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, ip) != PTREGS_IP);
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, ss) != PTREGS_SS);
BUILD_BUG_ON(sizeof(struct pt_regs) != PTREGS_SIZE);

static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE]  = "#DE divide error",
	[X86_TRAP_DB]  = "#DB debug",
	[X86_TRAP_NMI] = "NMI",
	[X86_TRAP_BP]  = "#BP breakpoint",
	[X86_TRAP_OF]  = "#OF overflow",
	[X86_TRAP_BR]  = "#BR bound range exceeded",
	[X86_TRAP_UD]  = "#UD invalid opcode",
	[X86_TRAP_NM]  = "#NM device not available",
	[X86_TRAP_DF]  = "#DF double fault",
	[X86_TRAP_OLD_MF] = "coprocessor segment overrun",
	[X86_TRAP_TS]  = "#TS invalid TSS",
	[X86_TRAP_NP]  = "#NP segment not present",
	[X86_TRAP_SS]  = "#SS stack segment fault",
	[X86_TRAP_GP]  = "#GP general protection fault",
	[X86_TRAP_PF]  = "#PF page fault",
	[X86_TRAP_MF]  = "#MF x87 floating-point error",
	[X86_TRAP_AC]  = "#AC alignment check",
	[X86_TRAP_MC]  = "#MC machine check",
	[X86_TRAP_XF]  = "#XM SIMD floating-point exception",
	[X86_TRAP_VE]  = "#VE virtualization exception",
	[X86_TRAP_CP]  = "#CP control protection",
	[X86_TRAP_VC]  = "#VC VMM communication",
	[X86_TRAP_SX]  = "#SX security exception",
};

const char *exception_name(unsigned int vector)
{
	if (vector < NR_EXCEPTION_VECTORS && exception_names[vector])
		return exception_names[vector];
	return vector < NR_EXCEPTION_VECTORS ? "reserved exception" : "interrupt";
}

/* The vector this CPU is handling (pcpu_hot.current_vector), -1 outside any handler. */
long x86_current_vector(void)
{
	return this_cpu_hot()->current_vector;
}

/* DR6's single-step bit: the #DB came from TF. */
#define DR6_BS		(1UL << 14)
#define DR6_RESERVED	0xfffe0ff0UL	/* DR6's value with no condition recorded */

/*
 * The si_code of an x87 (#MF) or SIMD (#XM) exception: the first unmasked exception
 * recorded, in Linux's order (fpu__exception_code); 0 when none is (a spurious trap: no
 * signal). The registers are live: FNSTSW/FNSTCW and STMXCSR read them without waiting.
 */
static int fpu_exception_code(unsigned int vector)
{
	u32 err;

	if (vector == X86_TRAP_MF) {
		u16 cwd, swd;

		__asm__ __volatile__("fnstcw %0; fnstsw %1" : "=m"(cwd), "=m"(swd));
		err = swd & ~cwd;
	} else {
		u32 mxcsr;

		__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
		err = ~(mxcsr >> 7) & mxcsr;
	}
	if (err & 0x001)
		return FPE_FLTINV;
	if (err & 0x004)
		return FPE_FLTDIV;
	if (err & 0x008)
		return FPE_FLTOVF;
	if (err & 0x012)
		return FPE_FLTUND;
	if (err & 0x020)
		return FPE_FLTRES;
	return 0;
}

/*
 * The signal a user-mode exception raises, with Linux 6.1's si_code and si_addr
 * (arch/x86/kernel/traps.c): do_error_trap's faults carry the instruction's address,
 * do_trap's without a code (int3, #OF, #BR, #NP, #SS, #GP) are force_sig(): SI_KERNEL and
 * si_addr 0. The vector and error code go to thread for the frame's trapno and err.
 */
static void do_user_exception(struct pt_regs *regs, unsigned int vector,
			      unsigned long error_code)
{
	int sig = SIGSEGV, code = SI_KERNEL;
	unsigned long addr = 0;

	current->thread.trap_nr = vector;
	current->thread.error_code = error_code;
	switch (vector) {
	case X86_TRAP_DE:
		sig = SIGFPE, code = FPE_INTDIV, addr = regs->ip;
		break;
	case X86_TRAP_MF:
	case X86_TRAP_XF:
		current->thread.error_code = 0;
		code = fpu_exception_code(vector);
		if (!code)
			return;
		sig = SIGFPE, addr = regs->ip;
		break;
	case X86_TRAP_DB: {
		unsigned long dr6;

		__asm__ __volatile__("mov %%db6, %0" : "=r"(dr6));
		__asm__ __volatile__("mov %0, %%db6" : : "r"(DR6_RESERVED));
		/* The trap is taken; RF would only hide a later instruction breakpoint. */
		regs->flags &= ~X86_EFLAGS_RF;
		sig = SIGTRAP, code = dr6 & DR6_BS ? TRAP_TRACE : TRAP_BRKPT, addr = regs->ip;
		current->thread.error_code = 0;
		break;
	}
	case X86_TRAP_BP:
		sig = SIGTRAP;
		break;
	case X86_TRAP_UD:
		sig = SIGILL, code = ILL_ILLOPN, addr = regs->ip;
		break;
	case X86_TRAP_NP:
	case X86_TRAP_SS:
		sig = SIGBUS;
		break;
	case X86_TRAP_AC:
		sig = SIGBUS, code = BUS_ADRALN;
		break;
	}
	/* #GP (privileged instruction, non-canonical address, int $n without a gate) and the rest: SIGSEGV. */
	force_sig_fault(regs, sig, code, addr, exception_name(vector));
}

extern const char entry_SYSENTER_compat[], sysenter_flags_fixed[];	/* entry_64_compat.S */

/*
 * sysenter does not clear TF. A user who sets it and executes sysenter single-steps into
 * entry_SYSENTER_compat, in kernel mode, until the entry code's popfq clears TF; the
 * user's own TF is already saved in pt_regs->flags by then. Those steps are expected.
 */
static bool is_sysenter_singlestep(struct pt_regs *regs)
{
	return regs->ip >= (unsigned long)entry_SYSENTER_compat &&
	       regs->ip <= (unsigned long)sysenter_flags_fixed;
}

void do_exception(struct pt_regs *regs, unsigned int vector, unsigned long error_code)
{
	const struct exception_table_entry *fixup;

	if (vector == X86_TRAP_PF) {
		do_page_fault(regs, error_code);
		return;
	}
	if (user_mode(regs) && vector != X86_TRAP_NMI && vector != X86_TRAP_MC &&
	    vector != X86_TRAP_DF) {
		do_user_exception(regs, vector, error_code == -1UL ? 0 : error_code);
		return;
	}
	switch (vector) {
	case X86_TRAP_NMI:
		/* Nothing here sends NMIs; note it and carry on, as Linux does. */
		pr_emerg("NMI received for unknown reason at %pS\n", (void *)regs->ip);
		return;
	case X86_TRAP_DB:
		if (IS_ENABLED(CONFIG_USER_MODE) && is_sysenter_singlestep(regs))
			return;
		break;
	case X86_TRAP_GP:
	case X86_TRAP_NP:
	case X86_TRAP_SS:
		/* A kernel instruction that may fault on user-supplied state (e.g. the iretq). */
		fixup = search_exception_tables(regs->ip);
		if (fixup) {
			/* For do_bad_iret: which fault the iretq raised decides the signal. */
			current->thread.trap_nr = vector;
			current->thread.error_code = error_code;
			regs->ip = ex_fixup_addr(fixup);
			return;
		}
		break;
	case X86_TRAP_DF:
		/*
		 * The usual way to get here: a push ran into a stack's guard page, and the
		 * CPU could not push the #PF frame on the same stack. CR2 still holds the
		 * address of the first fault. We run on the IST stack.
		 */
		if (kernel_stack_guard_hit(read_cr2()))
			pr_emerg("kernel stack overflow (guard page hit) at %#lx\n", read_cr2());
		break;
	}
	die(exception_name(vector), regs, (long)regs->orig_ax);
}

/*
 * The iretq to user mode faulted (#GP for a non-canonical RIP or a bad selector, #NP, #SS):
 * the state user space asked for cannot be entered. entry_64.S's fixup calls this with the
 * user's pt_regs rebuilt below the iret frame (the fault's own frame had overwritten it). The
 * process gets SIGSEGV, the kernel carries on.
 */
void do_bad_iret(struct pt_regs *regs)
{
	/*
	 * As on Linux, whose fixup_bad_iret replays the fault as if user mode had raised it:
	 * #GP is SIGSEGV, #NP and #SS are SIGBUS, both force_sig() (SI_KERNEL, no address).
	 * The frame then shows the refused state (a forged CS, a non-canonical RIP).
	 */
	int sig = current->thread.trap_nr == X86_TRAP_GP ? SIGSEGV : SIGBUS;

	force_sig_fault(regs, sig, SI_KERNEL, 0, "iretq to user mode refused the frame");
	/*
	 * The exit work again, as after any user-mode fault: it delivers the signal (a
	 * handler's frame replaces the refused state) or ends the process. Without it the
	 * same iretq would be retried forever.
	 */
	irqentry_exit_to_user_mode(regs);
}

void x86_handle_vector(struct pt_regs *regs, unsigned long vector)
{
	struct pcpu_hot *hot = this_cpu_hot();
	long outer = hot->current_vector;
	unsigned long error_code = regs->orig_ax;

#ifdef CONFIG_USER_MODE
	if (user_mode(regs))
		irqentry_enter_from_user_mode(regs);
#endif
	if (entry_test_ac_wanted() && user_mode(regs))	/* a boot test; one NOP otherwise */
		entry_test_ac_irq(regs);

	/*
	 * orig_ax held the error code; from now on it says "not a syscall" (-1), so the exit's
	 * signal delivery never takes an exception for a syscall to restart.
	 */
	if (user_mode(regs))
		regs->orig_ax = -1;
	hot->current_vector = vector;
	if (vector < NR_EXCEPTION_VECTORS)
		do_exception(regs, vector, error_code);
	else
		do_irq(regs, vector);
	hot->current_vector = outer;
#ifdef CONFIG_USER_MODE
	/* Back to user mode: pending work (reschedule, signals) first, interrupts off after. */
	if (user_mode(regs))
		irqentry_exit_to_user_mode(regs);
#endif
}
