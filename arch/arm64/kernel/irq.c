// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt handling: init_IRQ() finds the GIC in the DTB and starts its driver;
 * handle_arch_irq() (from the IRQ vectors) acknowledges each pending INTID, calls the
 * handler registered for it and signals end of interrupt. The handler table is shared by
 * all CPUs and written only before the other CPUs start (request_irq at boot).
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/init.h>
#include <asm/exception.h>
#include <asm/irq.h>
#include <asm/setup.h>

/* INTIDs 1020-1023 are special: "nothing pending" for our purposes. */
#define GIC_INTID_SPECIAL_FIRST 1020

static const struct irq_chip *irq_chip;
static irq_handler_t irq_handlers[NR_IRQS];

int request_irq(unsigned int intid, irq_handler_t handler)
{
	if (!irq_chip || intid >= NR_IRQS || irq_handlers[intid])
		return -1;
	irq_handlers[intid] = handler;
	irq_chip->enable(intid);
	return 0;
}

void irq_cpu_init(void)
{
	irq_chip->cpu_init();
	for (unsigned int intid = 0; intid < NR_PRIVATE_IRQS; intid++)
		if (irq_handlers[intid])
			irq_chip->enable(intid);	/* banked: this CPU's copy */
}

void irq_send_sgi(unsigned int cpu, unsigned int sgi)
{
	irq_chip->send_sgi(cpu, sgi);
}

void handle_arch_irq(struct pt_regs *regs)
{
	for (;;) {
		u32 iar = irq_chip->ack();
		unsigned int intid = iar & irq_chip->intid_mask;

		if (intid >= GIC_INTID_SPECIAL_FIRST && intid < 1024)
			break;
		if (intid < NR_IRQS && irq_handlers[intid])
			irq_handlers[intid](intid, regs);
		else
			pr_warn("irq: INTID %u with no handler\n", intid);
		irq_chip->eoi(iar);
	}
}

void init_IRQ(void)
{
	static const struct {
		const char *compatible;
		const struct irq_chip *(*init)(const void *fdt, int node);
	} gics[] = {
		{ "arm,gic-v3", gicv3_init },
		{ "arm,gic-400", gicv2_init },
		{ "arm,cortex-a15-gic", gicv2_init },
		{ "arm,cortex-a9-gic", gicv2_init },
	};
	const void *fdt = initial_boot_params;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gics) && !irq_chip; i++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, gics[i].compatible);

		if (node >= 0)
			irq_chip = gics[i].init(fdt, node);
	}
	if (!irq_chip)
		panic("no supported interrupt controller (GICv2/GICv3) in the DTB");
	pr_info("irq: %s\n", irq_chip->name);
}
