// SPDX-License-Identifier: GPL-2.0
/*
 * Leaving the machine. Under QEMU, isa-debug-exit (-device isa-debug-exit,iobase=0xf4)
 * ends QEMU with exit code (status << 1) | 1 when a value is written to its port. Without
 * that device the write does nothing, and we halt.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

void machine_halt(void)
{
	arch_local_irq_disable();
	for (;;)
		native_halt();	/* with IF clear only NMI/#MC/INIT wake us; then halt again */
}

void machine_power_off(int status)
{
	arch_local_irq_disable();
	outb(status, CONFIG_X86_DEBUG_EXIT_PORT);
	pr_emerg("power off: no isa-debug-exit device at port %#x; halting (status %d)\n",
		 CONFIG_X86_DEBUG_EXIT_PORT, status);
	machine_halt();
}
