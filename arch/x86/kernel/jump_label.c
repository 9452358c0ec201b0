// SPDX-License-Identifier: GPL-2.0
/*
 * x86's half of the static keys (linux/jump_label.h, asm/jump_label.h): a site is the 5-byte
 * NOP or a 5-byte jmp rel32 to the entry's target. Before writing, the site must hold one of
 * the two: anything else means the table and the text disagree, and patching would corrupt
 * an instruction.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/jump_label.h>
#include <linux/text_patching.h>

static const u8 jump_label_nop[JUMP_LABEL_NOP_SIZE] = { JUMP_LABEL_NOP5 };

static void jump_label_jmp(const struct jump_entry *e, u8 *insn)
{
	unsigned long code = jump_entry_code(e);
	s32 rel = (s32)(jump_entry_target(e) - (code + JUMP_LABEL_NOP_SIZE));

	insn[0] = 0xe9;			/* jmp rel32, relative to the next instruction */
	memcpy(&insn[1], &rel, sizeof(rel));
}

void arch_jump_label_transform(const struct jump_entry *e, bool enable)
{
	u8 *code = (u8 *)jump_entry_code(e);
	u8 jmp[JUMP_LABEL_NOP_SIZE];

	jump_label_jmp(e, jmp);
	if (memcmp(code, jump_label_nop, sizeof(jmp)) && memcmp(code, jmp, sizeof(jmp)))
		panic("jump_label: site %px holds neither its NOP nor its jmp", code);
	text_poke_early(code, enable ? jmp : jump_label_nop, sizeof(jmp));
}
