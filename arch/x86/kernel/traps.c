// SPDX-License-Identifier: GPL-2.0
/*
 * The C side of exception entry: entry_64.S calls x86_handle_vector() for every vector.
 * Exceptions in kernel mode are bugs: report them with die(). Page faults go to mm/fault.c
 * first (exception-table fixups), device interrupts to kernel/irq.c.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/processor.h>

/* The entry assembly hard-codes these offsets. */
BUILD_BUG_ON(__builtin_offsetof(struct pt_regs, bp) != PTREGS_BP);
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

static long current_vector = -1;

long x86_current_vector(void)
{
	return current_vector;
}

void do_exception(struct pt_regs *regs, unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_PF:
		do_page_fault(regs, regs->orig_ax);
		return;
	case X86_TRAP_NMI:
		/* Nothing here sends NMIs; note it and carry on, as Linux does. */
		pr_emerg("NMI received for unknown reason at %pS\n", (void *)regs->ip);
		return;
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

void x86_handle_vector(struct pt_regs *regs, unsigned long vector)
{
	long outer = current_vector;

	current_vector = vector;
	if (vector < NR_EXCEPTION_VECTORS)
		do_exception(regs, vector);
	else
		do_irq(regs, vector);
	current_vector = outer;
}
