// SPDX-License-Identifier: GPL-2.0
/*
 * Leaving the machine. Under QEMU with -semihosting, SYS_EXIT makes QEMU exit with our
 * status; otherwise PSCI SYSTEM_OFF powers off, which QEMU always reports as 0 — so the
 * status is printed first for whoever reads the log.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/irqflags.h>
#include <asm/psci.h>
#include <asm/semihosting.h>

void __noreturn machine_halt(void)
{
	arch_local_irq_disable();
	for (;;)
		__asm__ __volatile__("wfi");
}

void __noreturn machine_power_off(int status)
{
	arch_local_irq_disable();
	if (semihosting_available())
		semihosting_exit(status);
	pr_emerg("Power off with status %d (PSCI SYSTEM_OFF: the exit code will be 0)\n", status);
	psci_system_off();
	pr_emerg("Power off failed: halting\n");
	machine_halt();
}
