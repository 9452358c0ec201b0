// SPDX-License-Identifier: GPL-2.0
/*
 * The C side of every exception vector (entry.S calls el<el><t|h>_<64|32>_<kind>_handler
 * with the saved pt_regs). Each handler reads the syndrome and dispatches: system calls to
 * el0_svc (with syscall.h), faults to mm/fault.c (kernel) or a signal (user), interrupts to the
 * interrupt controller, anything the kernel does not expect to die() with the name of the
 * vector.
 */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <linux/entry-common.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/esr.h>
#include <asm/exception.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include "syscall.h"

/* A vector that should never be taken: say which one, with the registers. */
static void __noreturn unexpected_vector(const char *vector, struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	pr_emerg("Unhandled %s exception, ESR 0x%08lx -- %s\n", vector, esr,
		 esr_class_name(esr));
	die_kernel_exception("Oops - unexpected exception vector", regs, esr);
}

#define UNEXPECTED_VECTOR(name, text)					\
asmlinkage void name##_handler(struct pt_regs *regs)			\
{									\
	unexpected_vector(text, regs);					\
}

/* EL1t: the kernel always runs on SP_EL1 (EL1h), so these mean PSTATE.SP got lost. */
UNEXPECTED_VECTOR(el1t_64_sync, "EL1t synchronous")
UNEXPECTED_VECTOR(el1t_64_irq, "EL1t IRQ")
UNEXPECTED_VECTOR(el1t_64_fiq, "EL1t FIQ")
UNEXPECTED_VECTOR(el1t_64_error, "EL1t SError")
/* FIQs are not routed anywhere we configure; an SError is an asynchronous external abort. */
UNEXPECTED_VECTOR(el1h_64_fiq, "EL1h FIQ")
UNEXPECTED_VECTOR(el1h_64_error, "EL1h SError")
UNEXPECTED_VECTOR(el0t_64_fiq, "EL0t 64-bit FIQ")
UNEXPECTED_VECTOR(el0t_64_error, "EL0t 64-bit SError")
/* The same for AArch32 user code (the arm EABI). */
UNEXPECTED_VECTOR(el0t_32_fiq, "EL0t 32-bit FIQ")
UNEXPECTED_VECTOR(el0t_32_error, "EL0t 32-bit SError")

/* An undefined instruction in the kernel: fatal, unless it is a probe with a fixup. */
static void el1_undef(struct pt_regs *regs, unsigned long esr)
{
	if (fixup_exception(regs))
		return;
	die_kernel_exception("Oops - undefined instruction", regs, esr);
}

/* A synchronous exception taken from the kernel itself. */
asmlinkage void el1h_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (ESR_ELx_EC(esr)) {
	case ESR_ELx_EC_DABT_CUR:
	case ESR_ELx_EC_IABT_CUR:
		do_mem_abort(read_sysreg(far_el1), esr, regs);
		break;
	case ESR_ELx_EC_UNKNOWN:
		el1_undef(regs, esr);
		break;
	case ESR_ELx_EC_BRK64:
		die_kernel_exception("Oops - BRK", regs, esr);
	case ESR_ELx_EC_PC_ALIGN:
	case ESR_ELx_EC_SP_ALIGN:
		die_kernel_exception("Oops - misaligned PC or SP", regs, esr);
	default:
		die_kernel_exception("Oops - unexpected synchronous exception", regs, esr);
	}
}

asmlinkage void el1h_64_irq_handler(struct pt_regs *regs)
{
	handle_arch_irq(regs);
}

/*
 * From user space (EL0, AArch64). el0t_64_sync (entry.S) saved every user register into
 * regs, switched SP_EL0 to 'current' and cleared the general registers; interrupts are
 * masked (the exception set PSTATE.DAIF). ESR_EL1.EC says what happened.
 */

/*
 * svc #0: a system call. The number is in x8, arguments in x0-x5 (syscall.h). Inline, as is
 * do_el0_svc: the whole syscall path is el0t_64_sync_handler's body, whose frame keeps it in
 * backtraces (a call to an out-of-line el0_svc would be a tail call, leaving none).
 */
static __always_inline void el0_svc(struct pt_regs *regs)
{
	current_thread_info()->syscall_route = ROUTE_SVC;	/* the tracer names it "svc" */
	do_el0_svc(regs);
}

/*
 * A user fault the process gets a signal for; the return path is the usual one. The fault
 * paths are kept out of line, so their registers and stack do not weigh on the syscall case.
 * As Linux's arm64_notify_die, the syndrome is recorded for the signal frame (esr_context)
 * with no fault address; a breakpoint (el0_brk) records nothing, as Linux's brk handler.
 */
static noinline void el0_signal(struct pt_regs *regs, unsigned long esr, int sig, int code,
				unsigned long addr, const char *what)
{
	irqentry_enter_from_user_mode(regs);
	local_irq_enable();
	current->thread.fault_address = 0;
	current->thread.fault_code = esr;
	force_sig_fault(regs, sig, code, addr, what);
	irqentry_exit_to_user_mode(regs);
}

static noinline void el0_brk(struct pt_regs *regs, const char *what)
{
	irqentry_enter_from_user_mode(regs);
	local_irq_enable();
	force_sig_fault(regs, SIGTRAP, TRAP_BRKPT, regs->pc, what);
	irqentry_exit_to_user_mode(regs);
}

/* Data or instruction abort at EL0: FAR_EL1 holds the address (mm/fault.c decodes it). */
static noinline void el0_abort(struct pt_regs *regs, unsigned long esr)
{
	irqentry_enter_from_user_mode(regs);
	local_irq_enable();
	do_el0_mem_abort(read_sysreg(far_el1), esr, regs);
	irqentry_exit_to_user_mode(regs);
}

/* Any other synchronous exception EL0 can cause: named by its exception class. */
static noinline void el0_inv(struct pt_regs *regs, unsigned long esr)
{
	el0_signal(regs, esr, SIGILL, ILL_ILLOPC, regs->pc, esr_class_name(esr));
}

asmlinkage void el0t_64_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	/* Syscalls outnumber every other cause: the hint has the compilers test for SVC64
	 * first instead of going through a jump table. */
	switch (__builtin_expect(ESR_ELx_EC(esr), ESR_ELx_EC_SVC64)) {
	case ESR_ELx_EC_SVC64:
		el0_svc(regs);
		break;
	case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_LOW:
		el0_abort(regs, esr);
		break;
	case ESR_ELx_EC_UNKNOWN:	/* undefined instruction */
		el0_signal(regs, esr, SIGILL, ILL_ILLOPC, regs->pc, "undefined instruction");
		break;
	case ESR_ELx_EC_SYS64:		/* MRS/MSR/SYS EL0 may not use, e.g. msr daifset */
		/* ILL_ILLOPC as Linux, whose do_el0_sys falls back to its undefined handler. */
		el0_signal(regs, esr, SIGILL, ILL_ILLOPC, regs->pc, "privileged system register access");
		break;
	case ESR_ELx_EC_PC_ALIGN:	/* FAR_EL1 = the misaligned PC */
		el0_signal(regs, esr, SIGBUS, BUS_ADRALN, read_sysreg(far_el1), "misaligned pc");
		break;
	case ESR_ELx_EC_SP_ALIGN:	/* SCTLR_EL1.SA0: sp not 16-byte aligned at an access */
		el0_signal(regs, esr, SIGBUS, BUS_ADRALN, regs->sp, "misaligned sp");
		break;
	case ESR_ELx_EC_BRK64:		/* brk #imm: no debugger attached, so the default action */
		el0_brk(regs, "breakpoint (brk)");
		break;
	default:			/* everything else EL0 can cause: illegal state, SVE, ... */
		el0_inv(regs, esr);
		break;
	}
}

/* The timer (or another device) interrupted user code: handle it, then the exit work. */
asmlinkage void el0t_64_irq_handler(struct pt_regs *regs)
{
	irqentry_enter_from_user_mode(regs);
	handle_arch_irq(regs);
	irqentry_exit_to_user_mode(regs);
}

/*
 * From AArch32 user code (an arm EABI program; start_thread set SPSR.M[4]). el0t_32_sync
 * (entry.S) saved the registers as for AArch64, after zeroing the upper halves of x0-x14
 * (r0-r14), so regs->regs[n] is rn. The same handlers serve both states where the
 * exception means the same; ret_to_user's eret goes back to AArch32 because the saved
 * pstate says so.
 */

/*
 * svc #0 from AArch32: number in r7, arguments in r0-r5, through the arm table. Inline for
 * the reason el0_svc is.
 */
static __always_inline void el0_svc_compat(struct pt_regs *regs)
{
	current_thread_info()->syscall_route = ROUTE_SVC32;	/* the tracer names it "svc32" */
	do_el0_svc_compat(regs);
}

asmlinkage void el0t_32_sync_handler(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);

	switch (__builtin_expect(ESR_ELx_EC(esr), ESR_ELx_EC_SVC32)) {
	case ESR_ELx_EC_SVC32:
		el0_svc_compat(regs);
		break;
	case ESR_ELx_EC_DABT_LOW:
	case ESR_ELx_EC_IABT_LOW:
		el0_abort(regs, esr);
		break;
	case ESR_ELx_EC_UNKNOWN:	/* undefined instruction (udf, or one this CPU lacks) */
		el0_signal(regs, esr, SIGILL, ILL_ILLOPC, regs->pc, "undefined instruction");
		break;
	case ESR_ELx_EC_CP15_32:	/* coprocessor accesses EL0 may not make */
	case ESR_ELx_EC_CP15_64:
	case ESR_ELx_EC_CP14_MR:
	case ESR_ELx_EC_CP14_LS:
	case ESR_ELx_EC_CP14_64:
		el0_signal(regs, esr, SIGILL, ILL_ILLOPC, regs->pc, esr_class_name(esr));
		break;
	case ESR_ELx_EC_PC_ALIGN:	/* a bx to a misaligned ARM-state address */
		el0_signal(regs, esr, SIGBUS, BUS_ADRALN, read_sysreg(far_el1), "misaligned pc");
		break;
	case ESR_ELx_EC_BKPT32:		/* bkpt #imm: no debugger attached */
		el0_brk(regs, "breakpoint (bkpt)");
		break;
	default:
		el0_inv(regs, esr);
		break;
	}
}

asmlinkage void el0t_32_irq_handler(struct pt_regs *regs)
{
	irqentry_enter_from_user_mode(regs);
	handle_arch_irq(regs);
	irqentry_exit_to_user_mode(regs);
}

/* entry.S addresses pt_regs by the S_* offsets: they must match the struct. */
#define CHECK_OFFSET(field, off) BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, field) != (off))
static inline void __maybe_unused pt_regs_layout_check(void)
{
	CHECK_OFFSET(regs[0], S_X0);
	CHECK_OFFSET(regs[30], S_LR);
	CHECK_OFFSET(sp, S_SP);
	CHECK_OFFSET(pc, S_PC);
	CHECK_OFFSET(pstate, S_PSTATE);
	CHECK_OFFSET(orig_x0, S_ORIG_X0);
	CHECK_OFFSET(syscallno, S_SYSCALLNO);
	CHECK_OFFSET(stackframe, S_STACKFRAME);
	BUILD_BUG_ON(sizeof(struct pt_regs) != PT_REGS_SIZE);
	BUILD_BUG_ON(PT_REGS_SIZE % 16);
}
