/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The built vDSOs (vdso32.so, vdso64.so), inside the kernel image, each on pages of its own.
 * The 32-bit one sits in .data: the kernel patches its entry sequence once at boot (vma.c).
 * Every process of the ABI maps these same physical pages, read+execute (mm/vdso.c).
 */
#include <vdso/image.h>

	.section .data..vdso32, "aw"
	VDSO_INCBIN(vdso32_image, VDSO32_IMAGE)

	.section .rodata..vdso64, "a"
	VDSO_INCBIN(vdso64_image, VDSO64_IMAGE)

	.section .note.GNU-stack, "", @progbits
