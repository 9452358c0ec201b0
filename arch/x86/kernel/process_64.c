// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks on x86_64: which task runs (set_current_task), the registers a new program starts
 * with (start_thread), and the task switch with the kernel context of a new task (__switch_to,
 * copy_thread).
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
#include <asm/switch_to.h>
#include <asm/elf.h>
#include <linux/mmu_context.h>
#include <asm/entry_test.h>
#include <linux/compat.h>
#include <linux/mm_types.h>

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
	fpu_flush_user_state();				/* x87/SSE/AVX: the defaults */
	entry_test_exec(current);
}

/*
 * The C half of the task switch (entry_64.S __switch_to_asm already swapped the kernel
 * stacks): make next the CPU's current task — its stack top for the next entry from user
 * mode, its TLS — and its user data segments. A 64-bit program has no use for DS and ES;
 * a 32-bit one needs __USER_DS in both (start_thread), so they change only when the kind
 * of program changes. Interrupts are off (the run-queue lock is held).
 */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	bool prev32 = prev->mm && prev->mm->task_size <= TASK_SIZE_32;
	bool next32 = next->mm && next->mm->task_size <= TASK_SIZE_32;

	fpu_switch(prev, next);				/* x87/SSE/AVX registers */
	save_user_tls(prev);
	set_current_task(next);
	if (next->mm && prev32 != next32)
		load_data_segments(next32 ? __USER_DS : 0);
	return prev;
}

/* The frame __switch_to_asm pops for a task that never ran: six registers and a return. */
struct fork_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret_addr;
};

void ret_from_fork_asm(void);

/*
 * A new task's kernel context: its first switch pops this frame and returns into
 * ret_from_fork_asm with RBX = fn and R12 = arg for a kernel thread. A user task starts
 * with a copy of the caller's user registers, returning 0 from the clone; CLONE_SETTLS gives
 * it its own thread pointer (64-bit: the FS base; an i386 caller: a struct user_desc for a
 * TLS slot, as set_thread_area would take it). A kernel thread has no user registers yet:
 * zeros, until exec fills them.
 */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct pt_regs *childregs = task_pt_regs(p);
	struct fork_frame *frame = (struct fork_frame *)childregs - 1;

	memset(frame, 0, sizeof(*frame));
	frame->ret_addr = (unsigned long)ret_from_fork_asm;
	p->thread.sp = (unsigned long)frame;
	save_user_tls(current);		/* user code may have loaded a selector since */
	p->thread.fsindex = current->thread.fsindex;
	p->thread.gsindex = current->thread.gsindex;
	p->thread.fsbase = current->thread.fsbase;
	p->thread.gsbase = current->thread.gsbase;
	memcpy(p->thread.tls_array, current->thread.tls_array, sizeof(p->thread.tls_array));
	if (args->fn) {
		memset(childregs, 0, sizeof(*childregs));
		p->thread.fsindex = p->thread.gsindex = 0;
		p->thread.fsbase = p->thread.gsbase = 0;
		frame->bx = (unsigned long)args->fn;
		frame->r12 = (unsigned long)args->fn_arg;
		fpu_init_task(p);
		return 0;
	}
	*childregs = *current_pt_regs();
	childregs->ax = 0;
	fpu_clone(p, current);
	if (args->stack)
		childregs->sp = args->stack;
	if (args->flags & CLONE_SETTLS) {
		if (in_compat_syscall())
			return do_set_thread_area(p, (struct user_desc __user *)args->tls, false);
		if (args->tls >= TASK_SIZE_MAX)
			return -EPERM;	/* Linux's answer for a base outside user space */
		p->thread.fsbase = args->tls;
		p->thread.fsindex = 0;
	}
	return 0;
}
