/* SPDX-License-Identifier: GPL-2.0 */
/*
 * entry_64.S: the ways into the kernel from 64-bit code — exceptions, interrupts and the
 * syscall instruction — and the two ways back to user mode (sysretq, iretq).
 *
 * Exceptions and interrupts. Hardware contract (64-bit mode, SDM vol. 3, 6.14): the CPU
 *   - switches stack when coming from ring 3 (to TSS.sp0: the current task's kernel stack
 *     top) or when the gate names an IST slot, after aligning RSP down to 16 bytes;
 *   - pushes SS, RSP, RFLAGS, CS, RIP and, for some exceptions, an error code;
 *   - clears IF (all our gates are interrupt gates), TF, NT, RF, and jumps to the gate.
 * Each vector has a stub of IDT_STUB_SIZE bytes in idt_entries_start[] (kernel/idt.c points
 * the IDT at them). A stub makes every frame the same shape: it pushes -1 as the error code
 * when the CPU pushed none, saves RDI in its pt_regs slot and puts the vector number in EDI.
 * common_entry saves the rest of struct pt_regs (asm/ptrace.h), gets the kernel's GS, and
 * calls x86_handle_vector(regs, vector).
 *
 * GS. The kernel's per-CPU base lives in MSR_GS_BASE while the kernel runs and in
 * MSR_KERNEL_GS_BASE while user code runs; swapgs exchanges them. From user mode (CS RPL 3)
 * the entry always swaps. From kernel mode it normally does not — but an exception can hit
 * the few kernel instructions that run with the user's GS (a faulting iretq after swapgs,
 * a #DB single-stepping into entry_SYSENTER_compat, an NMI next to a sysret), so for kernel
 * mode the entry asks the MSR itself (kernel bases are negative, user bases never are: user
 * space has no way to set one) and undoes exactly what it did on the way out.
 */
#include <asm/traps.h>
#include <asm/ptrace.h>
#include <asm/percpu.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/msr.h>
#include <asm/asm.h>
#include <linux/errno.h>
#include <asm/smap.h>
#include "calling.h"

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
	/*
	 * The gate leaves AC as it was: user code may set it (popf), and an interrupt may
	 * arrive inside a uaccess window. Under SMAP neither may reach the handler; iretq
	 * gives the interrupted code its AC back.
	 */
	ASM_CLAC
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
	/*
	 * As the syscall entries do: every register the interrupted code chose is saved in
	 * pt_regs, so clear it (RBP below, for user mode only: from kernel mode it is the
	 * interrupted frame, which backtraces follow). RSI and RDI are set just after.
	 */
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	xorl	%r11d, %r11d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	/* The C ABI expects DF clear; the interrupted code may have set it. */
	cld
	movl	%edi, %esi		/* arg 2: vector */
	movq	%rsp, %rdi		/* arg 1: struct pt_regs * */
	testb	$3, PTREGS_CS(%rsp)
	jz	.Lentry_from_kernel

	/*
	 * From user mode: the kernel's GS, a clean frame pointer (ends stack traces).
	 * The swapgs depends on the branch above, which the CPU may have mispredicted: the
	 * lfence keeps any later GS-relative load from running, even speculatively, with the
	 * wrong GS (CVE-2019-1125, Linux's FENCE_SWAPGS_USER_ENTRY).
	 */
	swapgs
	lfence
	xorl	%ebp, %ebp
	call	x86_handle_vector	/* ends with irqentry_exit_to_user_mode(): IF off */
	jmp	swapgs_restore_regs_and_return_to_usermode

.Lentry_from_kernel:
	/* R12 (0 since the clear above) = 1 when this entry swapped GS: the exit swaps back. */
	movl	$MSR_GS_BASE, %ecx
	rdmsr				/* EDX = high half of GS_BASE */
	testl	%edx, %edx
	js	1f			/* negative: already the kernel's */
	swapgs
	movl	$1, %r12d
1:
	/*
	 * Both branches above (from user mode or not, GS swapped or not) may have been
	 * mispredicted: no GS-relative load before they are resolved (Linux's
	 * FENCE_SWAPGS_KERNEL_ENTRY).
	 */
	lfence
	/*
	 * The ABI wants RSP 16-byte aligned at the call (the kernel is built for 8, but
	 * this costs nothing here); keep the old RSP in RBX, callee-saved, whose
	 * interrupted value is already in pt_regs.
	 */
	movq	%rsp, %rbx
	andq	$-16, %rsp
	call	x86_handle_vector
	movq	%rbx, %rsp
	testl	%r12d, %r12d
	jz	2f
	swapgs
2:
	/* Restore everything, possibly changed by the handler (e.g. ip for an extable fixup). */
	POP_REGS
	addq	$8, %rsp		/* drop orig_ax: iretq wants RIP on top */
	iretq

/*
 * entry_SYSCALL_64: the "syscall" instruction from 64-bit user code (MSR_LSTAR).
 *
 * Hardware contract (SDM vol. 2, SYSCALL; AMD APM vol. 3):
 *   RCX    <- RIP of the next instruction (where sysretq will return)
 *   R11    <- RFLAGS, then RFLAGS &= ~MSR_SYSCALL_MASK (X86_SYSCALL_MASK, Linux's 0x257fd5:
 *             CF PF AF ZF SF OF, TF, IF, DF, IOPL, NT, RF, AC and ID; so no single-stepping,
 *             no user direction flag, no user arithmetic flags, interrupts off until the
 *             stack is ours; asm/processor-flags.h says why each)
 *   CS, SS <- MSR_STAR[47:32] and +8 (__KERNEL_CS, __KERNEL_DS); CPL 0
 *   RSP    is NOT changed: it is still the user's stack, which the kernel must not trust
 *   GS     is still the user's: the kernel's per-CPU base needs a swapgs
 * Registers: RAX = number, RDI RSI RDX R10 R8 R9 = arguments (R10 instead of RCX).
 * Return: RAX = result; every other register except RCX and R11 as the user left it.
 */
	.balign 16
	.globl entry_SYSCALL_64
	.type entry_SYSCALL_64, @function
entry_SYSCALL_64:
	USER_ENTRY_CFI
	swapgs				/* GS: user -> kernel per-CPU base */
	movq	%rsp, %gs:PCPU_USER_SP	/* park the user RSP: no free register yet */
	movq	%gs:PCPU_TOP_OF_STACK, %rsp	/* the current task's kernel stack */

	/* The frame an interrupt would have pushed, so both exits can use it. */
	pushq	$__USER_DS		/* pt_regs->ss */
	pushq	%gs:PCPU_USER_SP	/* pt_regs->sp */
	pushq	%r11			/* pt_regs->flags */
	pushq	$__USER_CS		/* pt_regs->cs */
	pushq	%rcx			/* pt_regs->ip */
	.globl entry_SYSCALL_64_after_hwframe
entry_SYSCALL_64_after_hwframe:
	pushq	%rax			/* pt_regs->orig_ax: the number, for tracers and restarts */

	/*
	 * The general registers, each cleared once saved: no value user space chose stays in
	 * a register where speculation in the kernel could use it.
	 */
	pushq	%rdi			/* pt_regs->di */
	pushq	%rsi			/* pt_regs->si */
	pushq	%rdx			/* pt_regs->dx */
	xorl	%edx, %edx
	pushq	%rcx			/* pt_regs->cx (= the return address) */
	xorl	%ecx, %ecx
	pushq	$-ENOSYS		/* pt_regs->ax: the result until a handler runs */
	pushq	%r8			/* pt_regs->r8 */
	xorl	%r8d, %r8d
	pushq	%r9			/* pt_regs->r9 */
	xorl	%r9d, %r9d
	pushq	%r10			/* pt_regs->r10 */
	xorl	%r10d, %r10d
	pushq	%r11			/* pt_regs->r11 (= the flags) */
	xorl	%r11d, %r11d
	pushq	%rbx			/* pt_regs->bx */
	xorl	%ebx, %ebx
	pushq	%rbp			/* pt_regs->bp */
	xorl	%ebp, %ebp		/* also ends frame-pointer stack traces here */
	pushq	%r12			/* pt_regs->r12 */
	xorl	%r12d, %r12d
	pushq	%r13			/* pt_regs->r13 */
	xorl	%r13d, %r13d
	pushq	%r14			/* pt_regs->r14 */
	xorl	%r14d, %r14d
	pushq	%r15			/* pt_regs->r15 */
	xorl	%r15d, %r15d

	movq	%rsp, %rdi		/* arg 1: struct pt_regs * */
	movslq	%eax, %rsi		/* arg 2: nr = low 32 bits of RAX, as a signed int */
	call	do_syscall_64		/* returns with interrupts off */

	/*
	 * sysretq is much cheaper than iretq but restores less: RIP from RCX, RFLAGS from R11,
	 * CS and SS fixed by MSR_STAR, RSP not at all. Use it only when pt_regs (which exit
	 * work, exec or a tracer may have changed) is exactly what sysretq will produce;
	 * otherwise take the iretq path, which restores any frame faithfully. The registers
	 * are restored first, so the checks compare them with the frame left above RSP
	 * (the pops read pt_regs but do not erase it): FRAME(x) is field x of that frame.
	 */
#define FRAME(field) (PTREGS_##field - PTREGS_ORIG_AX)(%rsp)
	POP_REGS			/* RSP now at pt_regs->orig_ax */
	/* sysretq jumps to RCX: the user must get back RCX == RIP, as syscall left it. */
	cmpq	%rcx, FRAME(IP)
	jne	.Lsyscall_iret
	/*
	 * CVE-2012-0217: on Intel CPUs sysretq with a non-canonical RCX raises #GP in ring 0,
	 * after the stack is the user's and GS is the user's — a user-controlled kernel
	 * crash or worse. Only a lower-half RIP (< 2^47) may go through sysretq.
	 */
	cmpq	sysret_rip_limit(%rip), %rcx
	jae	.Lsyscall_iret
	/* sysretq loads RFLAGS from R11: the user must get back R11 == RFLAGS. */
	cmpq	%r11, FRAME(FLAGS)
	jne	.Lsyscall_iret
	/*
	 * RF: sysretq cannot restore it. TF: sysretq would restore it, but the single-step
	 * trap would then hit the first user instruction before it runs, unlike after iretq.
	 */
	testl	$(X86_EFLAGS_RF | X86_EFLAGS_TF), %r11d
	jnz	.Lsyscall_iret
	/* sysretq loads CS and SS from MSR_STAR: only right for a 64-bit user frame. */
	cmpq	$__USER_CS, FRAME(CS)
	jne	.Lsyscall_iret
	cmpq	$__USER_DS, FRAME(SS)
	jne	.Lsyscall_iret

	.globl syscall_return_via_sysret
syscall_return_via_sysret:
	movq	FRAME(SP), %rsp		/* the user stack */
	/*
	 * From here to sysretq: kernel mode on the user's stack. Interrupts are off; an NMI
	 * or #MC runs on its IST stack and checks GS itself.
	 */
	swapgs
	sysretq

.Lsyscall_iret:
	subq	$PTREGS_ORIG_AX, %rsp	/* back to the start of pt_regs, still intact */
	jmp	swapgs_restore_regs_and_return_to_usermode
#undef FRAME
	USER_ENTRY_CFI_END
	.size entry_SYSCALL_64, . - entry_SYSCALL_64

/*
 * The general return to user mode, for any pt_regs: iretq restores RIP, CS, RFLAGS, RSP and
 * SS exactly as saved. Interrupts must be off (the exit work left them off).
 */
	.globl swapgs_restore_regs_and_return_to_usermode
	.type swapgs_restore_regs_and_return_to_usermode, @function
swapgs_restore_regs_and_return_to_usermode:
	POP_REGS
	addq	$8, %rsp		/* skip orig_ax: iretq wants RIP on top */
	swapgs				/* GS: kernel -> user */
	.globl native_irq_return_iret
native_irq_return_iret:
	/*
	 * iretq can fault on a frame user space made bad: a non-canonical RIP (#GP), a bad or
	 * not-present CS/SS (#GP, #NP, #SS). The fault arrives in kernel mode, at this
	 * instruction, with the user's GS; the exception table sends it to bad_iret_fixup
	 * instead of an Oops.
	 */
	iretq
	_ASM_EXTABLE(native_irq_return_iret, bad_iret_fixup)
	.size swapgs_restore_regs_and_return_to_usermode, . - swapgs_restore_regs_and_return_to_usermode

/* The first non-canonical address: RIP must be below it for sysretq (CVE-2012-0217). */
	.section .rodata
	.balign 8
sysret_rip_limit:
	.quad	1 << 47
	.text

/*
 * Reached through the exception table from the #GP/#NP/#SS handler, which returned here
 * with RSP as it was at the iretq: pointing at the iret frame (the user's RIP, CS, RFLAGS,
 * RSP, SS, still intact) and with GS set back to the user's. The rest of the user's
 * pt_regs, below the iret frame, is gone: the fault's own frame was pushed over it (the
 * CPU aligns RSP down and pushes six words, then common_entry saves fifteen registers). But
 * every general register holds the user's value again: POP_REGS had loaded them before the
 * iretq, the fault's entry saved them, and its exit popped them back unchanged. So rebuild
 * pt_regs here from the live registers, in common_entry's order, as if user mode had taken
 * the fault itself (what Linux's fixup_bad_iret does by copying): the SIGSEGV handler then
 * sees the user's registers, never the fault frame's kernel addresses.
 */
bad_iret_fixup:
	swapgs				/* GS: user -> kernel */
	pushq	$-1			/* pt_regs->orig_ax: not a syscall */
	pushq	%rdi			/* pt_regs->di */
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
	xorl	%ebp, %ebp		/* ends frame-pointer stack traces here */
	movq	%rsp, %rdi		/* RSP = the user's struct pt_regs, rebuilt */
	call	do_bad_iret		/* SIGSEGV for the process (traps.c) */
	jmp	swapgs_restore_regs_and_return_to_usermode

/*
 * struct task_struct *__switch_to_asm(unsigned long *prev_sp, unsigned long *next_sp,
 *                                     struct task_struct *prev, struct task_struct *next)
 *
 * The task switch (kernel/sched/core.c context_switch -> switch_to). The System V ABI lets a
 * called function clobber everything but RBX, RBP and R12-R15, so those six are all that
 * must survive: pushed on prev's kernel stack, whose RSP goes into prev->thread.sp; then
 * RSP becomes next->thread.sp and next's six come off its stack. RDX and RCX are not
 * touched, so after the switch they still say who was switched away from: the C half,
 * __switch_to(prev, next), finishes the per-task CPU state and returns prev, which reaches
 * the caller in next's context as "last". A new task's stack (copy_thread) holds six zeros
 * and the address of ret_from_fork_asm, where __switch_to's ret then lands.
 */
	.globl __switch_to_asm
	.type __switch_to_asm, @function
__switch_to_asm:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, (%rdi)		/* prev->thread.sp */
	movq	(%rsi), %rsp		/* next->thread.sp: from here on, next's stack */
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	movq	%rdx, %rdi
	movq	%rcx, %rsi
	jmp	__switch_to		/* returns prev in RAX, to next's caller */
	.size __switch_to_asm, . - __switch_to_asm

/*
 * A new task's first instructions, reached from __switch_to's ret (RAX = the task switched
 * away from). copy_thread left RBX = a kernel thread's function (0 for a user task), R12 = its
 * argument, and RSP = the task's pt_regs, right below which its return slot was. The C half
 * (ret_from_fork) finishes the switch, runs the function if any, and does the exit work;
 * then the task leaves for user mode through the general iretq path, as Linux's does, with
 * the registers in its pt_regs (a forked child: its parent's, RAX = 0).
 */
	.globl ret_from_fork_asm
	.type ret_from_fork_asm, @function
ret_from_fork_asm:
	USER_ENTRY_CFI
	movq	%rsp, %r13		/* pt_regs, callee-saved across the call */
	movq	%rax, %rdi		/* prev */
	movq	%r13, %rsi		/* regs */
	movq	%rbx, %rdx		/* fn */
	movq	%r12, %rcx		/* arg */
	xorl	%ebp, %ebp		/* no frame below this one */
	andq	$-16, %rsp		/* the ABI's alignment for the call */
	call	ret_from_fork
	movq	%r13, %rsp
	jmp	swapgs_restore_regs_and_return_to_usermode
	USER_ENTRY_CFI_END
	.size ret_from_fork_asm, . - ret_from_fork_asm
