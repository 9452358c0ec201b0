// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU's segment state: the final GDT (Linux's layout, asm/segment.h), the TSS with its
 * IST stacks, and the per-CPU area reached through GS.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/percpu.h>
#include <asm/msr.h>
#include <asm/thread_info.h>

/* Written by the CPU (accessed bits, TSS busy bit), so it lives in writable data. */
static u64 gdt_table[GDT_ENTRIES] __aligned(64) = {
	[GDT_ENTRY_KERNEL32_CS]	= GDT_ENTRY_FLAT(DESC_CODE32_KERNEL),
	[GDT_ENTRY_KERNEL_CS]	= GDT_ENTRY_FLAT(DESC_CODE64_KERNEL),
	[GDT_ENTRY_KERNEL_DS]	= GDT_ENTRY_FLAT(DESC_DATA_KERNEL),
	[GDT_ENTRY_USER32_CS]	= GDT_ENTRY_FLAT(DESC_CODE32_USER),
	[GDT_ENTRY_USER_DS]	= GDT_ENTRY_FLAT(DESC_DATA_USER),
	[GDT_ENTRY_USER_CS]	= GDT_ENTRY_FLAT(DESC_CODE64_USER),
	/* GDT_ENTRY_TSS (two slots) is filled in at run time: it holds a 64-bit address. */
};

/* An I/O bitmap offset beyond the TSS limit means "no bitmap": ring 3 gets no ports. */
struct x86_hw_tss cpu_tss __aligned(64) = {
	.io_bitmap_base = sizeof(struct x86_hw_tss),
};

/* Separate stacks for #DF, NMI and #MC: they must work even when the current stack is bad. */
static char ist_stacks[N_IST_STACKS][IST_STACK_SIZE] __aligned(PAGE_SIZE);

struct pcpu_hot pcpu_hot_boot;

/*
 * The running task's thread-local-storage descriptors into GDT slots 12-14 (tls.c builds
 * them). A user selector loaded later reads the new descriptor; one already in a segment
 * register keeps its cached copy until reloaded, which is what set_thread_area users expect.
 */
void load_tls_descriptors(const u64 *tls)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++)
		gdt_table[GDT_ENTRY_TLS_MIN + i] = tls[i];
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

void cpu_init_gdt(void)
{
	struct desc_ptr gdt = { sizeof(gdt_table) - 1, (unsigned long)gdt_table };

	for (int i = 0; i < N_IST_STACKS; i++)
		cpu_tss.ist[i] = (unsigned long)ist_stacks[i] + IST_STACK_SIZE;
	set_tss_desc(&gdt_table[GDT_ENTRY_TSS], (unsigned long)&cpu_tss,
		     sizeof(cpu_tss) - 1);

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

/* GS base -> this CPU's pcpu_hot. Must follow cpu_init_gdt(): loading GS may reset the base. */
void setup_percpu(void)
{
	pcpu_hot_boot.self = &pcpu_hot_boot;
	wrmsr(MSR_GS_BASE, (unsigned long)&pcpu_hot_boot);
	wrmsr(MSR_KERNEL_GS_BASE, 0);	/* the user's GS base, once there is a user */
}
