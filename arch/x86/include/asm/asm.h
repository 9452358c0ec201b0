/*
 * Helpers for inline and stand-alone assembly. _ASM_EXTABLE(insn, fixup) records that a
 * fault at insn resumes at fixup (see linux/extable.h: 32-bit offsets relative to the entry).
 */
#ifndef _ASM_X86_ASM_H
#define _ASM_X86_ASM_H

#ifdef __ASSEMBLY__
#define _ASM_EXTABLE(insn, fixup)				\
	.pushsection __ex_table, "a" ;				\
	.balign 4 ;						\
	.long (insn) - . ;					\
	.long (fixup) - . ;					\
	.popsection
#else
#define _ASM_EXTABLE(insn, fixup)				\
	" .pushsection __ex_table, \"a\"\n"			\
	" .balign 4\n"						\
	" .long (" #insn ") - .\n"				\
	" .long (" #fixup ") - .\n"				\
	" .popsection\n"
#endif

#endif
