/* Exception and interrupt vectors, and the C entry points the assembly stubs call. */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#define X86_TRAP_DE	0	/* divide error */
#define X86_TRAP_DB	1	/* debug */
#define X86_TRAP_NMI	2
#define X86_TRAP_BP	3	/* int3 */
#define X86_TRAP_OF	4	/* overflow */
#define X86_TRAP_BR	5	/* bound range */
#define X86_TRAP_UD	6	/* invalid opcode */
#define X86_TRAP_NM	7	/* device not available */
#define X86_TRAP_DF	8	/* double fault */
#define X86_TRAP_OLD_MF	9	/* coprocessor segment overrun */
#define X86_TRAP_TS	10	/* invalid TSS */
#define X86_TRAP_NP	11	/* segment not present */
#define X86_TRAP_SS	12	/* stack segment */
#define X86_TRAP_GP	13	/* general protection */
#define X86_TRAP_PF	14	/* page fault */
#define X86_TRAP_SPURIOUS 15
#define X86_TRAP_MF	16	/* x87 floating point */
#define X86_TRAP_AC	17	/* alignment check */
#define X86_TRAP_MC	18	/* machine check */
#define X86_TRAP_XF	19	/* SIMD floating point */
#define X86_TRAP_VE	20	/* virtualization */
#define X86_TRAP_CP	21	/* control protection */
#define X86_TRAP_VC	29	/* VMM communication */
#define X86_TRAP_SX	30	/* security */
#define NR_EXCEPTION_VECTORS 32

/*
 * Exceptions for which the CPU pushes an error code: the stub pushes -1 for the others so
 * every frame has the same shape.
 */
#define X86_TRAP_HAS_ERRCODE(v)						\
	((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 ||	\
	 (v) == 29 || (v) == 30)

/* Device interrupts. */
#define FIRST_EXTERNAL_VECTOR	0x20
#define ISA_IRQ_VECTOR(irq)	(0x20 + (irq))	/* where the (masked) 8259s are moved to */
#define IA32_SYSCALL_VECTOR	0x80	/* int $0x80: the i386 syscall gate (DPL 3) */
#define LOCAL_TIMER_VECTOR	0xec
#define CALL_FUNCTION_VECTOR	0xfc	/* IPI_CALL_FUNC (arch/x86/kernel/smp.c) */
#define RESCHEDULE_VECTOR	0xfd	/* IPI_RESCHEDULE */
#define SPURIOUS_APIC_VECTOR	0xff
#define NR_VECTORS		256

/* Size of each stub in entry_64.S's table: the IDT points at irq_entries_start + v * this. */
#define IDT_STUB_SIZE		16

#ifndef __ASSEMBLY__
struct pt_regs;

extern const char idt_entries_start[];	/* entry/entry_64.S */

void x86_handle_vector(struct pt_regs *regs, unsigned long vector);
void do_exception(struct pt_regs *regs, unsigned int vector, unsigned long error_code);
void do_page_fault(struct pt_regs *regs, unsigned long error_code);
void do_irq(struct pt_regs *regs, unsigned int vector);
void do_bad_iret(struct pt_regs *regs);
const char *exception_name(unsigned int vector);
/* The vector being handled (for show_regs), or -1 outside exception handling. */
long x86_current_vector(void);
void show_regs(struct pt_regs *regs);
#endif

#endif
