/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arm64's static-branch site (linux/jump_label.h): one nop that arch_jump_label_transform()
 * (kernel/jump_label.c) rewrites into b <label> (a 26-bit word offset: +-128 MiB, far more
 * than the kernel's text) and back; the I-cache is then made to see the new word (clean to
 * the point of unification, invalidate, isb: text_patch.c).
 */
#ifndef _ASM_ARM64_JUMP_LABEL_H
#define _ASM_ARM64_JUMP_LABEL_H

#define JUMP_LABEL_NOP_SIZE	4
#define JUMP_LABEL_NOP_ASM	"nop"

#endif
