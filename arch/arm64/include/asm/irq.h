/*
 * Interrupts on arm64: one GIC (v2 or v3, found in the DTB) delivers INTIDs; 16-31 are the
 * per-CPU PPIs (the timer: 27), 32 and up the shared SPIs. Drivers register a handler per
 * INTID and enable it.
 */
#ifndef _ASM_ARM64_IRQ_H
#define _ASM_ARM64_IRQ_H

#include <linux/types.h>

#define NR_IRQS 256

struct pt_regs;
typedef void (*irq_handler_t)(unsigned int intid, struct pt_regs *regs);

/* What a GIC driver provides to irq.c. */
struct irq_chip {
	const char *name;
	void (*enable)(unsigned int intid);
	u32 (*ack)(void);		/* read IAR: the INTID being taken (+ fields to give back) */
	void (*eoi)(u32 iar);		/* end of interrupt, with what ack returned */
};

int request_irq(unsigned int intid, irq_handler_t handler);

/* GIC drivers: probe the DTB node, return the chip or NULL. */
const struct irq_chip *gicv2_init(const void *fdt, int node);
const struct irq_chip *gicv3_init(const void *fdt, int node);

#endif
