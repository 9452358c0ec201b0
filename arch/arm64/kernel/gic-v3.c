// SPDX-License-Identifier: GPL-2.0
/*
 * GICv3 (arm,gic-v3): the distributor (reg[0]) handles SPIs, a redistributor per CPU
 * (found in reg[1] by matching our MPIDR affinity) handles SGIs and PPIs such as the timer,
 * and the CPU interface is system registers (ICC_*), enabled for EL1 by head.S when we came
 * from EL2. All interrupts are non-secure group 1, priority 0xa0.
 *
 * Per CPU: each CPU finds, wakes and programs its own redistributor and its own ICC_*
 * registers (gicv3_cpu_init, also on the boot CPU); SPIs are routed to CPU 0. SGIs are
 * sent with ICC_SGI1R_EL1, addressed by affinity: Aff3.Aff2.Aff1 name a cluster and a
 * 16-bit target list the Aff0 values in it (RS selects which 16 when Aff0 > 15).
 * Register offsets: Arm IHI 0069 (GIC architecture v3/v4).
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/vmalloc.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/smp.h>
#include <asm/sysreg.h>

#define SYS_ICC_SGI1R_EL1	S3_0_C12_C11_5
#define  ICC_SGI1R_AFF1_SHIFT	16
#define  ICC_SGI1R_INTID_SHIFT	24
#define  ICC_SGI1R_AFF2_SHIFT	32
#define  ICC_SGI1R_RS_SHIFT	44
#define  ICC_SGI1R_AFF3_SHIFT	48

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
static void __iomem *rdist_frames;	/* every redistributor, reg[1] */
static u64 rdist_frames_size;
static void __iomem *rdists[NR_CPUS];	/* each CPU's own, set by that CPU */

static inline void __iomem *this_rdist(void)
{
	return rdists[this_cpu_arm64()->cpu];
}

static void wait_rwp(void)
{
	int n = SPIN_LIMIT;

	while ((readl(dist + GICD_CTLR) & GICD_CTLR_RWP) && --n)
		;
}

static void gicv3_enable(unsigned int intid)
{
	if (intid < 32) {
		writeb(GIC_PRIO_DEFAULT, this_rdist() + GICR_IPRIORITYR(intid));
		writel(1u << intid, this_rdist() + GICR_ISENABLER0);
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

/* This CPU's redistributor (woken, SGIs/PPIs group 1 and off) and its ICC_* registers. */
static void gicv3_cpu_init(void)
{
	void __iomem *r = find_redistributor(rdist_frames, rdist_frames_size);
	int n;

	if (!r)
		panic("gicv3: no redistributor for MPIDR %#llx",
		      (unsigned long long)read_sysreg(mpidr_el1));
	rdists[this_cpu_arm64()->cpu] = r;
	writel(readl(r + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP, r + GICR_WAKER);
	for (n = SPIN_LIMIT; (readl(r + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP) && n; n--)
		;
	writel(~0u, r + GICR_IGROUPR0);
	writel(~0u, r + GICR_ICENABLER0);

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
}

static void gicv3_send_sgi(unsigned int target, unsigned int sgi)
{
	u64 mpidr = cpu_logical_map(target), aff0 = mpidr & 0xff;
	u64 val = ((mpidr >> 32) & 0xff) << ICC_SGI1R_AFF3_SHIFT |
		  ((mpidr >> 16) & 0xff) << ICC_SGI1R_AFF2_SHIFT |
		  ((mpidr >> 8) & 0xff) << ICC_SGI1R_AFF1_SHIFT |
		  (aff0 >> 4) << ICC_SGI1R_RS_SHIFT |
		  (u64)sgi << ICC_SGI1R_INTID_SHIFT | 1UL << (aff0 & 0xf);

	/* A system-register write is not ordered by the memory model: a dsb makes the
	 * stores the target will look for (its call queue) visible before the SGI leaves. */
	dsb(ishst);
	write_sysreg(val, SYS_ICC_SGI1R_EL1);
	isb();
}

static const struct irq_chip gicv3_chip = {
	.name = "GICv3",
	.enable = gicv3_enable,
	.ack = gicv3_ack,
	.intid_mask = 0xffffff,	/* ICC_IAR1_EL1: INTID 23:0 */
	.eoi = gicv3_eoi,
	.cpu_init = gicv3_cpu_init,
	.send_sgi = gicv3_send_sgi,
};

const struct irq_chip *gicv3_init(const void *fdt, int node)
{
	u64 dbase, dsize, rbase, rsize, mpidr;
	unsigned int lines, i;

	if (fdt_get_reg(fdt, node, 0, &dbase, &dsize) || fdt_get_reg(fdt, node, 1, &rbase, &rsize)) {
		pr_err("gicv3: node without distributor and redistributor regs\n");
		return NULL;
	}
	dist = ioremap(dbase, 0x10000);
	rdist_frames = ioremap(rbase, rsize);
	rdist_frames_size = rsize;
	if (!dist || !rdist_frames)
		panic("gicv3: ioremap failed");

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

	gicv3_cpu_init();		/* the boot CPU's redistributor and CPU interface */
	pr_info("gicv3: distributor %#llx, redistributor %#llx, %u lines\n",
		(unsigned long long)dbase,
		(unsigned long long)(rbase + (this_rdist() - rdist_frames)), lines);
	return &gicv3_chip;
}
