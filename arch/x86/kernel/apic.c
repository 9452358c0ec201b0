// SPDX-License-Identifier: GPL-2.0
/*
 * The local APIC: enabled in xAPIC (MMIO) mode, its registers mapped with ioremap(). Its
 * timer gives the periodic tick (kernel/time.c starts it).
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <asm/apic.h>
#include <asm/page.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/traps.h>

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

void lapic_init(void)
{
	u64 msr = rdmsr(MSR_IA32_APICBASE);
	phys_addr_t phys = msr & MSR_APICBASE_ADDR;

	/* The global enable bit: without it the APIC is invisible until reset. */
	if (!(msr & MSR_APICBASE_ENABLE))
		wrmsr(MSR_IA32_APICBASE, msr | MSR_APICBASE_ENABLE);
	lapic_base = ioremap(phys, PAGE_SIZE);

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

	pr_info("APIC: local APIC id %u version %#x at %#llx\n", lapic_read(APIC_ID) >> 24,
		lapic_read(APIC_LVR) & 0xff, (unsigned long long)phys);
}

/*
 * Let the 8259's output through LINT0 (ExtINT: the 8259 supplies the vector and takes its
 * own EOI, the local APIC none). Only this CPU's LINT0 is wired to it (issue 17's other CPUs
 * leave theirs masked).
 */
void lapic_enable_extint(void)
{
	lapic_write(APIC_LVT0, APIC_DM_EXTINT);
}
