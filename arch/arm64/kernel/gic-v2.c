// SPDX-License-Identifier: GPL-2.0
/*
 * GICv2 (arm,cortex-a15-gic / arm,gic-400): a memory-mapped distributor (reg[0]) routes
 * interrupts to the CPU interfaces (reg[1]), where we acknowledge (IAR) and end (EOIR) them.
 * All interrupts group 0, priority 0xa0, everything below the mask 0xf0 delivered.
 *
 * Per CPU: every CPU sees its own CPU interface at the same address, and the distributor's
 * registers for INTIDs 0-31 (enable bits, priorities) are banked, so enabling an SGI or PPI
 * enables it for the CPU that writes. SPIs go to CPU 0. The GIC numbers its CPU interfaces
 * itself (0-7), not necessarily as we number CPUs: each CPU reads its own interface's bit
 * from the banked GICD_ITARGETSR0-7 at start, and SGIs are sent to that bit.
 * Register offsets: Arm IHI 0048B (GIC architecture v1/v2).
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/vmalloc.h>
#include <linux/smp.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/percpu.h>

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER(n)	(0x100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x180 + 4 * (n))
#define GICD_IPRIORITYR(i)	(0x400 + (i))		/* byte per INTID */
#define GICD_ITARGETSR(i)	(0x800 + (i))		/* byte per INTID */
#define GICD_SGIR		0xf00
#define  GICD_SGIR_TARGETS_SHIFT	16	/* CPUTargetList; TargetListFilter 0: use it */

#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10

#define GIC_PRIO_DEFAULT	0xa0
#define GIC_PRIO_MASK		0xf0

static void __iomem *dist;
static void __iomem *cpu;
static u8 cpu_iface_mask[NR_CPUS];	/* logical CPU -> its CPU interface's target bit */

static void gicv2_enable(unsigned int intid)
{
	writeb(GIC_PRIO_DEFAULT, dist + GICD_IPRIORITYR(intid));
	if (intid >= 32)
		writeb(cpu_iface_mask[0], dist + GICD_ITARGETSR(intid));	/* to CPU 0 */
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

/*
 * This CPU's interface, and its banked distributor registers. GICD_ITARGETSR0-7 read as
 * the calling CPU's own bit in every byte (IHI 0048B 4.3.12); a uniprocessor GIC may read
 * 0 there, which means "interface 0".
 */
static void gicv2_cpu_init(void)
{
	u8 mask = readb(dist + GICD_ITARGETSR(0));

	cpu_iface_mask[this_cpu_arm64()->cpu] = mask ? mask : 1;
	writel(~0u, dist + GICD_ICENABLER(0));		/* SGIs, PPIs: off until requested */
	writel(GIC_PRIO_MASK, cpu + GICC_PMR);
	writel(0, cpu + GICC_BPR);
	writel(1, cpu + GICC_CTLR);
}

/* writel's barrier orders this CPU's earlier stores before the SGI (asm/io.h). */
static void gicv2_send_sgi(unsigned int target, unsigned int sgi)
{
	writel((u32)cpu_iface_mask[target] << GICD_SGIR_TARGETS_SHIFT | sgi, dist + GICD_SGIR);
}

static const struct irq_chip gicv2_chip = {
	.name = "GICv2",
	.enable = gicv2_enable,
	.ack = gicv2_ack,
	.intid_mask = 0x3ff,	/* GICC_IAR: INTID 9:0; 12:10 the CPU that sent an SGI */
	.eoi = gicv2_eoi,
	.cpu_init = gicv2_cpu_init,
	.send_sgi = gicv2_send_sgi,
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
	for (i = 1; i < lines / 32; i++)
		writel(~0u, dist + GICD_ICENABLER(i));		/* SPIs off until requested */
	writel(1, dist + GICD_CTLR);
	gicv2_cpu_init();				/* the boot CPU's own part */
	pr_info("gicv2: distributor %#llx, cpu interface %#llx, %u lines\n",
		(unsigned long long)dbase, (unsigned long long)cbase, lines);
	return &gicv2_chip;
}
