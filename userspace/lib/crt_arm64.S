/* arm64 start code: the kernel enters at _start with sp -> argc, argv..., envp..., auxv. */
	.text
	.globl _start
_start:
	mov	x29, #0			/* outermost frame */
	mov	x30, #0
	mov	x0, sp			/* __start_c(initial stack pointer) */
	bl	__start_c
	brk	#0			/* not reached */
	.section .note.GNU-stack, "", @progbits
