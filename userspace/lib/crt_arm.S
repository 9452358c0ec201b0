/*
 * arm (AArch32 EABI) start code. Linux enters at _start with sp -> argc, argv..., envp...,
 * auxv, and every other register zero (r0 = 0: no exit function from a dynamic linker).
 * The entry is Thumb when the ELF's e_entry has bit 0 set: this file is assembled in the
 * same instruction set as the C code (-marm or -mthumb), and .type makes the linker mark it.
 */
	.syntax unified
#if defined(__thumb__)
	.thumb
#else
	.arm
#endif
	.text
	.globl	_start
	.type	_start, %function
_start:
	mov	r0, #0
	mov	fp, r0			/* outermost frame (r11; Thumb code uses r7) */
	mov	r7, r0
	mov	lr, r0
	mov	r0, sp			/* __start_c(initial stack pointer) */
	bl	__start_c
	udf	#0			/* not reached */

/*
 * libgcc's 32- and 64-bit division helpers report a zero divisor by calling these (the
 * EABI run-time lets a program supply them); libgcc's own versions call raise(), which a
 * program without libc does not have. Return 0 as the quotient.
 */
	.globl	__aeabi_idiv0
	.type	__aeabi_idiv0, %function
__aeabi_idiv0:
	.globl	__aeabi_ldiv0
	.type	__aeabi_ldiv0, %function
__aeabi_ldiv0:
	mov	r0, #0
	mov	r1, #0
	bx	lr
	.section .note.GNU-stack, "", %progbits
