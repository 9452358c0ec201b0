/*
 * CPUs: at most NR_CPUS (Kconfig), of which nr_cpu_ids exist. Only the boot CPU runs until
 * the SMP bring-up; everything per CPU is already an array indexed by smp_processor_id()
 * (linux/sched.h: the running task's thread_info.cpu).
 */
#ifndef _LINUX_SMP_H
#define _LINUX_SMP_H

#include <generated/autoconf.h>

#define NR_CPUS CONFIG_NR_CPUS

extern unsigned int nr_cpu_ids;

#endif
