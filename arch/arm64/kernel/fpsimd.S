/*
 * FP/SIMD state of user space. The kernel is built -mgeneral-regs-only and never uses
 * v0-v31, FPCR or FPSR, so they hold user values untouched across every syscall and
 * interrupt (no save/restore on entry). Saving them when tasks switch comes with the issue
 * that brings a second task. What exec needs is here: a new program must not inherit the
 * old one's (or the boot loader's) vector registers and FP control settings.
 */
#include <asm/assembler.h>

	.text
/* void fpsimd_flush_user_state(void): v0-v31 = 0, FPCR = 0 (round to nearest, no traps),
 * FPSR = 0 (no cumulative exception flags). */
ENTRY(fpsimd_flush_user_state)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	msr	fpcr, xzr
	msr	fpsr, xzr
	ret
END(fpsimd_flush_user_state)
