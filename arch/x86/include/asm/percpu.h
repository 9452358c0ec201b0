/*
 * Per-CPU data, reached through the GS segment base (MSR_GS_BASE) as in Linux: a single
 * "mov %gs:offset" finds this CPU's copy without knowing which CPU runs. One struct pcpu_hot
 * per CPU (kernel/cpu_init.c), each CPU's GS_BASE pointing at its own: setup_percpu(cpu) runs
 * on the boot CPU from x86_64_start_kernel() and on each other CPU from start_secondary().
 * Another CPU's copy is reached only through per_cpu_hot(cpu), for reports and tests.
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

struct x86_hw_tss;

struct pcpu_hot {
	struct pcpu_hot *self;		/* so C can turn %gs into a pointer with one load */
	unsigned long top_of_stack;	/* kernel stack top of the running task */
	void *current_task;		/* the running task: 'current' (asm/current.h) */
	unsigned long user_sp;		/* entry_SYSCALL_64 parks the user RSP here */
	unsigned int cpu_number;
	/* Below: never read by the entry assembly. */
	long current_vector;		/* the vector being handled, -1 if none (traps.c) */
	struct x86_hw_tss *tss;		/* this CPU's TSS: sp0 changes at every task switch */
	u64 *gdt;			/* this CPU's GDT: the TLS slots change with the task */
	u64 timer_ticks;		/* LAPIC timer interrupts taken here (irq.c) */
	u64 tlb_remote_flushes;		/* flushes other CPUs asked of this one (mmu_context.c) */
} __aligned(64);			/* one cache line each: no sharing between CPUs */

extern struct pcpu_hot pcpu_hot_area[];	/* one per CPU, kernel/cpu_init.c */

static inline struct pcpu_hot *per_cpu_hot(unsigned int cpu)
{
	return &pcpu_hot_area[cpu];
}

static inline struct pcpu_hot *this_cpu_hot(void)
{
	struct pcpu_hot *p;

	__asm__ ("movq %%gs:0, %0" : "=r"(p));
	return p;
}

void setup_percpu(unsigned int cpu);	/* kernel/cpu_init.c */
#endif

#endif
