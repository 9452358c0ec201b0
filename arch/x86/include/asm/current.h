/*
 * 'current': the task running on this CPU, a per-CPU variable read through GS (one
 * "mov %gs:16, reg", asm/percpu.h) as in Linux. The read is not volatile on purpose: within
 * one task's view 'current' never changes, so the compiler may keep it in a register.
 */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

#include <linux/compiler.h>
#include <asm/percpu.h>

struct task_struct;

static __always_inline struct task_struct *get_current(void)
{
	struct task_struct *t;

	__asm__ ("movq %%gs:%c1, %0" : "=r"(t) : "i"(PCPU_CURRENT));
	return t;
}

#define current get_current()

/*
 * Make t the running task: 'current', and the three places the CPU or the entry code find
 * its kernel stack top (pcpu_hot.top_of_stack, TSS.sp0, MSR_IA32_SYSENTER_ESP).
 * kernel/process_64.c.
 */
void set_current_task(struct task_struct *t);

#endif
