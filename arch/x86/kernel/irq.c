// SPDX-License-Identifier: GPL-2.0
/*
 * Device interrupts (vectors 32..255): the LAPIC timer, the IPIs between CPUs (smp.c), the
 * legacy ISA lines a driver asked for with request_irq() (the serial port's IRQ 4, through the
 * 8259 and LINT0), and whatever arrives unexpectedly. init_IRQ() brings up the interrupt
 * controllers: the legacy 8259s are masked until a line is requested; the local APIC delivers
 * the timer.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/apic.h>
#include <asm/i8259.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <linux/smp.h>

/* Written once by request_irq before the line is unmasked; read by the interrupt. */
static irq_handler_t isa_handlers[NR_IRQS];

int request_irq(unsigned int irq, irq_handler_t handler)
{
	if (irq >= NR_IRQS || irq == 2 || isa_handlers[irq])
		return -1;
	isa_handlers[irq] = handler;
	legacy_pic_unmask(irq);
	lapic_enable_extint();
	return 0;
}

void do_irq(struct pt_regs *regs, unsigned int vector)
{
	switch (vector) {
	case LOCAL_TIMER_VECTOR:
		this_cpu_hot()->timer_ticks++;
		timer_tick(regs);
		lapic_eoi();
		return;
#ifdef CONFIG_USER_MODE
	/*
	 * IPIs (smp.c), interrupts off. One more of the same kind sent meanwhile waits in
	 * the APIC's IRR, and handle_ipi() drains whatever was queued before it: none is lost.
	 */
	case RESCHEDULE_VECTOR:
		lapic_eoi();
		handle_ipi(IPI_RESCHEDULE);
		return;
	case CALL_FUNCTION_VECTOR:
		lapic_eoi();
		handle_ipi(IPI_CALL_FUNC);
		return;
#endif
	case SPURIOUS_APIC_VECTOR:
		/* The APIC withdrew an interrupt it had signalled: no EOI for these. */
		return;
	}
	if (vector >= ISA_IRQ_VECTOR(0) && vector < ISA_IRQ_VECTOR(16)) {
		unsigned int irq = vector - ISA_IRQ_VECTOR(0);

		if (isa_handlers[irq]) {
			isa_handlers[irq](irq, regs);
			legacy_pic_eoi(irq);
		}
		/* Else a spurious IRQ 7/15 from a masked 8259: it expects no EOI. */
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
