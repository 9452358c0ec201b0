/*
 * Per-CPU data, reached through the GS segment base (MSR_GS_BASE) as in Linux: a single
 * "mov %gs:offset" finds this CPU's copy without knowing which CPU runs. Only one CPU today.
 *
 * In the kernel, GS_BASE holds this CPU's pcpu_hot and MSR_KERNEL_GS_BASE the user's GS base;
 * user mode runs with the two swapped. Every entry from and exit to user mode executes
 * swapgs (entry/entry_64.S, entry/entry_64_compat.S), so the entry code can find its stack
 * and 'current' before it has a single free register.
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

/* Offsets into struct pcpu_hot, for assembly (checked in kernel/cpu/common.c). */
#define PCPU_SELF		0
#define PCPU_TOP_OF_STACK	8
#define PCPU_CURRENT		16
#define PCPU_USER_SP		24

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pcpu_hot {
	struct pcpu_hot *self;		/* so C can turn %gs into a pointer with one load */
	unsigned long top_of_stack;	/* kernel stack top of the running task */
	void *current_task;		/* the running task: 'current' (asm/current.h) */
	unsigned long user_sp;		/* entry_SYSCALL_64 parks the user RSP here */
	unsigned int cpu_number;
};

extern struct pcpu_hot pcpu_hot_boot;

static inline struct pcpu_hot *this_cpu_hot(void)
{
	struct pcpu_hot *p;

	__asm__ ("movq %%gs:0, %0" : "=r"(p));
	return p;
}

void setup_percpu(void);	/* kernel/cpu_init.c */
#endif

#endif
