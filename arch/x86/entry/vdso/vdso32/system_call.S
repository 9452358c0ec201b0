/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __kernel_vsyscall: the i386 fast system call, in the 32-bit vDSO (user code, built with
 * -m32). A 32-bit program finds it through AT_SYSINFO and calls it instead of int $0x80,
 * with the i386 ABI: EAX = number, EBX ECX EDX ESI EDI EBP = arguments, EAX = result,
 * everything else preserved.
 *
 * The fast instructions keep less than int $0x80 does, so this wrapper keeps it for them:
 *   sysenter: loses EIP and ESP. ESP goes to EBP; the kernel returns to vsyscall_landing
 *             (this file is its only caller, so the kernel knows the address).
 *   syscall:  overwrites ECX with the return EIP. Argument 2 moves to EBP.
 * Either way the caller's EBP (argument 6) is the word at ESP, pushed below.
 *
 * The int $0x80 right before the landing pad is never reached by falling through (both fast
 * instructions return to the landing pad): it is where the kernel sends a fast syscall to be
 * restarted after a signal (arch/x86/kernel/signal.c rewinds EIP by 2, Linux's trick), with
 * every argument register as it was, EBP included.
 *
 * On x86_64 CPUs, sysenter works in compatibility mode only on Intel (and its followers);
 * AMD's only works in legacy mode, and syscall is the fast way there. The image is built
 * with sysenter; at boot the kernel patches the 4-byte entry sequence at vsyscall_enter
 * to the syscall one if the CPU is not Intel's kind (entry/vdso/vma.c). Same length, same
 * landing point: the syscall instruction returns to the instruction after it.
 */
	.text
	.globl __kernel_vsyscall
	.type __kernel_vsyscall, @function
	.balign 16
__kernel_vsyscall:
	pushl	%ecx			/* sysenter: the kernel restores it; syscall: clobbers it */
	pushl	%edx
	pushl	%ebp			/* argument 6, read by the kernel at ESP */
	.globl vsyscall_enter
vsyscall_enter:
	movl	%esp, %ebp		/* 89 e5: sysenter forgets ESP */
	sysenter			/* 0f 34 */
	.globl vsyscall_int80
vsyscall_int80:
	int	$0x80			/* cd 80: only a restarted syscall runs it */
	.globl vsyscall_landing
vsyscall_landing:
	popl	%ebp
	popl	%edx
	popl	%ecx
	ret
	.size __kernel_vsyscall, . - __kernel_vsyscall

/* The syscall variant of the 4 bytes at vsyscall_enter, copied over them at boot on AMD. */
	.globl vsyscall_syscall_seq
vsyscall_syscall_seq:
	movl	%ecx, %ebp		/* 89 cd: syscall overwrites ECX */
	syscall				/* 0f 05 */
	.globl vsyscall_syscall_seq_end
vsyscall_syscall_seq_end:

/*
 * The restorers a 32-bit handler returns through when its sigaction had no SA_RESTORER
 * (arch/x86/kernel/signal_32.c puts their address in the frame's pretcode), as Linux's
 * vDSO has them. The non-rt one drops the signal number the handler's return left on top.
 */
	.globl __kernel_sigreturn
	.type __kernel_sigreturn, @function
	.balign 32
__kernel_sigreturn:
	popl	%eax
	movl	$119, %eax		/* __NR_sigreturn (i386) */
	int	$0x80
	.size __kernel_sigreturn, . - __kernel_sigreturn

	.globl __kernel_rt_sigreturn
	.type __kernel_rt_sigreturn, @function
	.balign 32
__kernel_rt_sigreturn:
	movl	$173, %eax		/* __NR_rt_sigreturn (i386) */
	int	$0x80
	.size __kernel_rt_sigreturn, . - __kernel_rt_sigreturn

	.section .note.GNU-stack, "", @progbits
