/* SPDX-License-Identifier: GPL-2.0 */
/*
 * entry_64.S: the way into the kernel from exceptions and interrupts.
 *
 * Hardware contract (64-bit mode, SDM vol. 3, 6.14): on an exception or interrupt the CPU
 *   - switches stack when the gate names an IST slot (or, later, when coming from ring 3:
 *     to TSS.sp0), after aligning RSP down to 16 bytes;
 *   - pushes SS, RSP, RFLAGS, CS, RIP and, for some exceptions, an error code;
 *   - clears IF (all our gates are interrupt gates) and jumps to the gate's address.
 * iretq pops RIP, CS, RFLAGS, RSP, SS back.
 *
 * Each vector has a stub of IDT_STUB_SIZE bytes in idt_entries_start[] (kernel/idt.c points
 * the IDT at them). A stub makes every frame the same shape: it pushes -1 as the error code
 * when the CPU pushed none, saves RDI in its pt_regs slot and puts the vector number in EDI.
 * common_entry saves the rest of struct pt_regs (asm/ptrace.h) and calls
 * x86_handle_vector(regs, vector).
 *
 * Only ring 0 can be interrupted today. When user mode arrives, entry from ring 3 must
 * swapgs here (MSR_GS_BASE holds the kernel per-CPU base, asm/percpu.h).
 */
#include <asm/traps.h>
#include <asm/ptrace.h>

	.text
	.balign IDT_STUB_SIZE
	.globl idt_entries_start
idt_entries_start:
	vector = 0
	.rept NR_VECTORS
	.balign IDT_STUB_SIZE
	.if X86_TRAP_HAS_ERRCODE(vector)
	/* the CPU pushed an error code: it is pt_regs->orig_ax */
	.else
	pushq	$-1			/* pt_regs->orig_ax: no error code */
	.endif
	pushq	%rdi			/* pt_regs->di */
	movl	$vector, %edi		/* second argument of x86_handle_vector, for now in edi */
	jmp	common_entry
	vector = vector + 1
	.endr
	.balign IDT_STUB_SIZE
	.globl idt_entries_end
idt_entries_end:

common_entry:
	/* Below di, the rest of pt_regs, from the highest field (si) down to r15. */
	pushq	%rsi			/* pt_regs->si */
	pushq	%rdx			/* pt_regs->dx */
	pushq	%rcx			/* pt_regs->cx */
	pushq	%rax			/* pt_regs->ax */
	pushq	%r8			/* pt_regs->r8 */
	pushq	%r9			/* pt_regs->r9 */
	pushq	%r10			/* pt_regs->r10 */
	pushq	%r11			/* pt_regs->r11 */
	pushq	%rbx			/* pt_regs->bx */
	pushq	%rbp			/* pt_regs->bp */
	pushq	%r12			/* pt_regs->r12 */
	pushq	%r13			/* pt_regs->r13 */
	pushq	%r14			/* pt_regs->r14 */
	pushq	%r15			/* pt_regs->r15 */

	/* The C ABI expects DF clear; the interrupted code may have set it. */
	cld

	movl	%edi, %esi		/* arg 2: vector */
	movq	%rsp, %rdi		/* arg 1: struct pt_regs * */
	/*
	 * The ABI wants RSP 16-byte aligned at the call. The frame is 21 words on a 16-byte
	 * boundary, so it is off by 8; align explicitly and keep the old RSP in RBX, which
	 * is callee-saved (its interrupted value is already in pt_regs).
	 */
	movq	%rsp, %rbx
	andq	$-16, %rsp
	call	x86_handle_vector
	movq	%rbx, %rsp

	/* Restore everything, possibly changed by the handler (e.g. ip for an extable fixup). */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	addq	$8, %rsp		/* drop orig_ax: iretq wants RIP on top */
	iretq
