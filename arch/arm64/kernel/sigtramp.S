/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sigreturn trampoline of arm64 processes: one read-only, executable page that exec maps
 * into every AArch64 process (process.c, shown as [vdso] in /proc/PID/maps) and that a
 * handler installed without SA_RESTORER returns to (signal.c puts its address in x30). glibc
 * for aarch64 never passes SA_RESTORER: on Linux this is the vDSO's __kernel_rt_sigreturn,
 * the same two instructions after the same nop. Unwinders (libgcc's aarch64 linux-unwind.h,
 * gdb) recognise a signal frame by exactly these two instruction words at the return
 * address; the nop lets one that looks at "return address - 4" stay on the page.
 *
 * No ELF vDSO is built, so exec passes no AT_SYSINFO_EHDR: nothing else is on the page.
 */
#include <asm/assembler.h>

#define NR_rt_sigreturn	139		/* scripts/syscall.tbl */

	.section .rodata, "a"
	.balign	4096
	.globl	sigtramp_page
sigtramp_page:
	nop				/* for unwinders, as Linux's vDSO */
__kernel_rt_sigreturn:			/* sigtramp_page + SIGTRAMP_OFFSET */
	mov	x8, #NR_rt_sigreturn
	svc	#0
	.balign	4096
