/*
 * Interrupts on arm64: one GIC (v2 or v3, found in the DTB) delivers INTIDs; 0-15 are the
 * SGIs one CPU sends another (our IPIs), 16-31 the per-CPU PPIs (the timer: 27), 32 and up
 * the shared SPIs. Drivers register a handler per INTID and enable it. SGIs and PPIs are
 * banked per CPU: request_irq() enables one on the calling CPU, irq_cpu_init() on each CPU
 * that starts later, so one handler serves every CPU. SPIs go to CPU 0.
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
	u32 intid_mask;			/* the INTID's bits in what ack returns */
	void (*eoi)(u32 iar);		/* end of interrupt, with what ack returned */
	void (*cpu_init)(void);		/* this CPU's interface (v2) or redistributor (v3) */
	void (*send_sgi)(unsigned int cpu, unsigned int sgi);	/* to logical CPU cpu */
};

#define NR_SGIS		16
#define NR_PRIVATE_IRQS	32	/* SGIs and PPIs: one copy per CPU */

int request_irq(unsigned int intid, irq_handler_t handler);
/* A starting CPU: its part of the GIC, then every SGI/PPI with a handler enabled. */
void irq_cpu_init(void);
/* The IPI: SGI sgi to CPU cpu, after every store this CPU made before it. */
void irq_send_sgi(unsigned int cpu, unsigned int sgi);

/* GIC drivers: probe the DTB node, return the chip or NULL. */
const struct irq_chip *gicv2_init(const void *fdt, int node);
const struct irq_chip *gicv3_init(const void *fdt, int node);

#endif
