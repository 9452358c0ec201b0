// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 (arm,gic-v3): the distributor (reg[0]) handles SPIs, a redistributor per CPU
 * (found in reg[1] by matching our MPIDR affinity) handles SGIs and PPIs such as the timer,
 * and the CPU interface is system registers (ICC_*), enabled for EL1 by head.S when we came
 * from EL2. All interrupts are non-secure group 1, priority 0xa0.
 * Register offsets: Arm IHI 0069 (GIC architecture v3/v4).
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/vmalloc.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/sysreg.h>

#define GICD_CTLR		0x0000
#define  GICD_CTLR_RWP		(1u << 31)	/* register write pending */
#define  GICD_CTLR_ARE_NS	(1u << 4)	/* affinity routing */
#define  GICD_CTLR_ENABLE_G1A	(1u << 1)	/* non-secure group 1 */
#define GICD_TYPER		0x0004
#define GICD_IGROUPR(n)		(0x0080 + 4 * (n))
#define GICD_ISENABLER(n)	(0x0100 + 4 * (n))
#define GICD_ICENABLER(n)	(0x0180 + 4 * (n))
#define GICD_IPRIORITYR(i)	(0x0400 + (i))
#define GICD_IROUTER(i)		(0x6000 + 8 * (i))

/* Redistributor: RD_base frame, then SGI_base frame 64 KiB above it. */
#define GICR_TYPER		0x0008
#define  GICR_TYPER_LAST	(1u << 4)
#define GICR_WAKER		0x0014
#define  GICR_WAKER_PROCESSOR_SLEEP	(1u << 1)
#define  GICR_WAKER_CHILDREN_ASLEEP	(1u << 2)
#define GICR_SGI_BASE		0x10000
#define GICR_IGROUPR0		(GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		(GICR_SGI_BASE + 0x0100)
#define GICR_ICENABLER0		(GICR_SGI_BASE + 0x0180)
#define GICR_IPRIORITYR(i)	(GICR_SGI_BASE + 0x0400 + (i))
#define GICR_STRIDE		0x20000		/* RD_base + SGI_base; GICv4 would be 0x40000 */

#define GIC_PRIO_DEFAULT	0xa0
#define GIC_PRIO_MASK		0xf0
#define SPIN_LIMIT		1000000

static void __iomem *dist;
static void __iomem *rdist;	/* our redistributor */

static void wait_rwp(void)
{
	int n = SPIN_LIMIT;

	while ((readl(dist + GICD_CTLR) & GICD_CTLR_RWP) && --n)
		;
}

static void gicv3_enable(unsigned int intid)
{
	if (intid < 32) {
		writeb(GIC_PRIO_DEFAULT, rdist + GICR_IPRIORITYR(intid));
		writel(1u << intid, rdist + GICR_ISENABLER0);
	} else {
		writeb(GIC_PRIO_DEFAULT, dist + GICD_IPRIORITYR(intid));
		writel(1u << (intid % 32), dist + GICD_ISENABLER(intid / 32));
		wait_rwp();
	}
}

static u32 gicv3_ack(void)
{
	u32 iar = read_sysreg(SYS_ICC_IAR1_EL1);

	dsb(sy);	/* the acknowledge is done before the handler touches the device */
	return iar;
}

static void gicv3_eoi(u32 iar)
{
	write_sysreg(iar, SYS_ICC_EOIR1_EL1);
	isb();
}

static const struct irq_chip gicv3_chip = {
	.name = "GICv3",
	.enable = gicv3_enable,
	.ack = gicv3_ack,
	.eoi = gicv3_eoi,
};

/* GICR_TYPER[63:32] holds Aff3.Aff2.Aff1.Aff0 of the CPU each frame belongs to. */
static void __iomem *find_redistributor(void __iomem *base, u64 size)
{
	u64 mpidr = read_sysreg(mpidr_el1);
	u32 aff = ((mpidr >> 8) & 0xff000000) | (mpidr & 0xffffff);
	u64 off;

	for (off = 0; off + GICR_STRIDE <= size; off += GICR_STRIDE) {
		u64 typer = readq(base + off + GICR_TYPER);

		if ((u32)(typer >> 32) == aff)
			return base + off;
		if (typer & GICR_TYPER_LAST)
			break;
	}
	return NULL;
}

const struct irq_chip *gicv3_init(const void *fdt, int node)
{
	u64 dbase, dsize, rbase, rsize, mpidr;
	void __iomem *rbase_va;
	unsigned int lines, i;
	int n;

	if (fdt_get_reg(fdt, node, 0, &dbase, &dsize) || fdt_get_reg(fdt, node, 1, &rbase, &rsize)) {
		pr_err("gicv3: node without distributor and redistributor regs\n");
		return NULL;
	}
	dist = ioremap(dbase, 0x10000);
	rbase_va = ioremap(rbase, rsize);
	if (!dist || !rbase_va)
		panic("gicv3: ioremap failed");
	rdist = find_redistributor(rbase_va, rsize);
	if (!rdist)
		panic("gicv3: no redistributor for this CPU");

	/* Distributor: off, then affinity routing and group 1; SPIs to us, disabled. */
	writel(0, dist + GICD_CTLR);
	wait_rwp();
	lines = 32 * ((readl(dist + GICD_TYPER) & 0x1f) + 1);
	mpidr = read_sysreg(mpidr_el1) & 0xff00ffffffUL;
	for (i = 1; i < lines / 32; i++) {
		writel(~0u, dist + GICD_ICENABLER(i));
		writel(~0u, dist + GICD_IGROUPR(i));
	}
	for (i = 32; i < lines; i++)
		writeq(mpidr, dist + GICD_IROUTER(i));
	wait_rwp();
	writel(GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1A, dist + GICD_CTLR);
	wait_rwp();

	/* Redistributor: wake it, SGIs/PPIs group 1, disabled until requested. */
	writel(readl(rdist + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP, rdist + GICR_WAKER);
	for (n = SPIN_LIMIT; (readl(rdist + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) && n; n--)
		;
	writel(~0u, rdist + GICR_IGROUPR0);
	writel(~0u, rdist + GICR_ICENABLER0);

	/* CPU interface: system registers on, priority mask, group 1 on. */
	write_sysreg(read_sysreg(SYS_ICC_SRE_EL1) | 1, SYS_ICC_SRE_EL1);
	isb();
	if (!(read_sysreg(SYS_ICC_SRE_EL1) & 1))
		panic("gicv3: ICC system register interface cannot be enabled");
	write_sysreg(GIC_PRIO_MASK, SYS_ICC_PMR_EL1);
	write_sysreg(0, SYS_ICC_BPR1_EL1);
	write_sysreg(0, SYS_ICC_CTLR_EL1);	/* EOImode 0: EOIR also deactivates */
	write_sysreg(1, SYS_ICC_IGRPEN1_EL1);
	isb();
	pr_info("gicv3: distributor %#llx, redistributor %#llx, %u lines\n",
		(unsigned long long)dbase,
		(unsigned long long)(rbase + (rdist - rbase_va)), lines);
	return &gicv3_chip;
}
