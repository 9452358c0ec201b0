// SPDX-License-Identifier: GPL-2.0
/*
 * Each CPU's segment state: the final GDT (Linux's layout, asm/segment.h), the TSS with its
 * IST stacks, and the per-CPU area reached through GS. One of each per CPU: the CPU writes
 * its GDT (accessed bits, the TSS busy bit) and its TSS is loaded with ltr, which refuses a
 * busy one, so no two CPUs can share either. The IDT is shared (kernel/idt.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <asm/msr.h>
#include <asm/thread_info.h>

/* Every CPU's GDT starts as this; GDT_ENTRY_TSS (two slots) is filled in per CPU. */
static const u64 gdt_template[GDT_ENTRIES] = {
	[GDT_ENTRY_KERNEL32_CS]	= GDT_ENTRY_FLAT(DESC_CODE32_KERNEL),
	[GDT_ENTRY_KERNEL_CS]	= GDT_ENTRY_FLAT(DESC_CODE64_KERNEL),
	[GDT_ENTRY_KERNEL_DS]	= GDT_ENTRY_FLAT(DESC_DATA_KERNEL),
	[GDT_ENTRY_USER32_CS]	= GDT_ENTRY_FLAT(DESC_CODE32_USER),
	[GDT_ENTRY_USER_DS]	= GDT_ENTRY_FLAT(DESC_DATA_USER),
	[GDT_ENTRY_USER_CS]	= GDT_ENTRY_FLAT(DESC_CODE64_USER),
};

/* Written by the CPU (accessed bits, TSS busy bit), so it lives in writable data. */
static u64 gdt_tables[NR_CPUS][GDT_ENTRIES] __aligned(64);

static struct x86_hw_tss cpu_tss[NR_CPUS] __aligned(64);

/* Separate stacks for #DF, NMI and #MC: they must work even when the current stack is bad. */
static char ist_stacks[NR_CPUS][N_IST_STACKS][IST_STACK_SIZE] __aligned(PAGE_SIZE);

struct pcpu_hot pcpu_hot_area[NR_CPUS];

/*
 * The running task's thread-local-storage descriptors into GDT slots 12-14 (tls.c builds
 * them). A user selector loaded later reads the new descriptor; one already in a segment
 * register keeps its cached copy until reloaded, which is what set_thread_area users expect.
 */
void load_tls_descriptors(const u64 *tls)
{
	u64 *gdt = this_cpu_hot()->gdt;

	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt[GDT_ENTRY_TLS_MIN + i] = tls[i];
}

/* System-segment descriptor of a 64-bit TSS: 16 bytes (SDM vol. 3, 8.2.3). */
static void set_tss_desc(u64 *slot, unsigned long base, u32 limit)
{
	const u64 type_avail_tss = 0x9, present = 1ULL << 47;

	slot[0] = (limit & 0xffffULL) |
		  ((base & 0xffffffULL) << 16) |
		  (type_avail_tss << 40) | present |
		  (((u64)limit >> 16 & 0xf) << 48) |
		  ((base >> 24 & 0xffULL) << 56);
	slot[1] = base >> 32;
}

/* CPU cpu's GDT and TSS, loaded on the CPU that calls this (cpu itself). */
void cpu_init_gdt(unsigned int cpu)
{
	u64 *table = gdt_tables[cpu];
	struct x86_hw_tss *tss = &cpu_tss[cpu];
	struct desc_ptr gdt = { sizeof(gdt_tables[cpu]) - 1, (unsigned long)table };

	memcpy(table, gdt_template, sizeof(gdt_template));
	/* An I/O bitmap offset beyond the TSS limit means "no bitmap": ring 3 gets no ports. */
	tss->io_bitmap_base = sizeof(*tss);
	for (int i = 0; i < N_IST_STACKS; i++)
		tss->ist[i] = (unsigned long)ist_stacks[cpu][i] + IST_STACK_SIZE;
	set_tss_desc(&table[GDT_ENTRY_TSS], (unsigned long)tss, sizeof(*tss) - 1);

	load_gdt(&gdt);
	/*
	 * lgdt does not reload the segment registers. CS can only change through a far
	 * transfer: push the new CS and the return point and "return" there with lretq.
	 * SS gets the kernel data segment; DS/ES/FS/GS are unused in 64-bit mode: null.
	 */
	__asm__ __volatile__(
		"pushq %[cs]\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %[ds], %%eax\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		: : [cs] "i"(__KERNEL_CS), [ds] "i"(__KERNEL_DS) : "rax", "memory");
	load_tr(GDT_ENTRY_TSS_SEL);
	load_ldt_null();	/* desc.h: an LDT selector must never read memory */
}

/* GS base -> CPU cpu's pcpu_hot. Must follow cpu_init_gdt(): loading GS may reset the base. */
void setup_percpu(unsigned int cpu)
{
	struct pcpu_hot *hot = &pcpu_hot_area[cpu];

	hot->self = hot;
	hot->cpu_number = cpu;
	hot->current_vector = -1;
	hot->tss = &cpu_tss[cpu];
	hot->gdt = gdt_tables[cpu];
	wrmsr(MSR_GS_BASE, (unsigned long)hot);
	wrmsr(MSR_KERNEL_GS_BASE, 0);	/* the user's GS base, once there is a user */
}
