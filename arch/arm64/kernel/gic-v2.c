// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 (arm,cortex-a15-gic / arm,gic-400): a memory-mapped distributor (reg[0]) routes
 * interrupts to the CPU interface (reg[1]), where we acknowledge (IAR) and end (EOIR) them.
 * One CPU, all interrupts group 0, priority 0xa0, everything below the mask 0xf0 delivered.
 * Register offsets: Arm IHI 0048B (GIC architecture v1/v2).
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/irq.h>

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_IPRIORITYR(i)	(0x400 + (i))		/* byte per INTID */
#define GICD_ITARGETSR(i)	(0x800 + (i))		/* byte per INTID */

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

#define GIC_PRIO_DEFAULT	0xa0
#define GIC_PRIO_MASK		0xf0

static void __iomem *dist;
static void __iomem *cpu;

static void gicv2_enable(unsigned int intid)
{
	writeb(GIC_PRIO_DEFAULT, dist + GICD_IPRIORITYR(intid));
	if (intid >= 32)
		writeb(1, dist + GICD_ITARGETSR(intid));	/* to CPU 0 */
	writel(1u << (intid % 32), dist + GICD_ISENABLER(intid / 32));
}

static u32 gicv2_ack(void)
{
	return readl(cpu + GICC_IAR);
}

static void gicv2_eoi(u32 iar)
{
	writel(iar, cpu + GICC_EOIR);
}

static const struct irq_chip gicv2_chip = {
	.name = "GICv2",
	.enable = gicv2_enable,
	.ack = gicv2_ack,
	.eoi = gicv2_eoi,
};

const struct irq_chip *gicv2_init(const void *fdt, int node)
{
	u64 dbase, dsize, cbase, csize;
	unsigned int lines, i;

	if (fdt_get_reg(fdt, node, 0, &dbase, &dsize) || fdt_get_reg(fdt, node, 1, &cbase, &csize)) {
		pr_err("gicv2: node without distributor and CPU interface regs\n");
		return NULL;
	}
	dist = ioremap(dbase, 0x1000);
	cpu = ioremap(cbase, 0x2000);
	if (!dist || !cpu)
		panic("gicv2: ioremap failed");

	writel(0, dist + GICD_CTLR);
	lines = 32 * ((readl(dist + GICD_TYPER) & 0x1f) + 1);
	for (i = 0; i < lines / 32; i++)
		writel(~0u, dist + GICD_ICENABLER(i));		/* all off until requested */
	writel(1, dist + GICD_CTLR);

	writel(GIC_PRIO_MASK, cpu + GICC_PMR);
	writel(0, cpu + GICC_BPR);
	writel(1, cpu + GICC_CTLR);
	pr_info("gicv2: distributor %#llx, cpu interface %#llx, %u lines\n",
		(unsigned long long)dbase, (unsigned long long)cbase, lines);
	return &gicv2_chip;
}
