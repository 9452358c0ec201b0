/*
 * Device interrupts on x86: the legacy ISA lines 0-15 of the 8259 pair (the serial port's
 * IRQ 4), delivered on vectors ISA_IRQ_VECTOR(irq). A driver registers a handler per line;
 * request_irq() unmasks it. The same call as arm64's (asm/irq.h there), over INTIDs.
 */
#ifndef _ASM_X86_IRQ_H
#define _ASM_X86_IRQ_H

#define NR_IRQS 16

struct pt_regs;
typedef void (*irq_handler_t)(unsigned int irq, struct pt_regs *regs);

/* 0, or -1 when the line is taken or out of range (IRQ 2 is the cascade). */
int request_irq(unsigned int irq, irq_handler_t handler);

#endif
