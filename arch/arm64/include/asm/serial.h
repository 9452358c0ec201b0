/* The PL011 UART console (drivers/tty/serial/pl011.c), as the arm64 setup code uses it. */
#ifndef _ASM_ARM64_SERIAL_H
#define _ASM_ARM64_SERIAL_H

#include <asm/io.h>

/* Register the console writing to the UART mapped at base. */
void pl011_console_init(void __iomem *base);
/* Continue on another mapping of the same UART (fixmap -> ioremap). */
void pl011_console_set_base(void __iomem *base);
/* The receive interrupt's GIC INTID (the node's "interrupts"), for the tty's input. */
void pl011_console_set_irq(unsigned int intid);

#endif
