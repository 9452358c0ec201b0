// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks on x86_64: which task runs (set_current_task), the registers a new program starts
 * with (start_thread), and the first departure to user mode (arch_start_user).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <linux/entry-common.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/percpu.h>
#include <asm/msr.h>
#include <asm/current.h>
#include <asm/elf.h>
#include <linux/mmu_context.h>
#include <asm/entry_test.h>

void set_current_task(struct task_struct *t)
{
	struct pcpu_hot *hot = this_cpu_hot();
	unsigned long top = (unsigned long)t->stack + THREAD_SIZE;

	hot->current_task = t;
	hot->top_of_stack = top;			/* syscall entries */
	update_task_stack_sp0(top);			/* interrupts and int $0x80 from ring 3 */
	wrmsr(MSR_IA32_SYSENTER_ESP, top);		/* sysenter */
	load_user_tls(t);				/* its FS/GS bases and TLS slots */
}

static inline void load_data_segments(unsigned int sel)
{
	__asm__ __volatile__("movl %0, %%ds\n\tmovl %0, %%es" : : "r"(sel) : "memory");
}

void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp, bool compat)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = pc;
	regs->sp = sp;
	regs->cs = compat ? __USER32_CS : __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	regs->orig_ax = -1;
	/*
	 * 32-bit code addresses memory through DS and ES, and a null selector there faults in
	 * compatibility mode. The 64-bit kernel ignores both, so they simply stay loaded.
	 */
	load_data_segments(compat ? __USER_DS : 0);
	reset_user_tls(current);
	entry_test_exec(current);
}

void __noreturn arch_start_user(struct pt_regs *regs)
{
	local_irq_disable();
	irqentry_exit_to_user_mode(regs);
	/* The same exit as any interrupt from user mode: swapgs, iretq with regs. */
	__asm__ __volatile__("movq %0, %%rsp\n\t"
			     "jmp swapgs_restore_regs_and_return_to_usermode"
			     : : "r"(regs) : "memory");
	__builtin_unreachable();
}
