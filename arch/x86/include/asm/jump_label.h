/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86's static branch (linux/jump_label.h): each site is a 5-byte NOP (0f 1f 44 00 00, the
 * one Intel recommends) that arch_jump_label_transform() (kernel/jump_label.c) rewrites into
 * a 5-byte jmp rel32 (e9 + offset) to the code under the branch, and back. Five bytes, so
 * one site holds a jump to anywhere in the kernel; the NOP is one instruction, the cost of a
 * key that is off.
 *
 * asm goto: the compiler lays out the rare block at l_yes, out of the straight line, and
 * gives the assembler its address for the table; nothing tests a register or memory.
 */
#ifndef _ASM_X86_JUMP_LABEL_H
#define _ASM_X86_JUMP_LABEL_H

#define JUMP_LABEL_NOP_SIZE	5
#define JUMP_LABEL_NOP5		0x0f, 0x1f, 0x44, 0x00, 0x00

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct static_key;

static __always_inline bool arch_static_branch(struct static_key *key)
{
	__asm__ goto("1:	.byte 0x0f, 0x1f, 0x44, 0x00, 0x00\n"
		     "	.pushsection __jump_table, \"a\"\n"
		     "	.balign 8\n"
		     "	.long 1b - ., %l[l_yes] - .\n"
		     "	.quad %c0 - .\n"
		     "	.popsection\n"
		     : : "i"(key) : : l_yes);
	return false;
l_yes:
	return true;
}

#endif /* __ASSEMBLY__ */
#endif
