/* SPDX-License-Identifier: GPL-2.0 */
/*
 * entry_64_compat.S: the three ways into the kernel that use the i386 syscall ABI and table.
 *
 *   route                  instruction             who uses it
 *   entry_INT80_compat     int $0x80               any code, 32- or 64-bit (IDT gate 0x80)
 *   entry_SYSENTER_compat  sysenter                __kernel_vsyscall in the vDSO (Intel)
 *   entry_SYSCALL_compat   syscall in 32-bit code  __kernel_vsyscall in the vDSO (AMD)
 *
 * i386 ABI: EAX = number, EBX ECX EDX ESI EDI EBP = arguments 1-6, EAX = result; every
 * other register comes back unchanged. The arguments are zero-extended by the __ia32_
 * wrappers (asm/syscall_wrapper.h), so whatever the upper halves hold does not matter.
 * All three build the same struct pt_regs as entry_64.S and leave through its exits:
 * iretq (swapgs_restore_regs_and_return_to_usermode) or, for the two fast routes, sysretl.
 * Each clears every general register it saved, except RAX (the number), before the C
 * function runs: a value user space chose must not sit in a register a mispredicted kernel
 * branch could use (make check's entry_x86_64_regs_cleared_*, scripts/entry_check.py).
 */
#include <asm/ptrace.h>
#include <asm/percpu.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <linux/errno.h>
#include <asm/smap.h>
#include "calling.h"

	.text

/*
 * entry_SYSENTER_compat (MSR_IA32_SYSENTER_EIP).
 *
 * Hardware contract (SDM vol. 2, SYSENTER), from compatibility mode:
 *   CS <- MSR_IA32_SYSENTER_CS (__KERNEL_CS), SS <- CS + 8; 64-bit mode, CPL 0
 *   RSP <- MSR_IA32_SYSENTER_ESP: here the current task's kernel stack top, which
 *          set_current_task() keeps there (like TSS.sp0)
 *   RIP <- MSR_IA32_SYSENTER_EIP
 *   RFLAGS: IF and RF cleared; nothing else — TF, DF, AC, NT stay as the user set them
 * Nothing about the caller survives: not its RIP, not its RSP. That is why sysenter is only
 * used through __kernel_vsyscall, which saves ECX, EDX and EBP on the user stack, puts ESP
 * in EBP and returns through a landing pad the kernel knows (vdso32/system_call.S). The
 * sixth argument, EBP, is therefore the word at the user's ESP (do_fast_syscall_32 reads it).
 *
 * Return: sysretl (like Linux), not sysexit: sysretl also restores RFLAGS (R11), so DF, AC,
 * NT and IF come back as the user had them; sysexit would leave the kernel's.
 */
	.balign 16
	.globl entry_SYSENTER_compat
	.type entry_SYSENTER_compat, @function
entry_SYSENTER_compat:
	USER_ENTRY_CFI
	swapgs				/* GS: user -> kernel per-CPU base */
	movl	%ebp, %ebp		/* zero-extend: the vDSO's ESP, now in EBP */
	pushq	$__USER_DS		/* pt_regs->ss */
	pushq	%rbp			/* pt_regs->sp */
	pushfq				/* pt_regs->flags: the user's, but IF cleared by sysenter */
	orl	$X86_EFLAGS_IF, (%rsp)	/* ...and the user always runs with interrupts on */
	pushq	$__USER32_CS		/* pt_regs->cs */
	pushq	$0			/* pt_regs->ip: lost; do_SYSENTER_32 sets the landing pad */
	pushq	%rax			/* pt_regs->orig_ax */
	pushq	%rdi			/* pt_regs->di */
	pushq	%rsi			/* pt_regs->si */
	xorl	%esi, %esi
	pushq	%rdx			/* pt_regs->dx */
	xorl	%edx, %edx
	pushq	%rcx			/* pt_regs->cx */
	xorl	%ecx, %ecx
	pushq	$-ENOSYS		/* pt_regs->ax */
	/*
	 * R8-R15 do not exist for 32-bit code: the kernel starts them at 0. They still hold
	 * whatever the task last had in 64-bit mode (a program can far-jump to 32-bit code
	 * with them loaded), so they are cleared like the others.
	 */
	pushq	$0			/* pt_regs->r8 */
	xorl	%r8d, %r8d
	pushq	$0			/* pt_regs->r9 */
	xorl	%r9d, %r9d
	pushq	$0			/* pt_regs->r10 */
	xorl	%r10d, %r10d
	pushq	$0			/* pt_regs->r11 */
	xorl	%r11d, %r11d
	pushq	%rbx			/* pt_regs->bx */
	xorl	%ebx, %ebx
	pushq	%rbp			/* pt_regs->bp: the ESP again; replaced by the real EBP */
	xorl	%ebp, %ebp
	pushq	$0			/* pt_regs->r12 */
	xorl	%r12d, %r12d
	pushq	$0			/* pt_regs->r13 */
	xorl	%r13d, %r13d
	pushq	$0			/* pt_regs->r14 */
	xorl	%r14d, %r14d
	pushq	$0			/* pt_regs->r15 */
	xorl	%r15d, %r15d
	/*
	 * Clear what sysenter left of the user's flags (pt_regs->flags has them): NT would
	 * make our own iretq fault, DF would turn string copies backwards, AC matters to
	 * SMAP, and TF has made us single-step every instruction since entry_SYSENTER_compat
	 * (traps.c ignores those #DBs up to sysenter_flags_fixed).
	 */
	pushq	$X86_EFLAGS_FIXED
	popfq
	.globl sysenter_flags_fixed
sysenter_flags_fixed:
	movq	%rsp, %rdi		/* arg 1: struct pt_regs * */
	call	do_SYSENTER_32		/* returns with interrupts off; true: sysretl is safe */
	testb	%al, %al
	jz	swapgs_restore_regs_and_return_to_usermode
	jmp	sysret32_from_system_call
	USER_ENTRY_CFI_END
	.size entry_SYSENTER_compat, . - entry_SYSENTER_compat

/*
 * entry_SYSCALL_compat (MSR_CSTAR): the syscall instruction in compatibility mode.
 *
 * Hardware contract: as for entry_SYSCALL_64 (entry_64.S) — RCX <- return RIP, R11 <- RFLAGS,
 * RFLAGS &= ~MSR_SYSCALL_MASK, CS/SS from MSR_STAR, RSP and GS still the user's.
 * Because the instruction overwrites ECX, the second argument travels in EBP, and the sixth
 * (the caller's EBP) in the word at ESP — the vDSO's convention (vdso32/system_call.S):
 *   push %ebp; mov %ecx, %ebp; syscall; ...; pop %ebp
 * Like sysenter it returns to the vDSO's landing pad (do_fast_syscall_32 sets pt_regs->ip), past
 * the int $0x80 that follows the syscall instruction: that int $0x80 is where a restarted
 * call resumes.
 */
	.balign 16
	.globl entry_SYSCALL_compat
	.type entry_SYSCALL_compat, @function
entry_SYSCALL_compat:
	USER_ENTRY_CFI
	swapgs				/* GS: user -> kernel per-CPU base */
	movl	%esp, %r8d		/* park the user ESP in R8, invisible to 32-bit code */
	movq	%gs:PCPU_TOP_OF_STACK, %rsp	/* the current task's kernel stack */
	pushq	$__USER_DS		/* pt_regs->ss */
	pushq	%r8			/* pt_regs->sp */
	pushq	%r11			/* pt_regs->flags */
	pushq	$__USER32_CS		/* pt_regs->cs */
	pushq	%rcx			/* pt_regs->ip: the return address */
	pushq	%rax			/* pt_regs->orig_ax */
	pushq	%rdi			/* pt_regs->di */
	pushq	%rsi			/* pt_regs->si */
	xorl	%esi, %esi
	pushq	%rdx			/* pt_regs->dx */
	xorl	%edx, %edx
	pushq	%rbp			/* pt_regs->cx: argument 2, which came in EBP */
	xorl	%ecx, %ecx
	pushq	$-ENOSYS		/* pt_regs->ax */
	/* R8-R15: 0 for 32-bit code, and cleared (see entry_SYSENTER_compat). */
	pushq	$0			/* pt_regs->r8 */
	xorl	%r8d, %r8d
	pushq	$0			/* pt_regs->r9 */
	xorl	%r9d, %r9d
	pushq	$0			/* pt_regs->r10 */
	xorl	%r10d, %r10d
	pushq	$0			/* pt_regs->r11 */
	xorl	%r11d, %r11d
	pushq	%rbx			/* pt_regs->bx */
	xorl	%ebx, %ebx
	pushq	%rbp			/* pt_regs->bp: replaced by the word at ESP */
	xorl	%ebp, %ebp
	pushq	$0			/* pt_regs->r12 */
	xorl	%r12d, %r12d
	pushq	$0			/* pt_regs->r13 */
	xorl	%r13d, %r13d
	pushq	$0			/* pt_regs->r14 */
	xorl	%r14d, %r14d
	pushq	$0			/* pt_regs->r15 */
	xorl	%r15d, %r15d
	movq	%rsp, %rdi		/* arg 1: struct pt_regs * */
	call	do_SYSCALL_32		/* returns with interrupts off; true: sysretl is safe */
	testb	%al, %al
	jz	swapgs_restore_regs_and_return_to_usermode

/*
 * sysretl: back to compatibility mode with EIP = ECX, EFLAGS = R11 (RF cleared),
 * CS = MSR_STAR[63:48] (__USER32_CS), SS = +8 (__USER_DS). ESP is ours to load.
 * do_fast_syscall_32 checked that pt_regs fits that. A 32-bit RIP is canonical by
 * construction, so the Intel sysretq hazard (CVE-2012-0217) cannot arise here.
 */
	.globl sysret32_from_system_call
sysret32_from_system_call:
	POP_REGS
	movq	PTREGS_IP - PTREGS_ORIG_AX(%rsp), %rcx		/* EIP */
	movq	PTREGS_FLAGS - PTREGS_ORIG_AX(%rsp), %r11	/* EFLAGS */
	movq	PTREGS_SP - PTREGS_ORIG_AX(%rsp), %rsp		/* ESP: the user stack */
	swapgs				/* GS: kernel -> user */
	sysretl
	USER_ENTRY_CFI_END
	.size entry_SYSCALL_compat, . - entry_SYSCALL_compat

/*
 * entry_INT80_compat: IDT gate 0x80, DPL 3, an interrupt gate (IF cleared).
 *
 * Hardware contract: as for any interrupt from ring 3 (entry_64.S): RSP <- TSS.sp0, the CPU
 * pushes SS, RSP, RFLAGS, CS, RIP; TF, NT, RF and IF are cleared — but not DF or AC.
 * Usable from 64-bit code too: the number and arguments are still the i386 ones (EAX, EBX,
 * ...), R8-R15 are saved and restored, and the return is always iretq.
 */
	.balign 16
	.globl entry_INT80_compat
	.type entry_INT80_compat, @function
entry_INT80_compat:
	USER_ENTRY_CFI
	ASM_CLAC			/* the gate leaves the user's AC: SMAP off until cleared */
	swapgs				/* GS: user -> kernel (only user mode uses this gate) */
	pushq	%rax			/* pt_regs->orig_ax */
	pushq	%rdi			/* pt_regs->di */
	pushq	%rsi			/* pt_regs->si */
	xorl	%esi, %esi
	pushq	%rdx			/* pt_regs->dx */
	xorl	%edx, %edx
	pushq	%rcx			/* pt_regs->cx */
	xorl	%ecx, %ecx
	pushq	$-ENOSYS		/* pt_regs->ax */
	pushq	%r8			/* pt_regs->r8 */
	xorl	%r8d, %r8d
	pushq	%r9			/* pt_regs->r9 */
	xorl	%r9d, %r9d
	pushq	%r10			/* pt_regs->r10 */
	xorl	%r10d, %r10d
	pushq	%r11			/* pt_regs->r11 */
	xorl	%r11d, %r11d
	pushq	%rbx			/* pt_regs->bx */
	xorl	%ebx, %ebx
	pushq	%rbp			/* pt_regs->bp */
	xorl	%ebp, %ebp
	pushq	%r12			/* pt_regs->r12 */
	xorl	%r12d, %r12d
	pushq	%r13			/* pt_regs->r13 */
	xorl	%r13d, %r13d
	pushq	%r14			/* pt_regs->r14 */
	xorl	%r14d, %r14d
	pushq	%r15			/* pt_regs->r15 */
	xorl	%r15d, %r15d
	cld				/* the gate leaves the user's DF: string copies need it clear */
	movq	%rsp, %rdi		/* arg 1: struct pt_regs * */
	call	do_int80_syscall_32	/* returns with interrupts off */
	jmp	swapgs_restore_regs_and_return_to_usermode
	USER_ENTRY_CFI_END
	.size entry_INT80_compat, . - entry_INT80_compat
