/*
 * The user's FP/SIMD registers of each task (arch/arm64/kernel/fpsimd.c and entry-fpsimd.S):
 * V0-V31, FPSR and FPCR. AArch32 tasks use the same registers: Q0-Q15 are V0-V15 (D2n
 * and D2n+1 the low and high halves of Vn) and FPSCR's fields live in FPSR and FPCR, so
 * one format and one path serve both kinds of task.
 *
 * The kernel is built -mgeneral-regs-only, so while a task runs, in user mode or in the
 * kernel, its FP/SIMD registers simply stay in the CPU: no exception entry, interrupt or
 * syscall touches them. Only a task switch has to save them into the task that leaves and
 * load them from the task that arrives. So thread.fpsimd_state holds a task's registers
 * exactly while the task is not on a CPU; for the running task the CPU is the truth.
 * SVE and SME stay trapped (CPACR_EL1.ZEN/SMEN), so no wider state exists to save.
 */
#ifndef _ASM_ARM64_FPSIMD_H
#define _ASM_ARM64_FPSIMD_H

#include <linux/types.h>

/* The layout of Linux's struct user_fpsimd_state (ptrace and signal frames use it). */
struct user_fpsimd_state {
	__uint128_t vregs[32];		/* V0-V31 */
	u32 fpsr;			/* cumulative exception flags, saturation (QC) */
	u32 fpcr;			/* rounding mode, flush-to-zero, default NaN, traps */
	u32 __reserved[2];
};

struct task_struct;

/*
 * The interface the task switch, fork and exec use (docs/arch-interface.md):
 *   fpu_switch(prev, next)  __switch_to, interrupts off: save prev's registers, load next's
 *   fpu_clone(dst, src)     copy_thread: dst starts with src's current registers (src is
 *                           current, its live registers are saved first)
 *   fpu_init_task(t)        a fresh state for a task that has never run (init, kernel threads)
 *   fpsimd_flush_user_state()  exec (start_thread): the running task's V0-V31, FPSR and
 *                           FPCR to zero
 */
void fpu_switch(struct task_struct *prev, struct task_struct *next);
void fpu_clone(struct task_struct *dst, struct task_struct *src);
void fpu_init_task(struct task_struct *t);
void fpsimd_flush_user_state(void);

/*
 * Signal frames (kernel/signal.c, signal32.c): the running task's registers saved into its
 * thread.fpsimd_state (returned), and a state sigreturn read made its registers.
 */
struct user_fpsimd_state *fpsimd_preserve_current_state(void);
void fpsimd_update_current_state(const struct user_fpsimd_state *st);

/* entry-fpsimd.S: the CPU's registers to and from memory (16-byte aligned). */
void fpsimd_save_state(struct user_fpsimd_state *state);
/* Signal frames: the live registers into / out of a frame's fpsimd_context (16-aligned). */
struct fpsimd_context;
void fpsimd_save_sigctx(struct fpsimd_context *ctx);
void fpsimd_load_sigctx(const struct fpsimd_context *ctx);
void fpsimd_load_state(const struct user_fpsimd_state *state);

#endif
