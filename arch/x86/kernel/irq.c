// SPDX-License-Identifier: GPL-2.0
/*
 * Device interrupts (vectors 32..255): the LAPIC timer, and whatever arrives unexpectedly.
 * init_IRQ() brings up the interrupt controllers: the legacy 8259s are masked and the local
 * APIC delivers the only interrupt we use.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/apic.h>
#include <asm/i8259.h>

void do_irq(struct pt_regs *regs, unsigned int vector)
{
	switch (vector) {
	case LOCAL_TIMER_VECTOR:
		timer_tick(regs);
		lapic_eoi();
		return;
	case SPURIOUS_APIC_VECTOR:
		/* The APIC withdrew an interrupt it had signalled: no EOI for these. */
		return;
	}
	if (vector >= ISA_IRQ_VECTOR(0) && vector < ISA_IRQ_VECTOR(16)) {
		/* A spurious IRQ 7/15 from a masked 8259: it expects no EOI either. */
		return;
	}
	pr_warn("unexpected interrupt on vector %#x at %pS\n", vector, (void *)regs->ip);
	lapic_eoi();
}

void init_IRQ(void)
{
	legacy_pic_disable();
	lapic_init();
}
