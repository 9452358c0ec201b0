/* Loading the descriptor tables: GDT, IDT and the task register. */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>
#include <linux/compiler.h>

struct desc_ptr {
	u16 size;		/* limit: size in bytes - 1 */
	unsigned long address;
} __packed;

/* A 16-byte IDT gate (SDM vol. 3, 6.14.1). */
struct gate_desc {
	u16 offset_low;
	u16 segment;
	u16 bits;		/* IST index (2:0), type (11:8), DPL (14:13), present (15) */
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __packed;

#define GATE_INTERRUPT	0xe	/* clears IF on entry */
#define GATE_TRAP	0xf	/* leaves IF alone */

/* GDT slots GDT_ENTRY_TLS_MIN.. from the task's tls_array (cpu_init.c). */
void load_tls_descriptors(const u64 *tls);

static inline void load_gdt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lgdt %0" : : "m"(*p));
}

static inline void load_idt(const struct desc_ptr *p)
{
	__asm__ __volatile__("lidt %0" : : "m"(*p));
}

/*
 * No LDT: LDTR gets the null selector. After reset (and after some firmware) it is not null
 * but a base-0, limit-0xffff table, so an LDT selector a user put in a frame (sigreturn's
 * SS, checked with lar by force_valid_ss; or the selector iretq loads) would make the CPU
 * read a "descriptor" at a low user address, from kernel mode: a kernel page fault. With
 * a null LDTR those selectors are simply invalid (lar clears ZF, iretq raises #GP).
 */
static inline void load_ldt_null(void)
{
	__asm__ __volatile__("lldt %w0" : : "r"(0));
}

static inline void load_tr(u16 sel)
{
	__asm__ __volatile__("ltr %0" : : "rm"(sel));
}

void cpu_init_gdt(unsigned int cpu);	/* kernel/cpu_init.c, on CPU cpu */
void idt_setup(void);		/* kernel/idt.c: builds the IDT and loads it here */
void idt_load(void);		/* kernel/idt.c: load the (shared) IDT on another CPU */

#endif
