/*
 * CPUs: at most NR_CPUS (Kconfig), of which nr_cpu_ids may exist (the firmware's count,
 * capped). Everything per CPU is an array indexed by smp_processor_id() (linux/sched.h: the
 * running task's thread_info.cpu), or a per-CPU register (x86 GS, arm64 TPIDR_EL1).
 *
 * Bring-up (kernel/smp.c), as Linux's smp_init():
 *
 *   boot CPU                                      CPU n
 *   setup_arch(): enumerate the CPUs
 *     (MADT, /cpus), set_cpu_possible(n)
 *   start_kernel() -> smp_init()
 *     smp_prepare_cpus()       arch: trampoline, IPI vectors
 *     idle = fork_idle(n)      its stack, current
 *     __cpu_up(n, idle)        arch: start it ---> arch entry: per-CPU state (GDT/TSS/GS,
 *                                                  syscall MSRs; VBAR, TPIDR_EL1), its
 *                                                  interrupt controller and timer, then
 *     wait until online  <------------------------ cpu_startup_entry(): online, active,
 *                                                  interrupts on, cpu_idle()
 *     smp_cpus_done()          arch: after all
 *
 * IPIs: the arch delivers one kind per vector (x86) or SGI (arm64) and calls handle_ipi().
 * smp_call_function_*() queue a call on other CPUs and can wait for it; a caller that waits
 * must have interrupts on (two CPUs waiting on each other with them off would never return).
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <generated/autoconf.h>
#include <linux/types.h>
#include <linux/compiler.h>

#define NR_CPUS CONFIG_NR_CPUS

extern unsigned int nr_cpu_ids;	/* CPUs the firmware describes (1 + the highest number) */

struct cpumask;
struct task_struct;

/* The IPIs a CPU can send another; the arch maps each to a vector or SGI. */
enum ipi_msg_type {
	IPI_RESCHEDULE,		/* look at your run queue: a task was woken or moved there */
	IPI_CALL_FUNC,		/* run the calls queued for you (smp_call_function_*) */
	NR_IPI,
};

typedef void (*smp_call_func_t)(void *info);

/* --- Generic (kernel/smp.c) ---------------------------------------------------------- */
void smp_init(void);				/* start_kernel: bring up the other CPUs */
void __noreturn cpu_startup_entry(void);	/* a new CPU's last step: online, then idle */
void handle_ipi(enum ipi_msg_type type);	/* the arch's IPI handler, interrupts off */
u64 ipi_count(unsigned int cpu, enum ipi_msg_type type);	/* received, for /proc and tests */

/* Run func(info) on cpu (here at once with interrupts off, if it is this CPU). */
int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, bool wait);
/* Run func(info) on every online CPU of mask except this one. */
void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait);
/* ... on every other online CPU; on_each_cpu also here, interrupts off. */
void smp_call_function(smp_call_func_t func, void *info, bool wait);
void on_each_cpu(smp_call_func_t func, void *info, bool wait);
/* Make cpu look at its run queue (an IPI unless it is this CPU). */
void smp_send_reschedule(unsigned int cpu);

/* --- Per arch (arch/<arch>/kernel/smp.c) ---------------------------------------------- */
void smp_prepare_cpus(void);		/* before the first __cpu_up */
int __cpu_up(unsigned int cpu, struct task_struct *idle);	/* 0: it was started */
void smp_cpus_done(void);		/* after every CPU came up or gave up */
void arch_send_ipi(unsigned int cpu, enum ipi_msg_type type);

#endif
