// SPDX-License-Identifier: GPL-2.0
/*
 * A 16550-compatible UART (PC COM1 at I/O port 0x3f8, IRQ 4) as the kernel console and the
 * terminal line ttyS0: 115200 baud, 8 data bits, no parity, 1 stop bit. Output is polled
 * (printk works with interrupts off); input arrives by the receive interrupt and goes to the
 * tty layer. Register map: the 16550 data sheet.
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <asm/irq.h>
#include <asm/io.h>
#include <asm/serial.h>

#define UART_TX		0	/* transmit holding register (DLAB=0) */
#define UART_RX		0	/* receive buffer (DLAB=0) */
#define UART_DLL	0	/* divisor latch low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define  UART_IER_RDI		0x01	/* received data available */
#define UART_IIR	2	/* interrupt identification (read) */
#define UART_DLM	1	/* divisor latch high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define  UART_FCR_ENABLE_CLEAR	0x07	/* enable FIFOs, clear both */
#define UART_LCR	3	/* line control */
#define  UART_LCR_DLAB		0x80	/* divisor latch access */
#define  UART_LCR_8N1		0x03
#define UART_MCR	4	/* modem control */
#define  UART_MCR_DTR_RTS	0x03
#define  UART_MCR_OUT2		0x08	/* on a PC: connects the UART's interrupt to the 8259 */
#define UART_LSR	5	/* line status */
#define  UART_LSR_DR		0x01	/* a received byte is waiting */
#define  UART_LSR_THRE		0x20	/* transmit holding register empty */
#define SERIAL_IRQ	4	/* COM1's ISA line */

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

/* The tty's output: bytes as they are (OPOST already did the line discipline's work). */
static void serial8250_tty_write(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++)
		serial8250_putc(buf[i]);
}

static struct tty_struct serial8250_tty = {
	.name = "ttyS0",
	.dev = MKDEV(4, 64),
};

/* The receive interrupt: everything in the FIFO to the line discipline. */
static void serial8250_interrupt(unsigned int irq, struct pt_regs *regs)
{
	unsigned char buf[64];
	size_t n = 0;

	while (n < sizeof(buf) && (inb(uart_port + UART_LSR) & UART_LSR_DR))
		buf[n++] = inb(uart_port + UART_RX);
	inb(uart_port + UART_IIR);	/* acknowledge anything else pending */
	if (n)
		tty_receive_chars(&serial8250_tty, buf, n);
}

/* The tty layer is ready: take receive interrupts. */
static int serial8250_startup(struct tty_struct *tty)
{
	if (request_irq(SERIAL_IRQ, serial8250_interrupt))
		return -1;
	outb(UART_MCR_DTR_RTS | UART_MCR_OUT2, uart_port + UART_MCR);
	outb(UART_IER_RDI, uart_port + UART_IER);
	return 0;
}

static const struct tty_operations serial8250_tty_ops = {
	.write = serial8250_tty_write,
	.startup = serial8250_startup,
};

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
	serial8250_tty.ops = &serial8250_tty_ops;
	tty_register_console_line(&serial8250_tty);
}
