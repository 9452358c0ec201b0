// SPDX-License-Identifier: GPL-2.0
/*
 * A frame-pointer backtrace for register dumps. With -fno-omit-frame-pointer every function
 * stores a frame record {previous x29, x30} and points x29 at it; kernel_entry does the
 * same for the interrupted context (pt_regs.stackframe), so the chain runs through
 * exceptions. The walk stays on one kernel stack, only moves upwards, and checks each
 * record is mapped, so a corrupt chain ends the dump instead of faulting inside it.
 */
#include <linux/kernel.h>
#include <asm/exception.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>

#define MAX_FRAMES 24

void dump_backtrace(const struct pt_regs *regs)
{
	unsigned long fp = regs->regs[29];
	/* Stacks are THREAD_SIZE long and 2*THREAD_SIZE aligned: the first record's stack. */
	unsigned long low = ALIGN_DOWN(fp, THREAD_ALIGN);
	unsigned long high = low + THREAD_SIZE;
	int n;

	pr_emerg("Call trace:\n");
	pr_emerg("  %pS\n", (void *)regs->pc);
	for (n = 0; n < MAX_FRAMES; n++) {
		unsigned long next, lr;

		if (fp < low || fp + 16 > high || (fp & 7) ||
		    !kernel_addr_mapped(fp) || !kernel_addr_mapped(fp + 8))
			break;
		next = ((unsigned long *)fp)[0];
		lr = ((unsigned long *)fp)[1];
		if (!lr)
			break;
		pr_emerg("  %pS\n", (void *)lr);
		if (next <= fp)
			break;
		fp = next;
	}
}
