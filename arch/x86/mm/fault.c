// SPDX-License-Identifier: GPL-2.0
/*
 * Page faults.
 *   - "not present" on a user address, from user mode or from a user copy (an instruction
 *     in the exception table): maybe a page of anonymous memory not touched yet;
 *     handle_mm_fault() (mm/memory.c) gives it a frame and the access is retried;
 *   - "present + write" (a protection fault on a write, not a fetch) there: maybe a
 *     copy-on-write page after fork; handle_mm_fault() copies it or makes it writable. A
 *     user copy's write lands here too: CR0.WP (set in head_64.S) makes ring 0 honour
 *     read-only user entries, without which the kernel would write into the shared page;
 *   - any other fault in user mode (no area, a kernel address, a protection violation) is
 *     the process's error: SIGSEGV (a kernel address is SEGV_MAPERR, as on Linux: there is
 *     no user area there, whatever the kernel maps);
 *   - SMAP: a kernel access to a user address with EFLAGS.AC clear, outside the uaccess
 *     layer's stac/clac window, faults even on a present page and is never resolved, even
 *     from an instruction with an exception-table entry (the fixup is taken): the access
 *     itself was the bug. SMEP: a kernel instruction fetch from a user page is never resolved;
 *   - any other kernel fault is either an expected one — a user copy, resumed at its
 *     fixup — or a bug, even when the address is a user one: die() with the address
 *     explained.
 */
#include <linux/kernel.h>
#include <linux/extable.h>
#include <linux/vmalloc.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/mm_types.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/smap.h>

/* Error code bits the CPU pushes for #PF (SDM vol. 3, 4.7). */
#define X86_PF_PROT	(1 << 0)	/* 0: page not present, 1: protection violation */
#define X86_PF_WRITE	(1 << 1)
#define X86_PF_USER	(1 << 2)
#define X86_PF_RSVD	(1 << 3)	/* a reserved bit was set in a paging entry */
#define X86_PF_INSTR	(1 << 4)	/* instruction fetch */

/* A kernel-mode access to a user page that SMAP refused: the AC window was not open. */
static bool smap_violation(struct pt_regs *regs, unsigned long error_code,
			   unsigned long address)
{
	return x86_smap_enabled && !(error_code & (X86_PF_USER | X86_PF_INSTR)) &&
	       address < TASK_SIZE_MAX && !(regs->flags & X86_EFLAGS_AC);
}

/* Not present, or a write to a present page: what handle_mm_fault() may resolve. */
static bool fault_may_be_resolved(unsigned long error_code)
{
	if (error_code & X86_PF_RSVD)
		return false;
	if (!(error_code & X86_PF_PROT))
		return true;
	return (error_code & (X86_PF_WRITE | X86_PF_INSTR)) == X86_PF_WRITE;
}

void do_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	/* CR2 first: a later fault would overwrite it. */
	unsigned long address = read_cr2();
	const struct exception_table_entry *fixup = NULL;
	int fault = -EFAULT;

	if (!user_mode(regs))
		fixup = search_exception_tables(regs->ip);
	/* Only user mode or a user copy may fault pages in ('current' is not read before). */
	if (fault_may_be_resolved(error_code) && (user_mode(regs) || fixup) &&
	    !smap_violation(regs, error_code, address)) {
		struct mm_struct *mm = current->mm;

		/*
		 * Interrupts back on when the faulting code had them (as Linux): resolving
		 * the fault may flush other CPUs' TLBs (a COW break), which waits for their
		 * answer to an IPI, and a CPU waiting with interrupts off could never answer
		 * another's. The exception gate turned them off; they go off again below.
		 */
		if (regs->flags & X86_EFLAGS_IF)
			local_irq_enable();
		if (mm && address < mm->task_size)
			fault = handle_mm_fault(mm, address,
				(error_code & X86_PF_WRITE ? FAULT_FLAG_WRITE : 0) |
				(error_code & X86_PF_INSTR ? FAULT_FLAG_INSTRUCTION : 0));
		local_irq_disable();
		if (!fault)
			return;		/* a page now: the instruction runs again */
	}

	if (user_mode(regs)) {
		/*
		 * For the frame's sigcontext, as Linux: a kernel address reads as a protection
		 * fault whatever the page tables say (its layout is none of the user's business).
		 */
		current->thread.trap_nr = X86_TRAP_PF;
		current->thread.cr2 = address;
		current->thread.error_code = error_code | (address >= TASK_SIZE_MAX ? X86_PF_PROT : 0);
		/* A file page past the end of the file: SIGBUS, as Linux's do_sigbus. */
		if (fault == -EIO) {
			force_sig_fault(regs, SIGBUS, BUS_ADRERR, address, "page fault");
			return;
		}
		/* A PROT_NONE page is not present to the CPU, yet the area is there: ACCERR. */
		force_sig_fault(regs, SIGSEGV,
				address < TASK_SIZE_MAX &&
				(error_code & X86_PF_PROT || fault == -EACCES) ? SEGV_ACCERR : SEGV_MAPERR,
				address, "page fault");
		return;
	}
	if (fixup) {
		regs->ip = ex_fixup_addr(fixup);
		return;
	}

	if (kernel_stack_guard_hit(address))
		pr_emerg("kernel stack overflow (guard page hit) at %#lx\n", address);
	if (smap_violation(regs, error_code, address))
		pr_emerg("BUG: SMAP: kernel access to user memory outside uaccess at %#lx\n", address);
	if ((error_code & X86_PF_INSTR) && address < TASK_SIZE_MAX)
		pr_emerg("BUG: SMEP: kernel tried to execute user memory at %#lx\n", address);
	pr_emerg("BUG: unable to handle page fault for address %#lx: %s %s%s, %s\n", address,
		 error_code & X86_PF_USER ? "user" : "kernel",
		 error_code & X86_PF_INSTR ? "instruction fetch" :
		 error_code & X86_PF_WRITE ? "write" : "read",
		 error_code & X86_PF_RSVD ? " (reserved bit set)" : "",
		 error_code & X86_PF_PROT ? "protection violation" : "page not present");
	die(exception_name(X86_TRAP_PF), regs, (long)error_code);
}
