// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC: enabled in xAPIC (MMIO) mode, its registers mapped with ioremap(). Its
 * timer gives the periodic tick (kernel/time.c starts it). Every CPU has its own local APIC
 * at the same physical address (each CPU sees its own there), so the one mapping serves all;
 * lapic_setup_cpu() runs on each. The interrupt command register sends IPIs (smp.c).
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/traps.h>
#include <linux/irqflags.h>
#include <asm/processor.h>

static void __iomem *lapic_base;

u32 lapic_read(unsigned int reg)
{
	return readl((char __iomem *)lapic_base + reg);
}

void lapic_write(unsigned int reg, u32 val)
{
	writel(val, (char __iomem *)lapic_base + reg);
}

void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

/* This CPU's local APIC on, every local interrupt source masked, nothing pending. */
void lapic_setup_cpu(void)
{
	u64 msr = rdmsr(MSR_IA32_APICBASE);

	/* The global enable bit: without it the APIC is invisible until reset. */
	if (!(msr & MSR_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, msr | MSR_APICBASE_ENABLE);

	/* Mask every local interrupt source until someone asks for it. */
	lapic_write(APIC_LVTT, APIC_LVT_MASKED);
	lapic_write(APIC_LVT0, APIC_LVT_MASKED);
	lapic_write(APIC_LVT1, APIC_LVT_MASKED);
	lapic_write(APIC_LVTERR, APIC_LVT_MASKED);
	/* Accept every priority. */
	lapic_write(APIC_TASKPRI, 0);
	/* Software enable, and where a spurious interrupt goes. */
	lapic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
	/* Drop anything latched before we were ready. */
	lapic_eoi();
}

void lapic_init(void)
{
	phys_addr_t phys = rdmsr(MSR_IA32_APICBASE) & MSR_APICBASE_ADDR;

	lapic_base = ioremap(phys, PAGE_SIZE);
	lapic_setup_cpu();
	pr_info("APIC: local APIC id %u version %#x at %#llx\n", lapic_read(APIC_ID) >> 24,
		lapic_read(APIC_LVR) & 0xff, (unsigned long long)phys);
}

static void lapic_wait_icr_idle(void)
{
	while (lapic_read(APIC_ICR) & APIC_ICR_BUSY)
		cpu_relax();
}

/*
 * The two halves of the ICR are written destination first: the write to the low half
 * sends. Interrupts stay off across both, or a handler sending its own IPI in between would
 * change the destination under us. The delivery-status bit says the APIC is still sending:
 * wait before (the previous IPI) and after (this one), as the SDM asks (vol. 3, 11.6.1).
 */
void lapic_send_ipi(u32 apic_id, u32 icr)
{
	unsigned long flags;

	local_irq_save(flags);
	lapic_wait_icr_idle();
	lapic_write(APIC_ICR2, apic_id << 24);
	lapic_write(APIC_ICR, icr);
	lapic_wait_icr_idle();
	local_irq_restore(flags);
}

/*
 * Let the 8259's output through LINT0 (ExtINT: the 8259 supplies the vector and takes its
 * own EOI, the local APIC none). Only the boot CPU's LINT0 is wired to it (the other CPUs
 * leave theirs masked): request_irq() runs there, during boot.
 */
void lapic_enable_extint(void)
{
	lapic_write(APIC_LVT0, APIC_DM_EXTINT);
}
