// SPDX-License-Identifier: GPL-2.0
/*
 * Signal frames of AArch32 tasks (the arm EABI) and their sigreturn and rt_sigreturn:
 * Linux's arm64 compat frames (asm/signal32.h), built in a kernel buffer and copied out in
 * one piece. signal.c decides which frame a signal gets (SA_SIGINFO: the rt one) and checks
 * the registers afterwards.
 *
 * The handler starts in Thumb state when bit 0 of its address is set, in A32 state when it
 * is clear; the IT state and the flags are cleared and data stays little-endian, as Linux's
 * compat_setup_return. It returns to sa_restorer with SA_RESTORER, else to the sigreturn
 * code on [sigpage] (kuser32.S) for its frame kind and instruction set.
 */
#include <linux/kernel.h>
#include <linux/mmu_context.h>
#include <linux/compat.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/elf.h>
#include <asm/esr.h>
#include <asm/fpsimd.h>
#include <asm/ptrace.h>
#include <asm/signal32.h>
#include "signal_arm64.h"

#define FSR_WRITE_SHIFT		11	/* arm's FSR WnR bit, in the frame's error_code */

/* What a frame holds from its ucontext on: uc_regspace is used up to the VFP block's end. */
#define UC_WRITTEN	(offsetof(struct compat_ucontext, uc_regspace) + \
			 sizeof(struct compat_aux_sigframe))

static inline void __maybe_unused compat_frame_layout_check(void)
{
	BUILD_BUG_ON(sizeof(struct compat_sigcontext) != 84);
	BUILD_BUG_ON(offsetof(struct compat_ucontext, uc_mcontext) != 20);
	BUILD_BUG_ON(offsetof(struct compat_ucontext, uc_sigmask) != 104);
	BUILD_BUG_ON(offsetof(struct compat_ucontext, uc_regspace) != 232);
	BUILD_BUG_ON(VFP_STORAGE_SIZE != 288);
	BUILD_BUG_ON(sizeof(struct compat_sigframe) != 752);
	BUILD_BUG_ON(sizeof(struct compat_rt_sigframe) != 880);
	/* the holes fill_ucontext zeroes word by word */
	BUILD_BUG_ON(offsetof(struct compat_ucontext, __unused) % 8 ||
		     sizeof(((struct compat_ucontext *)0)->__unused) != 120);
	BUILD_BUG_ON(sizeof(struct compat_user_vfp) != offsetof(struct compat_user_vfp, fpscr) + 8);
	BUILD_BUG_ON(VFP_STORAGE_SIZE != offsetof(struct compat_vfp_sigframe, ufp_exc) +
		     sizeof(struct compat_user_vfp_exc) + 4);
}

/* The frame's ucontext (less uc_flags, uc_link, uc_stack) from the task's registers. */
static void fill_ucontext(struct compat_ucontext *uc, struct pt_regs *regs, sigset_t *set)
{
	struct compat_sigcontext *sc = &uc->uc_mcontext;
	struct compat_aux_sigframe *aux = (struct compat_aux_sigframe *)uc->uc_regspace;
	struct user_fpsimd_state *fp;
	compat_ulong_t *r = &sc->arm_r0;

	sc->trap_no = 0;
	sc->error_code = !!(current->thread.fault_code & ESR_ELx_WNR) << FSR_WRITE_SHIFT;
	sc->oldmask = (u32)set->sig[0];
	for (int i = 0; i < 15; i++)		/* r0-r14: fp, ip, sp, lr are r11-r14 */
		r[i] = (u32)regs->regs[i];
	sc->arm_pc = (u32)regs->pc;
	sc->arm_cpsr = pstate_to_compat_psr(regs->pstate);
	sc->fault_address = (u32)current->thread.fault_address;
	uc->uc_sigmask.sig[0] = (u32)set->sig[0];
	uc->uc_sigmask.sig[1] = (u32)(set->sig[0] >> 32);
	zero_words((u64 *)uc->__unused, sizeof(uc->__unused) / 8);

	/* D0-D31 are V0-V15 whole; FPSCR is FPSR's status and FPCR's control bits. */
	fp = fpsimd_preserve_current_state();
	aux->vfp.magic = VFP_MAGIC;
	aux->vfp.size = VFP_STORAGE_SIZE;
	copy_words(aux->vfp.ufp.fpregs, (const u64 *)fp->vregs, 32);
	aux->vfp.ufp.fpscr = (fp->fpsr & VFP_FPSCR_STAT_MASK) | (fp->fpcr & VFP_FPSCR_CTRL_MASK);
	/* the 4 bytes after fpscr and after ufp_exc (alignment) reach the user: zero */
	*(u32 *)((u8 *)&aux->vfp.ufp + offsetof(struct compat_user_vfp, fpscr) + 4) = 0;
	aux->vfp.ufp_exc.fpexc = 1 << 30;	/* EN: what Linux fakes, no exception state */
	aux->vfp.ufp_exc.fpinst = 0;
	aux->vfp.ufp_exc.fpinst2 = 0;
	*(u32 *)((u8 *)&aux->vfp + VFP_STORAGE_SIZE - 4) = 0;
	aux->end_magic = 0;
}

/* Below the interrupted r13 (or the sigaltstack's top), 8-byte aligned as the AAPCS wants. */
static void __user *compat_get_sigframe(struct ksignal *ksig, struct pt_regs *regs,
					size_t size)
{
	unsigned long sp = sigsp((u32)regs->compat_sp, ksig);
	unsigned long frame = (sp - size) & ~7UL;

	return sp >= size && access_ok((void __user *)frame, size) ? (void __user *)frame : NULL;
}

/*
 * Enter the handler: r0 = the signal, r13 = the frame, r14 = where it returns, pc = the
 * handler (Thumb when its bit 0 is set). Returns false when there is nowhere to return to
 * (no sa_restorer and no [sigpage]).
 */
static bool compat_setup_return(struct pt_regs *regs, struct k_sigaction *ka,
				void __user *frame, int usig)
{
	unsigned long handler = (unsigned long)ka->sa.sa_handler;
	unsigned long spsr = regs->pstate & ~(PSR_AA32_FLAGS_MASK | PSR_AA32_E_BIT);
	bool thumb = handler & 1;
	unsigned long retcode;

	if (thumb)
		spsr |= PSR_AA32_T_BIT;
	else
		spsr &= ~PSR_AA32_T_BIT;
	spsr &= ~PSR_AA32_IT_MASK;

	if (ka->sa.sa_flags & SA_RESTORER) {
		retcode = (u32)(unsigned long)ka->sa.sa_restorer;
	} else {
		/* words: 0 A32 sigreturn, 2 Thumb sigreturn, 3 A32 rt, 5 Thumb rt */
		unsigned int idx = (thumb ? 2 : 0) + (ka->sa.sa_flags & SA_SIGINFO ? 3 : 0);

		if (!current->mm->context.sigpage)
			return false;
		retcode = current->mm->context.sigpage + idx * 4 + thumb;
	}
	regs->regs[0] = usig;
	regs->compat_sp = (u32)(unsigned long)frame;
	regs->compat_lr = retcode;
	regs->pc = handler & ~1UL;
	regs->pstate = spsr;
	return true;
}

/* No SA_SIGINFO: the old frame (ucontext at sp, uc_flags Linux's 0x5ac3c35a marker). */
int compat_setup_frame(int usig, struct ksignal *ksig, sigset_t *set, struct pt_regs *regs)
{
	struct compat_sigframe __user *frame = compat_get_sigframe(ksig, regs, sizeof(*frame));
	struct compat_ucontext uc;

	if (!frame)
		return -EFAULT;
	uc.uc_flags = 0x5ac3c35a;
	uc.uc_link = 0;
	uc.uc_stack = (compat_stack_t){ 0 };
	fill_ucontext(&uc, regs, set);
	if (copy_to_user(&frame->uc, &uc, UC_WRITTEN))
		return -EFAULT;
	return compat_setup_return(regs, &ksig->ka, frame, usig) ? 0 : -EFAULT;
}

/* SA_SIGINFO: siginfo at sp, then the frame; r1 = &info, r2 = &uc. */
int compat_setup_rt_frame(int usig, struct ksignal *ksig, sigset_t *set, struct pt_regs *regs)
{
	struct compat_rt_sigframe __user *frame = compat_get_sigframe(ksig, regs, sizeof(*frame));
	struct compat_ucontext uc;

	if (!frame)
		return -EFAULT;
	uc.uc_flags = 0;
	uc.uc_link = 0;
	uc.uc_stack = (compat_stack_t){ 0 };	/* __compat_save_altstack fills the user's */
	fill_ucontext(&uc, regs, set);
	if (copy_to_user(&frame->sig.uc, &uc, UC_WRITTEN) ||
	    __compat_save_altstack(&frame->sig.uc.uc_stack, (u32)regs->compat_sp) ||
	    copy_siginfo_to_user32(&frame->info, &ksig->info))
		return -EFAULT;
	if (!compat_setup_return(regs, &ksig->ka, frame, usig))
		return -EFAULT;
	regs->regs[1] = (u32)(unsigned long)&frame->info;
	regs->regs[2] = (u32)(unsigned long)&frame->sig.uc;
	return 0;
}

/*
 * Back from the handler: the mask, r0-r15 and CPSR from the frame, checked by
 * valid_user_regs (AArch32 User mode, no exception masked), then the VFP block, which must
 * carry VFP_MAGIC and exactly its size (Linux's compat_restore_vfp_context).
 */
static int compat_restore_sigframe(struct pt_regs *regs, struct compat_sigframe __user *sf)
{
	struct compat_ucontext uc;
	struct compat_aux_sigframe *aux = (struct compat_aux_sigframe *)uc.uc_regspace;
	struct user_fpsimd_state st __attribute__((__aligned__(16)));
	compat_ulong_t *r = &uc.uc_mcontext.arm_r0;
	sigset_t set;

	if (copy_from_user(&uc, &sf->uc, UC_WRITTEN))
		return -EFAULT;
	set.sig[0] = uc.uc_sigmask.sig[0] | (u64)uc.uc_sigmask.sig[1] << 32;
	set_current_blocked(&set);
	for (int i = 0; i < 15; i++)
		regs->regs[i] = r[i];
	regs->pc = uc.uc_mcontext.arm_pc;
	regs->pstate = compat_psr_to_pstate(uc.uc_mcontext.arm_cpsr);
	regs->syscallno = NO_SYSCALL;		/* sigreturn itself is never restarted */
	if (!valid_user_regs(regs))
		return -EINVAL;

	if (aux->vfp.magic != VFP_MAGIC || aux->vfp.size != VFP_STORAGE_SIZE)
		return -EINVAL;
	/*
	 * V16-V31 are not AArch32's: they keep what they hold. The live registers are the
	 * task's state while it runs (eager switching), so they are read into st, V0-V15 and
	 * FPSR/FPCR replaced, and st loaded, with interrupts off so no switch sees them half
	 * loaded; thread.fpsimd_state is the next switch's business.
	 */
	{
		unsigned long flags;

		local_irq_save(flags);
		fpsimd_save_state(&st);
		copy_words((u64 *)st.vregs, aux->vfp.ufp.fpregs, 32);
		st.fpsr = aux->vfp.ufp.fpscr & VFP_FPSCR_STAT_MASK;
		st.fpcr = aux->vfp.ufp.fpscr & VFP_FPSCR_CTRL_MASK;
		fpsimd_load_state(&st);
		local_irq_restore(flags);
	}
	return 0;
}

/* The old sigreturn (119): the frame at r13, which must be 8-byte aligned. */
COMPAT_SYSCALL_DEFINE0(sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct compat_sigframe __user *frame = compat_ptr((u32)regs->compat_sp);

	current->restart_block.fn = do_no_restart_syscall;
	if ((regs->compat_sp & 7) || !access_ok(frame, sizeof(*frame)) ||
	    compat_restore_sigframe(regs, frame)) {
		arm64_notify_segfault(regs, (u32)regs->compat_sp);
		return 0;
	}
	return regs->regs[0];
}

/* rt_sigreturn (173): the same, past the siginfo, and the sigaltstack settings too. */
COMPAT_SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct compat_rt_sigframe __user *frame = compat_ptr((u32)regs->compat_sp);

	current->restart_block.fn = do_no_restart_syscall;
	if ((regs->compat_sp & 7) || !access_ok(frame, sizeof(*frame)) ||
	    compat_restore_sigframe(regs, &frame->sig) ||
	    compat_restore_altstack(&frame->sig.uc.uc_stack)) {
		arm64_notify_segfault(regs, (u32)regs->compat_sp);
		return 0;
	}
	return regs->regs[0];
}
