/*
 * x86 SMP: the CPUs the firmware describes (kernel/acpi.c fills the table) and the pieces of
 * their bring-up (kernel/smp.c, kernel/trampoline_64.S). The generic interface is
 * linux/smp.h; docs/smp.md tells the whole story.
 */
#ifndef _ASM_X86_SMP_H
#define _ASM_X86_SMP_H

#include <linux/types.h>
#include <linux/smp.h>

/* Local APIC ID of each CPU number: [0] is the boot CPU. Written at boot, then read only. */
extern u32 x86_cpu_to_apicid[NR_CPUS];

/* Physical address of the RSDP the boot protocol handed over (0: none; then a scan). */
extern u64 boot_rsdp_phys;

void acpi_boot_init(void);		/* setup_arch, before paging_init: the MADT's CPUs */
void smp_reserve_trampoline(void);	/* setup_arch, before low memory is fenced off */

#endif
