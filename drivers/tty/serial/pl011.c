// SPDX-License-Identifier: GPL-2.0
/*
 * The Arm PL011 UART as the kernel console and the terminal line ttyAMA0, on a UART the
 * firmware (or QEMU) has already configured — like Linux's earlycon, no baud-rate setup,
 * since the reference clock is board-specific. Output is polled (printk works with
 * interrupts off); input arrives by the receive and receive-timeout interrupts (the SPI the
 * device tree names) and goes to the tty layer. Register map: Arm DDI 0183 (PL011 TRM).
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <asm/irq.h>
#include <asm/io.h>
#include <asm/serial.h>

#define UART01x_DR	0x00	/* data */
#define UART01x_FR	0x18	/* flags */
#define  UART01x_FR_RXFE	(1u << 4)	/* receive FIFO empty */
#define  UART01x_FR_TXFF	(1u << 5)	/* transmit FIFO full */
#define UART011_IMSC	0x38	/* interrupt mask set/clear: 1 enables */
#define UART011_ICR	0x44	/* interrupt clear */
#define  UART011_RXIM		(1u << 4)	/* receive */
#define  UART011_RTIM		(1u << 6)	/* receive timeout: bytes below the FIFO level */

/* Bound the wait for FIFO space, so a dead UART cannot hang printk. */
#define TX_SPIN_LIMIT	100000

static void pl011_putc(void __iomem *base, char c)
{
	int n = TX_SPIN_LIMIT;

	while ((readl_relaxed(base + UART01x_FR) & UART01x_FR_TXFF) && --n)
		;
	writel(c, base + UART01x_DR);
}

static void pl011_console_write(struct console *con, const char *s, size_t len)
{
	void __iomem *base = (void __iomem __force *)con->data;

	while (len--) {
		if (*s == '\n')
			pl011_putc(base, '\r');
		pl011_putc(base, *s++);
	}
}

static struct console pl011_console;
static unsigned int pl011_irq;		/* the GIC INTID from the device tree; 0: none */

static void pl011_tty_write(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	void __iomem *base = (void __iomem __force *)pl011_console.data;

	for (size_t i = 0; i < n; i++)
		pl011_putc(base, buf[i]);
}

static struct tty_struct pl011_tty = {
	.name = "ttyAMA0",
	.dev = MKDEV(204, 64),
};

/*
 * Receive (and receive timeout): everything in the FIFO to the line discipline. The
 * interrupt is cleared before the FIFO is drained, never after: a byte that arrives between
 * the last "FIFO empty" read and a late clear would have its interrupt cleared and sit in
 * the FIFO unseen (QEMU delivers input from another thread; with the FIFO off it then
 * delivers nothing more, and the line hangs until the next key: the shell test saw "s" of
 * "sleep 30" and then nothing). Cleared first, a byte arriving after the drain raises it anew.
 */
static void pl011_interrupt(unsigned int intid, struct pt_regs *regs)
{
	void __iomem *base = (void __iomem __force *)pl011_console.data;
	unsigned char buf[64];
	size_t n = 0;

	writel(UART011_RXIM | UART011_RTIM, base + UART011_ICR);
	while (n < sizeof(buf) && !(readl_relaxed(base + UART01x_FR) & UART01x_FR_RXFE))
		buf[n++] = readl_relaxed(base + UART01x_DR) & 0xff;
	if (n)
		tty_receive_chars(&pl011_tty, buf, n);
}

static int pl011_startup(struct tty_struct *tty)
{
	void __iomem *base = (void __iomem __force *)pl011_console.data;

	if (!pl011_irq || request_irq(pl011_irq, pl011_interrupt))
		return -1;
	writel(UART011_RXIM | UART011_RTIM, base + UART011_IMSC);
	return 0;
}

static const struct tty_operations pl011_tty_ops = {
	.write = pl011_tty_write,
	.startup = pl011_startup,
};

static struct console pl011_console = {
	.name = "ttyAMA0",
	.write = pl011_console_write,
};

void pl011_console_init(void __iomem *base)
{
	pl011_console.data = (void __force *)base;
	register_console(&pl011_console);
	pl011_tty.ops = &pl011_tty_ops;
	tty_register_console_line(&pl011_tty);
}

void pl011_console_set_irq(unsigned int intid)
{
	pl011_irq = intid;
}

void pl011_console_set_base(void __iomem *base)
{
	pl011_console.data = (void __force *)base;
}
