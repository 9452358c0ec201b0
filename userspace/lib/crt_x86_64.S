/* x86_64 start code: the kernel enters at _start with rsp -> argc, argv..., envp..., auxv. */
	.text
	.globl _start
_start:
	xor	%ebp, %ebp		/* outermost frame: backtraces stop here */
	mov	%rsp, %rdi		/* __start_c(initial stack pointer) */
	and	$-16, %rsp		/* the C ABI wants 16-byte alignment at the call */
	call	__start_c
	hlt				/* not reached: __start_c exits */
	.section .note.GNU-stack, "", @progbits
