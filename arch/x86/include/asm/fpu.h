/*
 * The user's x87, SSE and AVX registers of each task (arch/x86/kernel/fpu.c).
 *
 * The kernel is built without x87/MMX/SSE/AVX (-mno-80387 -mno-sse -mno-avx ...), so while a
 * task runs, in user mode or in the kernel, its FP/SIMD state simply stays in the CPU: no
 * entry, interrupt or syscall touches it. Only a task switch has to save it (XSAVE, or
 * FXSAVE on a CPU without XSAVE) into the task that leaves and load it (XRSTOR / FXRSTOR)
 * from the task that arrives. So thread.fpu holds a task's state exactly while the task is
 * not on a CPU; for the running task the registers are the truth.
 *
 * The area is the hardware's save format (SDM vol. 1, 10.5 and 13.4), standard (not
 * compacted) form: the 512-byte legacy region FXSAVE writes, then, with XSAVE, the 64-byte
 * header and each enabled component at the offset CPUID leaf 0xD gives (AVX: YMM upper
 * halves). XCR0 enables x87, SSE and AVX when the CPU has them, which together fit
 * FPU_STATE_SIZE; fpu_init_cpu() checks CPUID's size against it.
 */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

#include <linux/types.h>
#include <linux/compiler.h>

/* XCR0 and XSTATE_BV bits: the state components (SDM vol. 1, 13.1). */
#define XFEATURE_MASK_FP	(1ULL << 0)	/* x87: FCW, FSW, FTW, ST0-ST7 */
#define XFEATURE_MASK_SSE	(1ULL << 1)	/* XMM0-XMM15 and MXCSR */
#define XFEATURE_MASK_YMM	(1ULL << 2)	/* AVX: bits 255:128 of YMM0-YMM15 */

/* Reset values: FNINIT's control word (all x87 exceptions masked, 64-bit precision, round
 * to nearest) and MXCSR's power-up value (all SSE exceptions masked, round to nearest). */
#define FPU_DEFAULT_FCW		0x037f
#define FPU_DEFAULT_MXCSR	0x1f80

/* The legacy region: FXSAVE's 512 bytes, the first 512 of XSAVE's area (64-bit format). */
struct fxregs_state {
	u16 fcw;		/* x87 control word */
	u16 fsw;		/* x87 status word */
	u8 ftw;			/* abridged tag word: bit n set = ST(n) in use */
	u8 reserved0;
	u16 fop;		/* last x87 opcode */
	u64 fip;		/* last x87 instruction pointer */
	u64 fdp;		/* last x87 data pointer */
	u32 mxcsr;
	u32 mxcsr_mask;		/* which MXCSR bits the CPU implements (0: 0xffbf) */
	u8 st[8][16];		/* ST0-ST7 / MM0-MM7, 10 bytes each, padded to 16 */
	u8 xmm[16][16];		/* XMM0-XMM15 (a 32-bit task uses XMM0-XMM7) */
	u8 reserved1[48];
	u8 available[48];	/* ignored by the hardware */
};

/* The XSAVE header at byte 512 (standard form: XCOMP_BV and the rest must be zero). */
struct xstate_header {
	u64 xstate_bv;		/* components not in their initial state */
	u64 xcomp_bv;
	u64 reserved[6];
};

#define FPU_LEGACY_SIZE		512
#define FPU_YMM_OFFSET		576	/* the AVX component in the standard form */
#define FPU_STATE_SIZE		(FPU_YMM_OFFSET + 16 * 16)	/* 832: x87 + SSE + AVX */

/* A task's saved state. 64-byte alignment is XSAVE's rule (FXSAVE needs 16). */
struct fpu {
	union {
		struct {
			struct fxregs_state fx;
			struct xstate_header header;
		};
		u8 bytes[FPU_STATE_SIZE];
	} state __aligned(64);
};

struct task_struct;

/*
 * The interface the task switch, fork and exec use (docs/arch-interface.md):
 *   fpu_switch(prev, next)  __switch_to, interrupts off: save prev's registers, load next's
 *   fpu_clone(dst, src)     copy_thread: dst starts with src's current registers (src is
 *                           current, its live registers are saved first)
 *   fpu_init_task(t)        a fresh state for a task that has never run (init, kernel threads)
 *   fpu_flush_user_state()  exec (start_thread): the running task's registers to the
 *                           defaults, everything zero but FCW and MXCSR
 */
void fpu_switch(struct task_struct *prev, struct task_struct *next);
void fpu_clone(struct task_struct *dst, struct task_struct *src);
void fpu_init_task(struct task_struct *t);
void fpu_flush_user_state(void);

/*
 * Signal frames (arch/x86/kernel/fpu_signal.c): the running task's live registers saved into
 * a buffer, and loaded from one (which must be well formed: fpu_signal.c checks what came
 * from user space first).
 */
void fpu_save_live(struct fpu *dst);
void fpu_load_live(const struct fpu *src);

/* Boot: enable x87/SSE (and XSAVE with AVX where there is one) on this CPU. */
void fpu_init_cpu(void);

/* What fpu_init_cpu() chose: the XCR0 bits in use (0: FXSAVE), and the bytes saved. */
extern u64 fpu_xfeatures;
extern unsigned int fpu_state_size;

#endif
