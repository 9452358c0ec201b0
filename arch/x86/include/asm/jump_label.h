/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86's static-branch site (linux/jump_label.h): a 5-byte NOP (0f 1f 44 00 00, the one Intel
 * recommends) that arch_jump_label_transform() (kernel/jump_label.c) rewrites into a 5-byte
 * jmp rel32 (e9 + offset) to the code under the branch, and back. Five bytes, so one site
 * holds a jump to anywhere in the kernel; the NOP is one instruction, the cost of a key that
 * is off.
 */
#ifndef _ASM_X86_JUMP_LABEL_H
#define _ASM_X86_JUMP_LABEL_H

#define JUMP_LABEL_NOP_SIZE	5
#define JUMP_LABEL_NOP5		0x0f, 0x1f, 0x44, 0x00, 0x00
#define JUMP_LABEL_NOP_ASM	".byte 0x0f, 0x1f, 0x44, 0x00, 0x00"

#endif
