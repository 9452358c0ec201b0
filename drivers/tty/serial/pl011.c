// SPDX-License-Identifier: GPL-2.0
/*
 * The Arm PL011 UART as the kernel console: polled output only, on a UART the firmware (or
 * QEMU) has already configured — like Linux's earlycon, no baud-rate setup, since the
 * reference clock is board-specific. Register map: Arm DDI 0183 (PL011 TRM).
 */
#include <linux/kernel.h>
#include <linux/console.h>
#include <asm/io.h>
#include <asm/serial.h>

#define UART01x_DR	0x00	/* data */
#define UART01x_FR	0x18	/* flags */
#define  UART01x_FR_TXFF	(1u << 5)	/* transmit FIFO full */

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
	void __iomem *base = con->data;

	while (len--) {
		if (*s == '\n')
			pl011_putc(base, '\r');
		pl011_putc(base, *s++);
	}
}

static struct console pl011_console = {
	.name = "ttyAMA0",
	.write = pl011_console_write,
};

void pl011_console_init(void __iomem *base)
{
	pl011_console.data = (void *)base;
	register_console(&pl011_console);
}

void pl011_console_set_base(void __iomem *base)
{
	pl011_console.data = (void *)base;
}
