/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kuser helpers page for AArch32 tasks (Linux's CONFIG_KUSER_HELPERS): one read-only,
 * executable page that exec maps at 0xffff0000 (AARCH32_VECTORS_BASE, asm/elf.h). Old ARM
 * code (ARMv5/v6 libraries, libgcc's __sync_* for those targets) calls fixed addresses in it
 * instead of instructions its CPU might lack. Debian's armhf (ARMv7) glibc and busybox use
 * ldrex/strex, dmb and "mrc p15, 0, rN, c13, c0, 3" directly and never call it; Linux maps it
 * anyway (Debian's kernels have the option on), and so do we, so the same programs run.
 *
 * Linux's user ABI for the page (its Documentation/arm/kernel_user_helpers.rst), from the top:
 *   0xffff0ffc  __kuser_helper_version  word: how many 32-byte helper slots sit below 0x1000
 *   0xffff0fe0  __kuser_get_tls         r0 = TPIDRURO (what set_tls wrote)
 *   0xffff0fc0  __kuser_cmpxchg         r0 old, r1 new, r2 ptr: if *ptr == old, *ptr = new;
 *                                       r0 = 0 and C set if stored, else r0 != 0, C clear;
 *                                       clobbers r3, flags; a full barrier
 *   0xffff0fa0  __kuser_memory_barrier  dmb ish
 *   0xffff0f60  __kuser_cmpxchg64       r0 -> old, r1 -> new, r2 -> ptr (64-bit values);
 *                                       result as __kuser_cmpxchg; clobbers r3, flags
 * Callers branch with "blx" from either state (bit 0 of the address is 0: ARM state) and the
 * helpers return with "bx lr".
 *
 * The code is A32, which the AArch64 assembler cannot assemble: each instruction is its
 * encoding (.inst, little-endian words), with the instruction it encodes beside it. The
 * acquire/release exclusives (ldaex/stlex, ARMv8 AArch32) make each compare-and-swap a
 * full barrier without a separate dmb.
 */
	.section .rodata, "a"
	.balign	4096
	.globl	kuser_page
kuser_page:
	.org	kuser_page + 0xf60
__kuser_cmpxchg64:				/* 0xffff0f60 */
	.inst	0xe92d03f0	/*	push	{r4-r9}			*/
	.inst	0xe1c040d0	/*	ldrd	r4, r5, [r0]	old	*/
	.inst	0xe1c160d0	/*	ldrd	r6, r7, [r1]	new	*/
	.inst	0xe1b28e9f	/* 1:	ldaexd	r8, r9, [r2]		*/
	.inst	0xe0383004	/*	eors	r3, r8, r4		*/
	.inst	0x00393005	/*	eorseq	r3, r9, r5		*/
	.inst	0x01a23e96	/*	stlexdeq r3, r6, r7, [r2]	r3 = 0: stored */
	.inst	0x03330001	/*	teqeq	r3, #1		lost the monitor? */
	.inst	0x0afffff9	/*	beq	1b		then try again */
	.inst	0xe2730000	/*	rsbs	r0, r3, #0	r0 = 0 and C iff r3 = 0 */
	.inst	0xe8bd03f0	/*	pop	{r4-r9}			*/
	.inst	0xe12fff1e	/*	bx	lr			*/

	.org	kuser_page + 0xfa0
__kuser_memory_barrier:				/* 0xffff0fa0 */
	.inst	0xf57ff05b	/*	dmb	ish			*/
	.inst	0xe12fff1e	/*	bx	lr			*/

	.org	kuser_page + 0xfc0
__kuser_cmpxchg:				/* 0xffff0fc0 */
	.inst	0xe1923e9f	/* 1:	ldaex	r3, [r2]		*/
	.inst	0xe0333000	/*	eors	r3, r3, r0		*/
	.inst	0x01823e91	/*	stlexeq	r3, r1, [r2]	r3 = 0: stored */
	.inst	0x03330001	/*	teqeq	r3, #1		lost the monitor? */
	.inst	0x0afffffa	/*	beq	1b		then try again */
	.inst	0xe2730000	/*	rsbs	r0, r3, #0	r0 = 0 and C iff r3 = 0 */
	.inst	0xe12fff1e	/*	bx	lr			*/

	.org	kuser_page + 0xfe0
__kuser_get_tls:				/* 0xffff0fe0 */
	.inst	0xee1d0f70	/*	mrc	p15, 0, r0, c13, c0, 3	TPIDRURO */
	.inst	0xe12fff1e	/*	bx	lr			*/

	.org	kuser_page + 0xffc
__kuser_helper_version:				/* 0xffff0ffc */
	.word	(0x1000 - 0xf60) / 32		/* 5 slots: every helper above */
	.balign	4096

/*
 * [sigpage]: the sigreturn code of AArch32 signal handlers installed without SA_RESTORER
 * (signal32.c, compat_setup_return: the handler's lr is one of these, + 1 for Thumb), on a
 * page of its own that vdso.c maps below the vDSO, as Linux 6.1's arm64 kernel does (32-bit
 * arm Linux before 3.11 kept the same words in the vectors page at 0xffff0500). Numbers:
 * sigreturn 119 (0x77), rt_sigreturn 173 (0xad), in r7 and in the svc's comment field as
 * Linux's.
 */
	.balign	4096
	.globl	aarch32_sigpage
aarch32_sigpage:
	.inst	0xe3a07077	/* [0] A32:	mov	r7, #119		*/
	.inst	0xef000077	/* [1]		svc	#119			*/
	.inst	0xdf772777	/* [2] T32:	movs	r7, #119; svc #119	*/
	.inst	0xe3a070ad	/* [3] A32:	mov	r7, #173		*/
	.inst	0xef0000ad	/* [4]		svc	#173			*/
	.inst	0xdfad27ad	/* [5] T32:	movs	r7, #173; svc #173	*/
	.balign	4096
