/*
 * The arm64 half of SMP (arch/arm64/kernel/smp.c, head.S secondary_entry): which hardware
 * CPU each logical number is, and what a starting CPU reads before its MMU is on.
 */
#ifndef _ASM_ARM64_SMP_H
#define _ASM_ARM64_SMP_H

/* MPIDR_EL1's affinity fields Aff3 (39:32), Aff2, Aff1, Aff0 (23:0): a CPU's hardware id. */
#define MPIDR_HWID_MASK		0xff00ffffffUL
#define INVALID_HWID		(~0UL)

/* struct secondary_data, for head.S (checked in smp.c). */
#define SD_STACK_TOP		0
#define SD_TASK			8
#define SD_PCPU			16
#define SD_TCR			24
#define SD_SIZE_SHIFT		5	/* 32 bytes each */

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/smp.h>

/* Logical CPU -> MPIDR (Aff3..Aff0); INVALID_HWID where there is none. */
extern u64 __cpu_logical_map[NR_CPUS];
#define cpu_logical_map(cpu)	__cpu_logical_map[cpu]

/*
 * What __cpu_up() leaves for CPU n, read by head.S with the MMU (and so the data cache)
 * off: cleaned to the point of coherency first.
 */
struct secondary_data {
	unsigned long stack_top;	/* top of its idle task's kernel stack */
	struct task_struct *task;	/* its idle task: SP_EL0 ('current') */
	struct pcpu_arm64 *pcpu;	/* TPIDR_EL1 (asm/percpu.h) */
	u64 tcr;			/* the boot CPU's TCR_EL1 (asid_init may have set AS) */
};
extern struct secondary_data secondary_data[NR_CPUS];

/* setup_arch(): the CPUs of the DTB's /cpus, after psci_dt_init(). */
void smp_init_cpus(const void *fdt);

#endif
#endif
