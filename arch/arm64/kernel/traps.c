// SPDX-License-Identifier: GPL-2.0
/*
 * Reporting kernel exceptions: names for the exception classes and fault status codes of
 * ESR_EL1, show_regs() (what generic die() prints), the path to die(), and the
 * kernel-stack-overflow report.
 */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <linux/reboot.h>
#include <asm/esr.h>
#include <asm/exception.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>

/* The overflow stack: 2*THREAD_SIZE aligned so the vector's stack check accepts it too. */
unsigned long overflow_stack[OVERFLOW_STACK_SIZE / sizeof(long)] __aligned(THREAD_ALIGN);

static const char *const esr_class_names[64] = {
	[ESR_ELx_EC_UNKNOWN]	 = "Unknown/Uncategorized (undefined instruction)",
	[ESR_ELx_EC_WFx]	 = "WFI/WFE",
	[ESR_ELx_EC_CP15_32]	 = "CP15 MCR/MRC (AArch32)",
	[ESR_ELx_EC_CP15_64]	 = "CP15 MCRR/MRRC (AArch32)",
	[ESR_ELx_EC_CP14_MR]	 = "CP14 MCR/MRC (AArch32)",
	[ESR_ELx_EC_CP14_LS]	 = "CP14 LDC/STC (AArch32)",
	[ESR_ELx_EC_CP14_64]	 = "CP14 MCRR/MRRC (AArch32)",
	[ESR_ELx_EC_FP_ASIMD]	 = "FP/ASIMD access",
	[ESR_ELx_EC_PAC]	 = "PAC",
	[ESR_ELx_EC_BTI]	 = "BTI",
	[ESR_ELx_EC_ILL]	 = "Illegal execution state",
	[ESR_ELx_EC_SVC32]	 = "SVC (AArch32)",
	[ESR_ELx_EC_SVC64]	 = "SVC (AArch64)",
	[ESR_ELx_EC_HVC64]	 = "HVC (AArch64)",
	[ESR_ELx_EC_SMC64]	 = "SMC (AArch64)",
	[ESR_ELx_EC_SYS64]	 = "MSR/MRS (AArch64)",
	[ESR_ELx_EC_SVE]	 = "SVE",
	[ESR_ELx_EC_FPAC]	 = "FPAC",
	[ESR_ELx_EC_IABT_LOW]	 = "IABT (lower EL)",
	[ESR_ELx_EC_IABT_CUR]	 = "IABT (current EL)",
	[ESR_ELx_EC_PC_ALIGN]	 = "PC Alignment",
	[ESR_ELx_EC_DABT_LOW]	 = "DABT (lower EL)",
	[ESR_ELx_EC_DABT_CUR]	 = "DABT (current EL)",
	[ESR_ELx_EC_SP_ALIGN]	 = "SP Alignment",
	[ESR_ELx_EC_FP_EXC32]	 = "FP (AArch32)",
	[ESR_ELx_EC_FP_EXC64]	 = "FP (AArch64)",
	[ESR_ELx_EC_SERROR]	 = "SError",
	[ESR_ELx_EC_BREAKPT_LOW] = "Breakpoint (lower EL)",
	[ESR_ELx_EC_BREAKPT_CUR] = "Breakpoint (current EL)",
	[ESR_ELx_EC_SOFTSTP_LOW] = "Software Step (lower EL)",
	[ESR_ELx_EC_SOFTSTP_CUR] = "Software Step (current EL)",
	[ESR_ELx_EC_WATCHPT_LOW] = "Watchpoint (lower EL)",
	[ESR_ELx_EC_WATCHPT_CUR] = "Watchpoint (current EL)",
	[ESR_ELx_EC_BKPT32]	 = "BKPT (AArch32)",
	[ESR_ELx_EC_BRK64]	 = "BRK (AArch64)",
};

const char *esr_class_name(unsigned long esr)
{
	const char *name = esr_class_names[ESR_ELx_EC(esr)];

	return name ? name : "unknown exception class";
}

/* DFSC/IFSC names; the low two bits of the first four kinds are the table level. */
const char *fault_status_name(unsigned int fsc)
{
	static const char *const leveled[4][4] = {
		{ "level 0 address size fault", "level 1 address size fault",
		  "level 2 address size fault", "level 3 address size fault" },
		{ "level 0 translation fault", "level 1 translation fault",
		  "level 2 translation fault", "level 3 translation fault" },
		{ "level 0 access flag fault", "level 1 access flag fault",
		  "level 2 access flag fault", "level 3 access flag fault" },
		{ "level 0 permission fault", "level 1 permission fault",
		  "level 2 permission fault", "level 3 permission fault" },
	};

	if (fsc < 0x10)
		return leveled[fsc >> 2][fsc & 3];
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x11: return "synchronous tag check fault";
	case 0x14: case 0x15: case 0x16: case 0x17:
		return "synchronous external abort on table walk";
	case 0x18: return "synchronous parity or ECC error";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	case 0x31: return "unsupported atomic hardware update";
	case 0x34: return "implementation fault (lockdown)";
	case 0x35: return "implementation fault (unsupported exclusive)";
	default:   return "unknown fault status";
	}
}

static struct exception_info last_exception;

void record_exception(const struct pt_regs *regs, unsigned long esr, unsigned long far,
		      bool far_valid)
{
	last_exception.regs = regs;
	last_exception.esr = esr;
	last_exception.far = far;
	last_exception.far_valid = far_valid;
}

const struct exception_info *exception_info_for(const struct pt_regs *regs)
{
	return last_exception.regs == regs ? &last_exception : NULL;
}

static void show_esr(const struct exception_info *info)
{
	unsigned long esr = info->esr;
	unsigned int ec = ESR_ELx_EC(esr);

	pr_emerg("ESR: 0x%08lx -- EC 0x%02x %s, IL %d, ISS 0x%07lx\n", esr, ec,
		 esr_class_name(esr), (esr & ESR_ELx_IL) ? 32 : 16, ESR_ELx_ISS(esr));
	if (ec == ESR_ELx_EC_DABT_CUR || ec == ESR_ELx_EC_DABT_LOW)
		pr_emerg("  DFSC 0x%02lx: %s, WnR %d (%s), S1PTW %d, CM %d, EA %d\n",
			 ESR_ELx_FSC(esr), fault_status_name(ESR_ELx_FSC(esr)),
			 !!(esr & ESR_ELx_WNR), (esr & ESR_ELx_WNR) ? "write" : "read",
			 !!(esr & ESR_ELx_S1PTW), !!(esr & ESR_ELx_CM), !!(esr & ESR_ELx_EA));
	else if (ec == ESR_ELx_EC_IABT_CUR || ec == ESR_ELx_EC_IABT_LOW)
		pr_emerg("  IFSC 0x%02lx: %s, S1PTW %d, EA %d\n", ESR_ELx_FSC(esr),
			 fault_status_name(ESR_ELx_FSC(esr)), !!(esr & ESR_ELx_S1PTW),
			 !!(esr & ESR_ELx_EA));
	if (info->far_valid)
		pr_emerg("FAR: 0x%016lx\n", info->far);
	else
		pr_emerg("FAR: not valid for this exception\n");
}

static const char *pstate_mode_name(u64 pstate)
{
	if (pstate & PSR_MODE32_BIT)
		return (pstate & (PSR_MODE32_BIT | PSR_MODE_MASK)) == PSR_AA32_MODE_USR ?
		       "AArch32 USR" : "AArch32 ?";
	switch (pstate & PSR_MODE_MASK) {
	case PSR_MODE_EL0t: return "EL0t";
	case PSR_MODE_EL1t: return "EL1t";
	case PSR_MODE_EL1h: return "EL1h";
	case PSR_MODE_EL2h: return "EL2h";
	default:            return "?";
	}
}

/* The full register dump generic die() prints. */
void show_regs(struct pt_regs *regs)
{
	const struct exception_info *info = exception_info_for(regs);
	u64 ps = regs->pstate;
	int i;

	if (info)
		show_esr(info);
	pr_emerg("pc : %pS\n", (void *)regs->pc);
	pr_emerg("lr : %pS\n", (void *)regs->regs[30]);
	pr_emerg("sp : %016llx  pstate: %08llx (%s, DAIF %c%c%c%c, NZCV %c%c%c%c)\n",
		 (unsigned long long)regs->sp, (unsigned long long)ps, pstate_mode_name(ps),
		 ps & PSR_D_BIT ? 'D' : '-', ps & PSR_A_BIT ? 'A' : '-',
		 ps & PSR_I_BIT ? 'I' : '-', ps & PSR_F_BIT ? 'F' : '-',
		 ps & (1UL << 31) ? 'N' : '-', ps & (1UL << 30) ? 'Z' : '-',
		 ps & (1UL << 29) ? 'C' : '-', ps & (1UL << 28) ? 'V' : '-');
	pr_emerg("x30: %016llx (lr)  x29: %016llx (fp)\n",
		 (unsigned long long)regs->regs[30], (unsigned long long)regs->regs[29]);
	for (i = 28; i >= 0; i -= 3) {
		if (i >= 2)
			pr_emerg("x%-2d: %016llx  x%-2d: %016llx  x%-2d: %016llx\n",
				 i, (unsigned long long)regs->regs[i],
				 i - 1, (unsigned long long)regs->regs[i - 1],
				 i - 2, (unsigned long long)regs->regs[i - 2]);
		else
			pr_emerg("x%-2d: %016llx\n", i, (unsigned long long)regs->regs[i]);
	}
	if (!user_mode(regs))
		dump_backtrace(regs);
}

void __noreturn die_kernel_exception(const char *what, struct pt_regs *regs, unsigned long esr)
{
	unsigned int ec = ESR_ELx_EC(esr);
	bool far_valid = ec == ESR_ELx_EC_DABT_CUR || ec == ESR_ELx_EC_IABT_CUR ||
			 ec == ESR_ELx_EC_DABT_LOW || ec == ESR_ELx_EC_IABT_LOW ||
			 ec == ESR_ELx_EC_PC_ALIGN || ec == ESR_ELx_EC_WATCHPT_CUR;

	if (far_valid && (esr & ESR_ELx_FNV))
		far_valid = false;
	record_exception(regs, esr, far_valid ? read_sysreg(far_el1) : 0, far_valid);
	die(what, regs, (long)esr);
}

/* Resume at the fixup when the faulting instruction has an exception-table entry. */
bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->pc);

	if (!e)
		return false;
	regs->pc = ex_fixup_addr(e);
	return true;
}

/*
 * Reached from __bad_stack (entry.S) on the overflow stack, with the pt_regs of the
 * exception whose entry found no room; or from the fault handler through call_on_stack()
 * after a guard-page hit.
 */
asmlinkage void __noreturn handle_bad_stack(struct pt_regs *regs)
{
	unsigned long esr = read_sysreg(esr_el1);
	unsigned long far = read_sysreg(far_el1);

	pr_emerg("Insufficient stack space to handle exception!\n");
	pr_emerg("kernel stack overflow: sp %016llx, FAR %016lx, overflow stack %016lx-%016lx\n",
		 (unsigned long long)regs->sp, far, (unsigned long)overflow_stack,
		 (unsigned long)overflow_stack + OVERFLOW_STACK_SIZE);
	record_exception(regs, esr, far, true);
	die("kernel stack overflow", regs, (long)esr);
}
