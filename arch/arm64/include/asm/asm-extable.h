/*
 * Emitting exception-table entries: "if the instruction at insn faults, resume at fixup".
 * The entry layout is generic (linux/extable.h): two 32-bit offsets, each relative to its own
 * field, so the table needs no relocation wherever the image is loaded.
 */
#ifndef _ASM_ARM64_ASM_EXTABLE_H
#define _ASM_ARM64_ASM_EXTABLE_H

#ifdef __ASSEMBLY__

	.macro	_asm_extable, insn, fixup
	.pushsection	__ex_table, "a"
	.balign	4
	.long	(\insn - .)
	.long	(\fixup - .)
	.popsection
	.endm

#else

#define _ASM_EXTABLE(insn, fixup)			\
	"	.pushsection	__ex_table, \"a\"\n"	\
	"	.balign	4\n"				\
	"	.long	(" #insn " - .)\n"		\
	"	.long	(" #fixup " - .)\n"		\
	"	.popsection\n"

#endif
#endif
