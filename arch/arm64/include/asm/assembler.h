/* Assembler macros shared by head.S and entry.S. */
#ifndef _ASM_ARM64_ASSEMBLER_H
#define _ASM_ARM64_ASSEMBLER_H

#ifndef __ASSEMBLY__
#error "assembler.h is for .S files only"
#endif

/* Load a 64-bit constant in four 16-bit pieces (no literal pool, no relocation). */
	.macro	mov_q, reg, val
	movz	\reg, :abs_g3:\val
	movk	\reg, :abs_g2_nc:\val
	movk	\reg, :abs_g1_nc:\val
	movk	\reg, :abs_g0_nc:\val
	.endm

/*
 * The address of sym, PC-relative (+/- 4 GiB): right both before the MMU is on, when it
 * yields the physical address, and after, when it yields the virtual one.
 */
	.macro	adr_l, dst, sym
	adrp	\dst, \sym
	add	\dst, \dst, :lo12:\sym
	.endm

#define ENTRY(name)	.globl name; .type name, %function; name:
#define END(name)	.size name, . - name
#define SYM_DATA(name)	.globl name; .type name, %object; name:

#endif
