// SPDX-License-Identifier: GPL-2.0
/*
 * The C side of every exception vector (entry.S calls el<el><t|h>_<64|32>_<kind>_handler
 * with the saved pt_regs). Each handler reads the syndrome and dispatches: faults to
 * mm/fault.c, interrupts to the interrupt controller, anything the kernel does not expect
 * to die() with the name of the vector.
 */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <asm/esr.h>
#include <asm/exception.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>

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
/* No AArch32 user space. */
UNEXPECTED_VECTOR(el0t_32_sync, "EL0t 32-bit synchronous")
UNEXPECTED_VECTOR(el0t_32_irq, "EL0t 32-bit IRQ")
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
 * From user space. There is no user space yet: the system-call path (el0_svc) and user
 * faults arrive with later issues; until then an EL0 exception is reported as a kernel bug.
 */
asmlinkage void el0t_64_sync_handler(struct pt_regs *regs)
{
	unexpected_vector("EL0t 64-bit synchronous (no user-space support yet)", regs);
}

asmlinkage void el0t_64_irq_handler(struct pt_regs *regs)
{
	handle_arch_irq(regs);
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
