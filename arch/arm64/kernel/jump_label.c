// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's half of the static keys (linux/jump_label.h, asm/jump_label.h): a site is nop or
 * b <target> (imm26: a signed word offset, +-128 MiB). Before writing, the site must hold one
 * of the two: anything else means the table and the text disagree.
 */
#include <linux/kernel.h>
#include <linux/jump_label.h>
#include <linux/text_patching.h>

#define AARCH64_NOP	0xd503201fU
#define AARCH64_B	0x14000000U	/* b: imm26 in bits 25..0 */

static u32 jump_label_b(const struct jump_entry *e)
{
	long off = (long)(jump_entry_target(e) - jump_entry_code(e));

	if (off < -(1L << 27) || off >= (1L << 27) || (off & 3))
		panic("jump_label: %#lx -> %#lx is out of a branch's reach",
		      jump_entry_code(e), jump_entry_target(e));
	return AARCH64_B | (((u32)(off >> 2)) & 0x03ffffffU);
}

void arch_jump_label_transform(const struct jump_entry *e, bool enable)
{
	u32 *code = (u32 *)jump_entry_code(e);
	u32 b = jump_label_b(e), insn = enable ? b : AARCH64_NOP;

	if (*code != AARCH64_NOP && *code != b)
		panic("jump_label: site %px holds %08x, neither nop nor its branch", code, *code);
	text_poke_early(code, &insn, sizeof(insn));
}
