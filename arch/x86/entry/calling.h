/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by entry_64.S and entry_64_compat.S: the pt_regs layout is the stack layout
 * (asm/ptrace.h), so one macro restores it for every exit.
 */

/* Restore the general registers from pt_regs at RSP, leaving RSP at orig_ax. */
.macro POP_REGS
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
.endm
