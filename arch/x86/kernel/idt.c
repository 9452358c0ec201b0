// SPDX-License-Identifier: GPL-2.0
/*
 * The Interrupt Descriptor Table: one interrupt gate per vector, each pointing at its stub in
 * entry/entry_64.S. Interrupt gates (not trap gates) so that every handler starts with
 * interrupts off. #DF, NMI and #MC switch to their own IST stacks.
 *
 * Gates are DPL 0 — "int $n" from user mode raises #GP instead — except those user space
 * may name itself: int3 and into (debuggers, overflow checks) and int $0x80, the i386 syscall
 * gate, which goes straight to entry_INT80_compat (entry/entry_64_compat.S).
 */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/processor.h>
#include <asm/traps.h>

static struct gate_desc idt_table[NR_VECTORS] __aligned(4096);

extern const char entry_INT80_compat[];

static void set_gate(unsigned int vector, unsigned long addr, unsigned int ist, unsigned int dpl)
{
	struct gate_desc *g = &idt_table[vector];

	g->offset_low = addr & 0xffff;
	g->segment = __KERNEL_CS;
	/* present, DPL, interrupt gate, IST slot */
	g->bits = (1u << 15) | (dpl << 13) | (GATE_INTERRUPT << 8) | ist;
	g->offset_middle = (addr >> 16) & 0xffff;
	g->offset_high = addr >> 32;
	g->reserved = 0;
}

static unsigned int ist_of(unsigned int vector)
{
	switch (vector) {
	case X86_TRAP_DF:  return IST_INDEX_DF;
	case X86_TRAP_NMI: return IST_INDEX_NMI;
	case X86_TRAP_MC:  return IST_INDEX_MCE;
	default:           return 0;	/* stay on the current stack */
	}
}

static unsigned int dpl_of(unsigned int vector)
{
	return vector == X86_TRAP_BP || vector == X86_TRAP_OF ? 3 : 0;
}

/* Every CPU uses the same table: its gates name no per-CPU state (the IST slots do, by index). */
void idt_load(void)
{
	struct desc_ptr idt = { sizeof(idt_table) - 1, (unsigned long)idt_table };

	load_idt(&idt);
}

void idt_setup(void)
{
	BUILD_BUG_ON(sizeof(struct gate_desc) != 16);
	for (unsigned int v = 0; v < NR_VECTORS; v++)
		set_gate(v, (unsigned long)idt_entries_start + v * IDT_STUB_SIZE, ist_of(v),
			 dpl_of(v));
#ifdef CONFIG_USER_MODE
	set_gate(IA32_SYSCALL_VECTOR, (unsigned long)entry_INT80_compat, 0, 3);
#endif
	idt_load();
}
