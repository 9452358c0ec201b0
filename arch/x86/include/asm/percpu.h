/*
 * Per-CPU data, reached through the GS segment base (MSR_GS_BASE) as in Linux: a single
 * "mov %gs:offset" finds this CPU's copy without knowing which CPU runs. Only one CPU today;
 * later issues add swapgs on entry from user mode, which is why the base lives in GS.
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#define PCPU_SELF		0	/* offsets into struct pcpu_hot, for assembly */
#define PCPU_TOP_OF_STACK	8

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pcpu_hot {
	struct pcpu_hot *self;		/* so C can turn %gs into a pointer with one load */
	unsigned long top_of_stack;	/* kernel stack top of the running task */
	void *current_task;		/* later issues: the running task */
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
