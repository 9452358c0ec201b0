/*
 * FP/SIMD registers of user space to and from memory (asm/fpsimd.h says why the task switch
 * is the only place they need saving), and the clean state exec starts a program with. The
 * kernel is built -mgeneral-regs-only and never uses v0-v31, FPCR or FPSR, so they hold user
 * values untouched across every syscall and interrupt (no save/restore on entry).
 */
#include <asm/assembler.h>

/* Offsets in struct user_fpsimd_state (asm/fpsimd.h). */
#define FPSIMD_FPSR	(32 * 16)
#define FPSIMD_FPCR	(32 * 16 + 4)

	.text
/* void fpsimd_save_state(struct user_fpsimd_state *x0): V0-V31, then FPSR and FPCR. */
ENTRY(fpsimd_save_state)
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mrs	x8, fpsr
	str	w8, [x0, #FPSIMD_FPSR]
	mrs	x8, fpcr
	str	w8, [x0, #FPSIMD_FPCR]
	ret
END(fpsimd_save_state)

/*
 * void fpsimd_load_state(const struct user_fpsimd_state *x0). FPCR is written only when it
 * changes: a write may be self-synchronising (slow) on some cores, and most tasks keep the
 * default.
 */
ENTRY(fpsimd_load_state)
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q8, q9, [x0, #128]
	ldp	q10, q11, [x0, #160]
	ldp	q12, q13, [x0, #192]
	ldp	q14, q15, [x0, #224]
	ldp	q16, q17, [x0, #256]
	ldp	q18, q19, [x0, #288]
	ldp	q20, q21, [x0, #320]
	ldp	q22, q23, [x0, #352]
	ldp	q24, q25, [x0, #384]
	ldp	q26, q27, [x0, #416]
	ldp	q28, q29, [x0, #448]
	ldp	q30, q31, [x0, #480]
	ldr	w8, [x0, #FPSIMD_FPSR]
	msr	fpsr, x8
	ldr	w8, [x0, #FPSIMD_FPCR]
	mrs	x9, fpcr
	cmp	x8, x9
	b.eq	1f
	msr	fpcr, x8
1:	ret
END(fpsimd_load_state)

/* void fpsimd_flush_user_state(void): v0-v31 = 0, FPCR = 0 (round to nearest, no traps),
 * FPSR = 0 (no cumulative exception flags). exec calls it from start_thread. */
ENTRY(fpsimd_flush_user_state)
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	msr	fpcr, xzr
	msr	fpsr, xzr
	ret
END(fpsimd_flush_user_state)

/*
 * Signal frames: the live registers straight into and out of a struct fpsimd_context
 * (asm/sigcontext.h: the 8-byte record header, FPSR, FPCR, then V0-V31 at offset 16), so
 * the frame code needs no copy through thread.fpsimd_state. x0 is 16-byte aligned.
 *   void fpsimd_save_sigctx(struct fpsimd_context *x0)
 *   void fpsimd_load_sigctx(const struct fpsimd_context *x0)
 */
#define SIGCTX_FPSR	8
#define SIGCTX_FPCR	12
#define SIGCTX_VREGS	16

ENTRY(fpsimd_save_sigctx)
	stp	q0, q1, [x0, #SIGCTX_VREGS + 0]
	stp	q2, q3, [x0, #SIGCTX_VREGS + 32]
	stp	q4, q5, [x0, #SIGCTX_VREGS + 64]
	stp	q6, q7, [x0, #SIGCTX_VREGS + 96]
	stp	q8, q9, [x0, #SIGCTX_VREGS + 128]
	stp	q10, q11, [x0, #SIGCTX_VREGS + 160]
	stp	q12, q13, [x0, #SIGCTX_VREGS + 192]
	stp	q14, q15, [x0, #SIGCTX_VREGS + 224]
	stp	q16, q17, [x0, #SIGCTX_VREGS + 256]
	stp	q18, q19, [x0, #SIGCTX_VREGS + 288]
	stp	q20, q21, [x0, #SIGCTX_VREGS + 320]
	stp	q22, q23, [x0, #SIGCTX_VREGS + 352]
	stp	q24, q25, [x0, #SIGCTX_VREGS + 384]
	stp	q26, q27, [x0, #SIGCTX_VREGS + 416]
	stp	q28, q29, [x0, #SIGCTX_VREGS + 448]
	stp	q30, q31, [x0, #SIGCTX_VREGS + 480]
	mrs	x8, fpsr
	str	w8, [x0, #SIGCTX_FPSR]
	mrs	x8, fpcr
	str	w8, [x0, #SIGCTX_FPCR]
	ret
END(fpsimd_save_sigctx)

ENTRY(fpsimd_load_sigctx)
	ldp	q0, q1, [x0, #SIGCTX_VREGS + 0]
	ldp	q2, q3, [x0, #SIGCTX_VREGS + 32]
	ldp	q4, q5, [x0, #SIGCTX_VREGS + 64]
	ldp	q6, q7, [x0, #SIGCTX_VREGS + 96]
	ldp	q8, q9, [x0, #SIGCTX_VREGS + 128]
	ldp	q10, q11, [x0, #SIGCTX_VREGS + 160]
	ldp	q12, q13, [x0, #SIGCTX_VREGS + 192]
	ldp	q14, q15, [x0, #SIGCTX_VREGS + 224]
	ldp	q16, q17, [x0, #SIGCTX_VREGS + 256]
	ldp	q18, q19, [x0, #SIGCTX_VREGS + 288]
	ldp	q20, q21, [x0, #SIGCTX_VREGS + 320]
	ldp	q22, q23, [x0, #SIGCTX_VREGS + 352]
	ldp	q24, q25, [x0, #SIGCTX_VREGS + 384]
	ldp	q26, q27, [x0, #SIGCTX_VREGS + 416]
	ldp	q28, q29, [x0, #SIGCTX_VREGS + 448]
	ldp	q30, q31, [x0, #SIGCTX_VREGS + 480]
	ldr	w8, [x0, #SIGCTX_FPSR]
	msr	fpsr, x8
	ldr	w8, [x0, #SIGCTX_FPCR]
	mrs	x9, fpcr
	cmp	x8, x9
	b.eq	1f
	msr	fpcr, x8
1:	ret
END(fpsimd_load_sigctx)
