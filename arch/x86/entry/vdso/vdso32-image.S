/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The built 32-bit vDSO (vdso32.so), inside the kernel image. It sits on pages of its own in
 * .data: the kernel patches its entry sequence once at boot (vma.c), and every 32-bit process
 * maps these same physical pages, read+execute.
 */
	.section .data..vdso32, "aw"
	.balign 4096
	.globl vdso32_image_start
vdso32_image_start:
	.incbin VDSO32_IMAGE
	.globl vdso32_image_end
vdso32_image_end:
	.balign 4096

	.section .note.GNU-stack, "", @progbits
