// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction and data aborts.
 *
 * Taken in the kernel, three outcomes: a hit in a kernel stack's guard page is reported as
 * a stack overflow (from the overflow stack: the faulting one is full); an access with an
 * exception-table entry (a probe, a user copy in arch/arm64/lib/copy_user.S) resumes at its
 * fixup; anything else is a kernel bug and dies with the decoded syndrome. That includes a
 * user address touched outside the user copies: with PAN such an access faults even when
 * the page is mapped, and it is reported as what it is.
 *
 * Taken from user space: a translation fault on a user address may be a page of anonymous
 * memory not touched yet, a permission fault on a write a copy-on-write page after fork;
 * handle_mm_fault() (mm/memory.c) gives it a frame or a copy, and the access is retried. The same holds for a user copy (LDTR/STTR with an exception-table entry)
 * taken in the kernel. Anything else from user space was not allowed: SIGSEGV with the
 * faulting address.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/signal.h>
#include <linux/vmalloc.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/extable.h>
#include <asm/esr.h>
#include <asm/exception.h>
#include <asm/processor.h>
#include <asm/thread_info.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

static struct pt_regs *guard_hit_regs;

/*
 * What handle_mm_fault() may resolve on a user address: a translation fault ("nothing
 * mapped": maybe a page still to come) or a permission fault at level 3 on a write (maybe a
 * copy-on-write page after fork, mm/memory.c). An unprivileged store of a user copy (STTR)
 * takes the same permission fault, so a syscall writing into such a page copies it too.
 */
static int user_page_fault(unsigned long far, unsigned long esr, bool exec)
{
	struct mm_struct *mm = current->mm;
	unsigned int fsc = ESR_ELx_FSC(esr);
	bool write = !exec && (esr & ESR_ELx_WNR);
	bool resolvable = ESR_ELx_FSC_TYPE(fsc) == ESR_ELx_FSC_FAULT ||
			  (ESR_ELx_FSC_TYPE(fsc) == ESR_ELx_FSC_PERM && ESR_ELx_FSC_LEVEL(fsc) == 3 &&
			   write);

	if ((esr & ESR_ELx_FNV) || !resolvable || !mm || far >= mm->task_size)
		return -ENOENT;		/* not for handle_mm_fault: the status code says why */
	return handle_mm_fault(mm, far, (write ? FAULT_FLAG_WRITE : 0) |
					(exec ? FAULT_FLAG_INSTRUCTION : 0));
}

/* 0: the page is there now; -EFAULT: no area (SEGV_MAPERR), -EACCES: not this access. */
static bool fault_in_user_page(unsigned long far, unsigned long esr, bool exec)
{
	return !user_page_fault(far, esr, exec);
}

/*
 * The uaccess layer's loads and stores are the unprivileged forms (LDTR/STTR and their byte
 * and halfword sizes: "load/store register (unprivileged)", Arm ARM C4.1.66), which PAN does
 * not apply to; a permission fault on one of them is EL0's own (a read-only or copy-on-write
 * page). Any other EL1 instruction that takes a permission fault on a user address while
 * PSTATE.PAN was set hit PAN: never resolved (handle_mm_fault would find the page fine and
 * the access would fault again for ever), only fixed up or reported.
 */
static bool is_unprivileged_ldst(u32 insn)
{
	return (insn & 0x3f200c00) == 0x38000800;
}

static bool pan_violation(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	return arm64_pan_enabled && (regs->pstate & PSR_PAN_BIT) && far < TASK_SIZE_MAX &&
	       !(esr & ESR_ELx_FNV) && ESR_ELx_FSC_TYPE(ESR_ELx_FSC(esr)) == ESR_ELx_FSC_PERM &&
	       ESR_ELx_EC(esr) == ESR_ELx_EC_DABT_CUR &&
	       !is_unprivileged_ldst(*(const u32 *)regs->pc);
}

static void report_stack_overflow(void)
{
	handle_bad_stack(guard_hit_regs);
}

void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	bool far_valid = !(esr & ESR_ELx_FNV);
	unsigned int fsc = ESR_ELx_FSC(esr);

	if (far_valid && kernel_stack_guard_hit(far)) {
		guard_hit_regs = regs;
		call_on_stack((char *)overflow_stack + OVERFLOW_STACK_SIZE, report_stack_overflow);
	}

	/* Only a user copy may touch user memory, and may find a page still to come. */
	if (search_exception_tables(regs->pc) && !pan_violation(far, esr, regs) &&
	    fault_in_user_page(far, esr, false))
		return;
	if (fixup_exception(regs))
		return;

	if (!far_valid)
		pr_emerg("Unable to handle kernel %s (address not reported)\n",
			 fault_status_name(fsc));
	else if (far < PAGE_SIZE)
		pr_emerg("Unable to handle kernel NULL pointer dereference at virtual address %016lx\n",
			 far);
	else if (far < TASK_SIZE_MAX && ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR)
		pr_emerg("Unable to handle kernel execution of user memory at %016lx (PXN)\n", far);
	else if (far < TASK_SIZE_MAX && pan_violation(far, esr, regs))
		pr_emerg("Unable to handle kernel access to user address %016lx outside the user "
			 "copy routines (PAN)\n", far);
	else if (far < TASK_SIZE_MAX)
		pr_emerg("Unable to handle kernel access to user address %016lx outside the user "
			 "copy routines\n", far);
	else
		pr_emerg("Unable to handle kernel paging request at virtual address %016lx\n", far);
	die_kernel_exception(ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR ?
			     "Oops - instruction abort" : "Oops - data abort", regs, esr);
}

/*
 * What a signal frame reports about this fault (the esr_context of arm64 frames, the
 * fault_address and error_code of AArch32 ones). A fault on a kernel address must not tell
 * user space anything about the kernel's mappings: as Linux's set_thread_esr, it is
 * reported as a level 0 translation fault, keeping only what the faulting instruction
 * already tells (EC, IL, and for data aborts CM and WnR).
 */
static void set_thread_esr(unsigned long far, unsigned long esr)
{
	current->thread.fault_address = far;
	if (far >= TASK_SIZE_MAX) {
		if (ESR_ELx_EC(esr) == ESR_ELx_EC_DABT_LOW)
			esr &= ESR_ELx_EC_MASK | ESR_ELx_IL | ESR_ELx_CM | ESR_ELx_WNR;
		else
			esr &= ESR_ELx_EC_MASK | ESR_ELx_IL;
		esr |= ESR_ELx_FSC_FAULT;
	}
	current->thread.fault_code = esr;
}

/*
 * An abort from EL0. The fault status code tells "nothing mapped there" (translation fault:
 * SEGV_MAPERR) from "mapped, but not for this access" (permission, access flag: a write to
 * read-only memory, a jump into a non-executable page: SEGV_ACCERR); a kernel address is
 * SEGV_MAPERR whatever the fault, as on Linux (no user area there);
 * an alignment fault is SIGBUS with BUS_ADRALN, as Linux's do_alignment_fault, and a file
 * page past the end of its file SIGBUS with BUS_ADRERR.
 */
void do_el0_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs)
{
	unsigned int fsc = ESR_ELx_FSC(esr);
	bool exec = ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_LOW;
	int code = ESR_ELx_FSC_TYPE(fsc) == ESR_ELx_FSC_FAULT ? SEGV_MAPERR : SEGV_ACCERR;
	const char *what = exec ? "instruction abort" :
			   (esr & ESR_ELx_WNR) ? "data abort (write)" : "data abort (read)";
	int err = user_page_fault(far, esr, exec);

	if (!err)
		return;
	if (err == -EACCES)	/* an area forbids this access, whatever the page table said */
		code = SEGV_ACCERR;
	if (far >= TASK_SIZE_MAX)	/* a kernel address: no user area there, as Linux says */
		code = SEGV_MAPERR;
	if (esr & ESR_ELx_FNV)
		far = 0;	/* the address is not known */
	set_thread_esr(far, esr);
	if (fsc == ESR_ELx_FSC_ALIGN) {	/* e.g. an exclusive load or store off its size */
		force_sig_fault(regs, SIGBUS, BUS_ADRALN, far, "alignment fault");
		return;
	}
	if (err == -EIO) {	/* a file page past the end of the file, as Linux's VM_FAULT_SIGBUS */
		force_sig_fault(regs, SIGBUS, BUS_ADRERR, far, what);
		return;
	}
	force_sig_fault(regs, SIGSEGV, code, far, what);
}
