/* SPDX-License-Identifier: GPL-2.0 */
/*
 * call_on_stack(stack_top, fn): run fn() on another stack and come back. Used by the
 * stack-overflow crash test (a guarded vmalloc stack), later to start the first task.
 */
	.text
	.globl call_on_stack
	.type call_on_stack, @function
call_on_stack:
	pushq	%rbp			/* a normal frame, so traces from fn reach our caller */
	movq	%rsp, %rbp		/* RBP also remembers the old stack */
	movq	%rdi, %rsp		/* switch to the new stack */
	andq	$-16, %rsp		/* the ABI wants RSP 16-byte aligned at a call */
	call	*%rsi
	movq	%rbp, %rsp		/* back to the caller's stack */
	popq	%rbp
	ret
	.size call_on_stack, . - call_on_stack
