/* What the exception entry and fault code share: handler entry points and the last syndrome. */
#ifndef _ASM_ARM64_EXCEPTION_H
#define _ASM_ARM64_EXCEPTION_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/ptrace.h>

/*
 * The syndrome of the exception being handled, kept so show_regs() (called from generic
 * die()) can decode it: ESR and FAR are not part of pt_regs.
 */
struct exception_info {
	const struct pt_regs *regs;
	unsigned long esr;
	unsigned long far;
	bool far_valid;
};
void record_exception(const struct pt_regs *regs, unsigned long esr, unsigned long far,
		      bool far_valid);
const struct exception_info *exception_info_for(const struct pt_regs *regs);

const char *esr_class_name(unsigned long esr);
const char *fault_status_name(unsigned int fsc);

void do_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs);
/* A data or instruction abort from EL0: SIGSEGV with the address (mm/fault.c). */
void do_el0_mem_abort(unsigned long far, unsigned long esr, struct pt_regs *regs);
void __noreturn die_kernel_exception(const char *what, struct pt_regs *regs, unsigned long esr);
bool fixup_exception(struct pt_regs *regs);

/* entry.S */
extern char vectors[];
void call_on_stack(void *stack_top, void (*fn)(void));
asmlinkage void __noreturn handle_bad_stack(struct pt_regs *regs);
extern unsigned long overflow_stack[];

/* Frame-pointer backtrace of the stack regs points into (or the current one). */
void dump_backtrace(const struct pt_regs *regs);

/* IRQ entry: the interrupt controller driver's handler (irq.c). */
void handle_arch_irq(struct pt_regs *regs);

/* The register dump of an Oops (traps.c), called by generic die() (kernel/panic.c). */
void show_regs(struct pt_regs *regs);

/* What entry.S's vectors call (entry-common.c), one per vector slot. */
asmlinkage void el1t_64_sync_handler(struct pt_regs *regs);
asmlinkage void el1t_64_irq_handler(struct pt_regs *regs);
asmlinkage void el1t_64_fiq_handler(struct pt_regs *regs);
asmlinkage void el1t_64_error_handler(struct pt_regs *regs);
asmlinkage void el1h_64_sync_handler(struct pt_regs *regs);
asmlinkage void el1h_64_irq_handler(struct pt_regs *regs);
asmlinkage void el1h_64_fiq_handler(struct pt_regs *regs);
asmlinkage void el1h_64_error_handler(struct pt_regs *regs);
asmlinkage void el0t_64_sync_handler(struct pt_regs *regs);
asmlinkage void el0t_64_irq_handler(struct pt_regs *regs);
asmlinkage void el0t_64_fiq_handler(struct pt_regs *regs);
asmlinkage void el0t_64_error_handler(struct pt_regs *regs);
asmlinkage void el0t_32_sync_handler(struct pt_regs *regs);
asmlinkage void el0t_32_irq_handler(struct pt_regs *regs);
asmlinkage void el0t_32_fiq_handler(struct pt_regs *regs);
asmlinkage void el0t_32_error_handler(struct pt_regs *regs);

#endif
