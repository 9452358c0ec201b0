/*
 * 'current' on arm64: while the CPU runs kernel code, SP_EL0 holds the running task's
 * task_struct pointer, as in Linux. The kernel itself always runs on SP_EL1 (EL1h), so
 * SP_EL0 is a free 64-bit register whenever we are not in user mode, and reading it is
 * one "mrs" with no memory access.
 *
 * In user mode SP_EL0 is user space's stack pointer, so a copy lives in this CPU's
 * pcpu_arm64.entry_task (Linux's per-CPU __entry_task; asm/percpu.h): kernel_entry 0
 * (entry.S) saves the user SP_EL0 into pt_regs->sp and reloads SP_EL0 from it through
 * TPIDR_EL1; kernel_exit 0 puts the user value back. Each CPU has its own copy, since each
 * runs its own task.
 *
 * The read is not volatile: within one task's view 'current' never changes, so the
 * compiler may keep it in a register.
 */
#ifndef _ASM_ARM64_CURRENT_H
#define _ASM_ARM64_CURRENT_H

#include <linux/compiler.h>
#include <asm/percpu.h>

#ifndef __ASSEMBLY__

struct task_struct;

static __always_inline struct task_struct *get_current(void)
{
	unsigned long t;

	__asm__ ("mrs %0, sp_el0" : "=r"(t));
	return (struct task_struct *)t;
}

#define current get_current()

/* Make t this CPU's running task: SP_EL0 for the kernel now, entry_task for the next entry. */
static inline void set_current_task(struct task_struct *t)
{
	this_cpu_arm64()->entry_task = t;
	__asm__ __volatile__("msr sp_el0, %0" : : "r"(t) : "memory");
}

#endif
#endif
