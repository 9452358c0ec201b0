// SPDX-License-Identifier: GPL-2.0
/*
 * The arch half of SMP (linux/smp.h). Not written yet for this arch: the boot CPU runs
 * alone, and smp_init() reports one CPU. The bring-up replaces this file.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/errno.h>

void smp_prepare_cpus(void)
{
}

int __cpu_up(unsigned int cpu, struct task_struct *idle)
{
	return -ENODEV;
}

void smp_cpus_done(void)
{
}

void arch_send_ipi(unsigned int cpu, enum ipi_msg_type type)
{
	WARN_ON(1);	/* no other CPU is online, so nobody should send one */
}
