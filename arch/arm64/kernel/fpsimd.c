// SPDX-License-Identifier: GPL-2.0
/*
 * The user's FP/SIMD registers per task (asm/fpsimd.h says why saving them at the task
 * switch is enough): the three operations the switch and fork use; entry-fpsimd.S moves the
 * registers and holds exec's reset (fpsimd_flush_user_state).
 *
 * Switching is eager: every switch saves the leaving task's V0-V31, FPSR and FPCR and loads
 * the arriving one's (528 bytes each way). Lazy switching would trap the first FP
 * instruction after a switch (CPACR_EL1.FPEN) and pays off only when most tasks never use
 * FP/SIMD, which is not true of programs whose C library copies memory with it.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/irqflags.h>
#include <asm/fpsimd.h>

/* Called with interrupts off by __switch_to; prev's registers are the CPU's. */
void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	fpsimd_save_state(&prev->thread.fpsimd_state);
	fpsimd_load_state(&next->thread.fpsimd_state);
}

void fpu_clone(struct task_struct *dst, struct task_struct *src)
{
	fpsimd_save_state(&src->thread.fpsimd_state);	/* src is current: registers live */
	memcpy(&dst->thread.fpsimd_state, &src->thread.fpsimd_state,
	       sizeof(dst->thread.fpsimd_state));
}

/* All zero: V0-V31 = 0, FPCR = 0 (round to nearest, no traps), FPSR = 0. */
void fpu_init_task(struct task_struct *t)
{
	memset(&t->thread.fpsimd_state, 0, sizeof(t->thread.fpsimd_state));
}

/* Signal frames: current's V0-V31, FPSR, FPCR as they are now (the CPU holds them). */
struct user_fpsimd_state *fpsimd_preserve_current_state(void)
{
	struct user_fpsimd_state *st = &current->thread.fpsimd_state;

	fpsimd_save_state(st);
	return st;
}

/*
 * sigreturn: st becomes current's registers. With interrupts off, so a task switch cannot
 * save the CPU's half-loaded registers over thread.fpsimd_state between the two steps.
 */
void fpsimd_update_current_state(const struct user_fpsimd_state *st)
{
	unsigned long flags;

	local_irq_save(flags);
	if (st != &current->thread.fpsimd_state)
		memcpy(&current->thread.fpsimd_state, st, sizeof(*st));
	fpsimd_load_state(&current->thread.fpsimd_state);
	local_irq_restore(flags);
}
