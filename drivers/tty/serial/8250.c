// SPDX-License-Identifier: GPL-2.0
/*
 * A 16550-compatible UART (PC COM1 at I/O port 0x3f8) as the kernel console: 115200 baud,
 * 8 data bits, no parity, 1 stop bit, polled output. Register map: the 16550 data sheet.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <asm/io.h>
#include <asm/serial.h>

#define UART_TX		0	/* transmit holding register (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define  UART_FCR_ENABLE_CLEAR	0x07	/* enable FIFOs, clear both */
#define UART_LCR	3	/* line control */
#define  UART_LCR_DLAB		0x80	/* divisor latch access */
#define  UART_LCR_8N1		0x03
#define UART_MCR	4	/* modem control */
#define  UART_MCR_DTR_RTS	0x03
#define UART_LSR	5	/* line status */
#define  UART_LSR_THRE		0x20	/* transmit holding register empty */

#define BAUD		115200
/* Bound the wait for THRE, so an absent UART cannot hang the kernel. */
#define TX_SPIN_LIMIT	100000

static unsigned long uart_port;

static void serial8250_putc(char c)
{
	for (int i = 0; i < TX_SPIN_LIMIT; i++)
		if (inb(uart_port + UART_LSR) & UART_LSR_THRE)
			break;
	outb(c, uart_port + UART_TX);
}

static void serial8250_console_write(struct console *con, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial8250_putc('\r');	/* terminals want CR LF */
		serial8250_putc(s[i]);
	}
}

static struct console serial8250_console = {
	.name = "ttyS0",
	.write = serial8250_console_write,
};

void serial8250_console_init(unsigned long port)
{
	unsigned int divisor = BASE_BAUD / BAUD;

	uart_port = port;
	outb(0, port + UART_IER);			/* polled: no interrupts */
	outb(UART_LCR_DLAB, port + UART_LCR);		/* expose the divisor latch */
	outb(divisor & 0xff, port + UART_DLL);
	outb(divisor >> 8, port + UART_DLM);
	outb(UART_LCR_8N1, port + UART_LCR);		/* DLAB off, 8N1 */
	outb(UART_FCR_ENABLE_CLEAR, port + UART_FCR);
	outb(UART_MCR_DTR_RTS, port + UART_MCR);
	register_console(&serial8250_console);
}
