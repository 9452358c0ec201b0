/* i386 start code: the kernel enters at _start with esp -> argc, argv..., envp..., auxv. */
	.text
	.globl _start
_start:
	xor	%ebp, %ebp
	mov	%esp, %eax
	and	$-16, %esp		/* align, then push one argument: 16-byte aligned call */
	sub	$12, %esp
	push	%eax			/* __start_c(initial stack pointer) */
	call	__start_c
	hlt
	.section .note.GNU-stack, "", @progbits
