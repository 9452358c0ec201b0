// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction and data aborts taken in the kernel. Three outcomes: a hit in a kernel stack's
 * guard page is reported as a stack overflow (from the overflow stack: the faulting one is
 * full); an access with an exception-table entry (a probe, later uaccess) resumes at its
 * fixup; anything else is a kernel bug and dies with the decoded syndrome.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <asm/esr.h>
#include <asm/exception.h>
#include <asm/thread_info.h>

static struct pt_regs *guard_hit_regs;

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

	if (fixup_exception(regs))
		return;

	if (!far_valid)
		pr_emerg("Unable to handle kernel %s (address not reported)\n",
			 fault_status_name(fsc));
	else if (far < PAGE_SIZE)
		pr_emerg("Unable to handle kernel NULL pointer dereference at virtual address %016lx\n",
			 far);
	else
		pr_emerg("Unable to handle kernel paging request at virtual address %016lx\n", far);
	die_kernel_exception(ESR_ELx_EC(esr) == ESR_ELx_EC_IABT_CUR ?
			     "Oops - instruction abort" : "Oops - data abort", regs, esr);
}
