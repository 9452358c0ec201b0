// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery on x86, the arch half of linux/signal.h's design (docs/signals.md, "x86"):
 *
 *   arch_do_signal_or_restart   the exit work loop's call: get_signal(), then the syscall
 *                               restart decision, then a frame (handle_signal) or, with no
 *                               handler, the rewind of a call to restart
 *   get_sigframe                where a frame goes: below the red zone or on the sigaltstack,
 *                               the FPU area above it (fpu_signal.c), Linux's alignment
 *   x64_setup_rt_frame          the x86_64 rt_sigframe (asm/sigframe.h)
 *   rt_sigreturn                its undoing: every register, the mask, the altstack, the FPU
 * The i386 frames and their sigreturns are in signal_32.c.
 *
 * Restart. A syscall's pt_regs has orig_ax >= 0 (the number); exceptions and interrupts
 * have -1 there (traps.c sets it once the error code is read), and so does a frame restored
 * by sigreturn. Restarting means ax = orig_ax and ip -= 2: the syscall instruction, the
 * int $0x80, or for the vDSO's sysenter/syscall routes the int $0x80 that precedes the
 * landing pad they return to (entry/vdso/vdso32/system_call.S) — all two bytes long.
 *
 * The return to user mode after a frame or a sigreturn restores every register: the
 * syscall exits only use sysret when pt_regs is exactly what sysret produces (RCX == RIP,
 * R11 == RFLAGS, canonical RIP, no TF/RF, the usual CS/SS; the 32-bit one only to the
 * landing pad), which a handler's entry never is; everything else goes through iretq, and an
 * iretq that refuses a forged frame (selector, non-canonical RIP) becomes the process's
 * SIGSEGV or SIGBUS (traps.c, do_bad_iret), never a kernel fault.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/sigframe.h>
#include <asm/sighandling.h>
#include <asm/fpu.h>
#include <asm/fpu_signal.h>

#define __NR_restart_syscall_64		219
#define __NR_restart_syscall_ia32	0
#define RED_ZONE			128	/* the x86_64 ABI's scratch below RSP */
#define FRAME_ALIGNMENT			16

BUILD_BUG_ON(sizeof(struct sigcontext_64) != 256);
BUILD_BUG_ON(__builtin_offsetof(struct rt_sigframe, uc.uc_mcontext) != 48);
BUILD_BUG_ON(__builtin_offsetof(struct rt_sigframe, info) != 312);
BUILD_BUG_ON(sizeof(struct rt_sigframe) != 440);

/* A 32-bit program gets i386 frames (Linux decides by the ABI of the sigaction call). */
static bool is_ia32_task(void)
{
	return current->mm && current->mm->task_size <= TASK_SIZE_32;
}

unsigned long get_sigframe(struct ksignal *ksig, struct pt_regs *regs, unsigned long frame_size,
			   bool ia32, unsigned long *fpstate)
{
	unsigned long sp = regs->sp, buf_fx;
	bool onsigstack = on_sig_stack(sp), entering_altstack;

	if (!ia32)
		sp -= RED_ZONE;
	/* sigsp(): the top of the sigaltstack for SA_ONSTACK, unless already on it. */
	entering_altstack = !onsigstack && sigsp(sp, ksig) != sp;
	if (entering_altstack)
		sp = sigsp(sp, ksig);

	/* The FPU area: XSAVE wants 64-byte alignment of the FXSAVE image. */
	buf_fx = (sp - fpu_sigframe_size(false)) & ~63UL;
	sp = ia32 ? buf_fx - sizeof(struct fregs_state) : buf_fx;
	*fpstate = sp;

	/* The handler is entered as if called: (sp + 8) % 16 == 0, i386 (sp + 4) % 16 == 0. */
	sp -= frame_size;
	if (ia32)
		sp = ((sp + 4) & -FRAME_ALIGNMENT) - 4;
	else
		sp = (sp & -FRAME_ALIGNMENT) - 8;

	/* A frame must not run off the sigaltstack it is on or goes to: SIGSEGV instead. */
	if (onsigstack && !on_sig_stack(sp))
		return -1UL;
	if (entering_altstack &&
	    (sp <= current->sas_ss_sp || sp - current->sas_ss_sp > current->sas_ss_size))
		return -1UL;
	if (fpu_save_sigframe((void __user *)*fpstate, ia32))
		return -1UL;
	return sp;
}

/* Linux's force_valid_ss: LAR says what the selector is; anything odd becomes __USER_DS. */
#define AR_TYPE_MASK		(0x7 << 9)	/* type without the accessed bit (8) */
#define AR_TYPE_RWDATA		(0x2 << 8)
#define AR_TYPE_RWDATA_EXPDOWN	(0x6 << 8)
#define AR_S			(1 << 12)
#define AR_DPL3			(3 << 13)
#define AR_DPL_MASK		(3 << 13)
#define AR_P			(1 << 15)

void force_valid_ss(struct pt_regs *regs)
{
	u32 ar;

	__asm__ ("lar %[sel], %[ar]\n\t"
		 "jz 1f\n\t"
		 "xorl %[ar], %[ar]\n"
		 "1:"
		 : [ar] "=r"(ar) : [sel] "r"((u32)(u16)regs->ss) : "cc");
	ar &= AR_DPL_MASK | AR_S | AR_P | AR_TYPE_MASK;
	if (ar != (AR_DPL3 | AR_S | AR_P | AR_TYPE_RWDATA) &&
	    ar != (AR_DPL3 | AR_S | AR_P | AR_TYPE_RWDATA_EXPDOWN))
		regs->ss = __USER_DS;
}

void signal_fault(struct pt_regs *regs, void __user *frame, const char *where)
{
	force_sig(SIGSEGV);
}

static unsigned long frame_uc_flags(struct pt_regs *regs)
{
	unsigned long flags = UC_SIGCONTEXT_SS;

	if (fpu_xfeatures)
		flags |= UC_FP_XSTATE;
	if (regs->cs == __USER_CS)	/* 64-bit code: sigreturn restores SS exactly */
		flags |= UC_STRICT_RESTORE_SS;
	return flags;
}

static int x64_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	struct rt_sigframe __user *frame;
	struct rt_sigframe kf;		/* built here, copied in one go */
	struct sigcontext_64 *sc = &kf.uc.uc_mcontext;
	sigset_t *set = sigmask_to_save();
	unsigned long fp, sp;

	/* x86_64 has no trampoline of its own: no restorer, no frame (SIGSEGV), as Linux. */
	if (!(ksig->ka.sa.sa_flags & SA_RESTORER))
		return -EFAULT;
	sp = get_sigframe(ksig, regs, sizeof(*frame), false, &fp);
	if (sp == -1UL)
		return -EFAULT;
	frame = (struct rt_sigframe __user *)sp;

	kf.pretcode = (unsigned long)ksig->ka.sa.sa_restorer;
	kf.uc.uc_flags = frame_uc_flags(regs);
	kf.uc.uc_link = NULL;
	/*
	 * uc_stack as __save_altstack writes it (the settings as they are), built here so the
	 * frame goes out in one copy; its padding zeroed first, so no stack bytes go out.
	 */
	__builtin_memset(&kf.uc.uc_stack, 0, sizeof(kf.uc.uc_stack));
	kf.uc.uc_stack.ss_sp = (void __user *)current->sas_ss_sp;
	kf.uc.uc_stack.ss_flags = current->sas_ss_flags;
	kf.uc.uc_stack.ss_size = current->sas_ss_size;
	/* Field by field: a compound literal would clear all 256 bytes first. */
	sc->r8 = regs->r8; sc->r9 = regs->r9; sc->r10 = regs->r10; sc->r11 = regs->r11;
	sc->r12 = regs->r12; sc->r13 = regs->r13; sc->r14 = regs->r14; sc->r15 = regs->r15;
	sc->di = regs->di; sc->si = regs->si; sc->bp = regs->bp; sc->bx = regs->bx;
	sc->dx = regs->dx; sc->ax = regs->ax; sc->cx = regs->cx; sc->sp = regs->sp;
	sc->ip = regs->ip; sc->flags = regs->flags;
	sc->cs = regs->cs; sc->gs = 0; sc->fs = 0; sc->ss = regs->ss;
	sc->err = current->thread.error_code;
	sc->trapno = current->thread.trap_nr;
	sc->oldmask = set->sig[0];
	sc->cr2 = current->thread.cr2;
	sc->fpstate = fp;
	for (int i = 0; i < 8; i++)
		sc->reserved1[i] = 0;	/* no kernel stack bytes in the frame */
	kf.uc.uc_sigmask = *set;
	/* info only for SA_SIGINFO handlers; otherwise the stack keeps what it had, as Linux */
	if (ksig->ka.sa.sa_flags & SA_SIGINFO) {
		copy_siginfo_to_external(&kf.info, &ksig->info);
		if (copy_to_user(frame, &kf, sizeof(kf)))
			return -EFAULT;
	} else if (copy_to_user(frame, &kf, offsetof(struct rt_sigframe, info))) {
		return -EFAULT;
	}

	/* handler(sig, &info, &uc); ax 0 for handlers declared without a prototype. */
	regs->di = ksig->sig;
	regs->ax = 0;
	regs->si = (unsigned long)&frame->info;
	regs->dx = (unsigned long)&frame->uc;
	regs->ip = (unsigned long)ksig->ka.sa.sa_handler;
	regs->sp = sp;
	/* Handlers run in 64-bit mode; an SS that is unusable (the fault may be about it) is replaced. */
	regs->cs = __USER_CS;
	if (regs->ss != __USER_DS)
		force_valid_ss(regs);
	return 0;
}

static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	if (is_ia32_task())
		return ksig->ka.sa.sa_flags & SA_SIGINFO ? ia32_setup_rt_frame(ksig, regs)
							 : ia32_setup_frame(ksig, regs);
	return x64_setup_rt_frame(ksig, regs);
}

/* The syscall's result; 32-bit calls' as the int the 32-bit ABI returns. */
static long syscall_error(struct pt_regs *regs)
{
	if (current_thread_info()->status & TS_COMPAT)
		return (long)(int)regs->ax;
	return (long)regs->ax;
}

static bool in_syscall(struct pt_regs *regs)
{
	return (long)regs->orig_ax >= 0;
}

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	int failed;

	if (in_syscall(regs)) {
		switch (syscall_error(regs)) {
		case -ERESTART_RESTARTBLOCK:
		case -ERESTARTNOHAND:
			regs->ax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.sa.sa_flags & SA_RESTART)) {
				regs->ax = -EINTR;
				break;
			}
			__attribute__((__fallthrough__));
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		}
	}

	failed = setup_rt_frame(ksig, regs) < 0;
	if (!failed) {
		/*
		 * The handler starts as a function: DF clear (the ABI), no RF (its first
		 * breakpoint must trap), no TF (or a SIGTRAP handler would trap forever), and
		 * the FPU in its initial state (Linux's fpu__clear_user_states).
		 */
		regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_RF | X86_EFLAGS_TF);
		fpu_flush_user_state();
	}
	signal_setup_done(failed, ksig, 0);
}

void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	/* No handler ran: a call that asked to be restarted runs again. */
	if (in_syscall(regs)) {
		switch (syscall_error(regs)) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			regs->ax = regs->orig_ax;
			regs->ip -= 2;
			break;
		case -ERESTART_RESTARTBLOCK:
			regs->ax = current_thread_info()->status & TS_COMPAT ?
				   __NR_restart_syscall_ia32 : __NR_restart_syscall_64;
			regs->ip -= 2;
			break;
		}
	}
	restore_saved_sigmask();
}

/* ---- rt_sigreturn (x86_64) ---- */

static bool restore_sigcontext(struct pt_regs *regs, const struct sigcontext_64 __user *usc,
			       unsigned long uc_flags)
{
	struct sigcontext_64 sc;

	/* A call interrupted before this handler must not restart through restart_syscall. */
	current->restart_block.fn = do_no_restart_syscall;
	if (copy_from_user(&sc, usc, sizeof(sc)))
		return false;
	regs->bx = sc.bx; regs->cx = sc.cx; regs->dx = sc.dx;
	regs->si = sc.si; regs->di = sc.di; regs->bp = sc.bp;
	regs->ax = sc.ax; regs->sp = sc.sp; regs->ip = sc.ip;
	regs->r8 = sc.r8; regs->r9 = sc.r9; regs->r10 = sc.r10; regs->r11 = sc.r11;
	regs->r12 = sc.r12; regs->r13 = sc.r13; regs->r14 = sc.r14; regs->r15 = sc.r15;
	/*
	 * Ring 3 whatever the frame says. A selector that is not a usable user segment, or a
	 * non-canonical RIP, is left for iretq to refuse: the process gets the fault (traps.c's
	 * do_bad_iret), as on Linux; sysret is never used for such a frame (entry_64.S).
	 */
	regs->cs = sc.cs | 3;
	regs->ss = sc.ss | 3;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_ax = -1;		/* not a syscall any more: nothing to restart */
	/* Old frames (no UC_STRICT_RESTORE_SS) get a usable SS for 64-bit code, as Linux. */
	if (!(uc_flags & UC_STRICT_RESTORE_SS) && regs->cs == __USER_CS)
		force_valid_ss(regs);
	return fpu_restore_sigframe((const void __user *)sc.fpstate, false);
}

SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *frame = (struct rt_sigframe __user *)(regs->sp - sizeof(long));
	unsigned long uc_flags;
	sigset_t set;

	if (get_user(set.sig[0], &frame->uc.uc_sigmask.sig[0]) ||
	    get_user(uc_flags, &frame->uc.uc_flags))
		goto badframe;
	set_current_blocked(&set);
	if (!restore_sigcontext(regs, &frame->uc.uc_mcontext, uc_flags))
		goto badframe;
	if (restore_altstack(&frame->uc.uc_stack))
		goto badframe;
	return regs->ax;

badframe:
	signal_fault(regs, frame, "rt_sigreturn");
	return 0;
}
