/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the arch's vdso-image.S: a built vDSO image inside the kernel, on pages of its own
 * (every process of the ABI maps these same frames), between name_start and name_end.
 */
#ifndef _VDSO_IMAGE_H
#define _VDSO_IMAGE_H

#define VDSO_INCBIN(name, file)		\
	.balign	4096;			\
	.globl	name##_start;		\
name##_start:				\
	.incbin	file;			\
	.globl	name##_end;		\
name##_end:				\
	.balign	4096

#endif
