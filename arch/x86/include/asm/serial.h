/* The 16550 UART console (drivers/tty/serial/8250.c). */
#ifndef _ASM_X86_SERIAL_H
#define _ASM_X86_SERIAL_H

#define BASE_BAUD	115200	/* 1.8432 MHz / 16: divisor 1 gives 115200 baud */

void serial8250_console_init(unsigned long port);

#endif
