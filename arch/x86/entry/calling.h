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

/*
 * Unwind information for debuggers: DWARF CFI in .debug_frame, which is not loaded and costs
 * no instruction. Without it gdb guesses the caller of do_syscall_64 & co. from the stack and
 * prints user addresses as kernel frames ("0x0 in ?? ()"). A system call entry is where the
 * kernel's stack begins: USER_ENTRY_CFI marks the return address as undefined, the DWARF way
 * of saying "outermost frame", so a backtrace ends at the entry symbol. The frame address is
 * not tracked through the pushes: gdb names an outermost frame by its function alone.
 * Pair each USER_ENTRY_CFI with USER_ENTRY_CFI_END after the last instruction of the entry.
 */
.macro USER_ENTRY_CFI
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined %rip
.endm

.macro USER_ENTRY_CFI_END
	.cfi_endproc
.endm
