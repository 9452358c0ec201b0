/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __kernel_rt_sigreturn: where a handler installed without SA_RESTORER returns (signal.c puts
 * its address, found from the generated asm/vdso-offsets.h, in x30). glibc for aarch64 never
 * passes SA_RESTORER, so every handler returns here. Unwinders (libgcc's aarch64
 * linux-unwind.h, gdb) recognise a signal frame by exactly these two instruction words at
 * the return address; the nop before them lets one that looks at "return address - 4" stay
 * inside the function, as Linux's vDSO arranges.
 */
#include <asm/unistd_64.h>

	.text
	nop
	.globl	__kernel_rt_sigreturn
	.type	__kernel_rt_sigreturn, %function
__kernel_rt_sigreturn:
	mov	x8, #__NR_rt_sigreturn
	svc	#0
	.size	__kernel_rt_sigreturn, . - __kernel_rt_sigreturn

	.section .note.GNU-stack, "", %progbits
