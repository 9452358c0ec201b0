/* SPDX-License-Identifier: GPL-2.0 */
/*
 * trampoline_64.S: the first instructions of every CPU but the boot CPU, from the real mode
 * a Startup IPI leaves it in to 64-bit mode and a call to start_secondary(cpu) (smp.c).
 *
 * Hardware contract (SDM vol. 3, 9.4.4 and 10.1): a CPU that receives INIT and then a SIPI
 * with vector VV starts in real mode at CS:IP = VV00:0000, i.e. physical VV000, with
 * interrupts off, paging off, and a stack it must not use. So this code runs from a copy in
 * a page below 1 MiB (smp_reserve_trampoline() keeps one aside, smp_prepare_cpus() copies
 * this there) and knows its own address only through CS. Everything that depends on where
 * it landed or on the CPU being started is a field at the end, which smp.c fills in the
 * copy before each SIPI: TR(x) is a label's offset from the start of the copy.
 *
 * Steps: real mode -> protected mode on a flat GDT (head_64.S's boot_gdt) -> PAE, the
 * trampoline page tables (the first GiB identity-mapped, plus the kernel's upper half),
 * EFER.LME -> paging on: long mode -> a far jump to a 64-bit code segment -> the kernel
 * stack of the CPU's idle task, and start_secondary(cpu) at its link address.
 */
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/setup.h>

#define TR(x)		((x) - trampoline_start)

	.section .rodata, "a"
	.balign 16
	.globl trampoline_start
trampoline_start:
	.code16
	cli				/* no IDT for real mode: nothing may interrupt */
	cld
	movw	%cs, %ax
	movw	%ax, %ds		/* the fields are read at TR(x) from DS = CS */
	xorl	%ebx, %ebx
	movw	%ax, %bx
	shll	$4, %ebx		/* EBX = the copy's physical address, from here on */

	/* lgdtl: the descriptor's base is 32 bits (filled in: the copy's tr_gdt). */
	lgdtl	TR(tr_gdt_desc)
	movl	%cr0, %eax
	orl	$X86_CR0_PE, %eax
	movl	%eax, %cr0
	/* Protected mode takes effect for CS only with a far jump: to tr_protected, 32-bit. */
	ljmpl	*TR(tr_jump32)

	.code32
tr_protected:
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/* Long mode requires PAE paging; CR3 must be below 4 GiB here (smp.c checks). */
	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4
	movl	TR(tr_cr3)(%ebx), %eax
	movl	%eax, %cr3

	/*
	 * EFER: LME (the next CR0.PG enters long mode) and NXE when the boot CPU has it: the
	 * kernel's page-table entries carry NX, a reserved bit to a CPU without EFER.NXE.
	 */
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	TR(tr_efer)(%ebx), %eax
	wrmsr

	/* Paging on (and WP, as on the boot CPU): compatibility mode, still this code. */
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl	%eax, %cr0
	/* A far jump to a 64-bit code segment switches to 64-bit mode. */
	ljmpl	*TR(tr_jump64)(%ebx)

	.code64
tr_long:
	movl	%ebx, %ebx		/* the upper half of RBX is undefined after the switch */
	movq	TR(tr_stack)(%rbx), %rsp	/* the idle task's kernel stack */
	xorl	%ebp, %ebp		/* ends stack traces here */
	movl	TR(tr_cpu)(%rbx), %edi	/* arg 1: the CPU number */
	movq	TR(tr_entry)(%rbx), %rax
	call	*%rax			/* start_secondary, at its link address: never returns */
1:	hlt
	jmp	1b

/* Filled in by smp.c (trampoline_field()) in the copy. */
	.balign 8
	.globl tr_gdt_desc, tr_jump32, tr_jump64, tr_cr3, tr_efer, tr_cpu, tr_stack, tr_entry
	.globl tr_protected, tr_long
/*
 * head_64.S's boot_gdt: flat 32-bit code, 64-bit code and data at the selectors of the final
 * GDT. Paging is off, so the kernel image's physical copy is read: real mode reaches only
 * the first MiB through DS, hence this descriptor in the copy.
 */
tr_gdt_desc:
	.short	BOOT_GDT_SIZE - 1
	.long	0			/* physical: pa(boot_gdt) */
	.balign 8
tr_jump32:				/* far pointer m16:32 */
	.long	0			/* physical: copy + TR(tr_protected) */
	.short	__KERNEL32_CS
	.balign 8
tr_jump64:
	.long	0			/* physical: copy + TR(tr_long) */
	.short	__KERNEL_CS
	.balign 8
tr_cr3:		.long	0		/* the trampoline PML4 (physical) */
tr_efer:	.long	0		/* EFER bits to set */
tr_cpu:		.long	0		/* the CPU being started */
	.balign 8
tr_stack:	.quad	0		/* its idle task's stack top */
tr_entry:	.quad	0		/* start_secondary */
	.globl trampoline_end
trampoline_end:
	.text
