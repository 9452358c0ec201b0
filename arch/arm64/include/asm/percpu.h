/*
 * Per-CPU data on arm64: TPIDR_EL1 holds the address of this CPU's struct pcpu_arm64, set
 * once per CPU before its first C function (head.S: primary_switched, secondary_switched)
 * and never changed. EL0 cannot read or write TPIDR_EL1, so the entry code can trust it
 * from its first instruction, and "mrs; ldr" finds a per-CPU field without knowing which
 * CPU runs: the same two instructions as a global's "adrp; ldr".
 *
 * Only what the entry code needs without a task lives here (the task kernel_entry 0 puts
 * into SP_EL0); everything else per CPU is an array indexed by smp_processor_id().
 */
#ifndef _ASM_ARM64_PERCPU_H
#define _ASM_ARM64_PERCPU_H

/* Offsets into struct pcpu_arm64, for assembly (checked in arch/arm64/kernel/smp.c). */
#define PCPU_ENTRY_TASK		0

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/smp.h>

struct task_struct;

struct pcpu_arm64 {
	struct task_struct *entry_task;	/* 'current' for the next entry from EL0 (asm/current.h) */
	unsigned int cpu;		/* this CPU's logical number */
};

extern struct pcpu_arm64 pcpu_arm64[NR_CPUS];

static __always_inline struct pcpu_arm64 *this_cpu_arm64(void)
{
	struct pcpu_arm64 *p;

	/* volatile: the value differs per CPU and a task may move between two reads. */
	__asm__ __volatile__("mrs %0, tpidr_el1" : "=r"(p));
	return p;
}
#endif

#endif
