/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The built vDSOs (vdso/vdso.so for arm64 programs, vdso32/vdso32.so for arm ones), inside
 * the kernel image, each on pages of its own: every process of the ABI maps these same
 * physical pages, read+execute (vdso.c, mm/vdso.c).
 */
#include <vdso/image.h>

	.section .rodata, "a"
	VDSO_INCBIN(vdso_image, VDSO_IMAGE)
	VDSO_INCBIN(vdso32_image, VDSO32_IMAGE)
