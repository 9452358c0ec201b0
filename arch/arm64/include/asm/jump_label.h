/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64's static branch (linux/jump_label.h): each site is one nop that
 * arch_jump_label_transform() (kernel/jump_label.c) rewrites into b <label> (a 26-bit
 * word offset: +-128 MiB, far more than the kernel's text) and back; the I-cache is then
 * made to see the new word (clean to the point of unification, invalidate, isb).
 *
 * asm goto: the compiler lays out the rare block at l_yes, out of the straight line, and
 * gives the assembler its address for the table; nothing tests a register or memory.
 */
#ifndef _ASM_ARM64_JUMP_LABEL_H
#define _ASM_ARM64_JUMP_LABEL_H

#define JUMP_LABEL_NOP_SIZE	4

#ifndef __ASSEMBLY__

#include <linux/types.h>

struct static_key;

static __always_inline bool arch_static_branch(struct static_key *key)
{
	__asm__ goto("1:	nop\n"
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
