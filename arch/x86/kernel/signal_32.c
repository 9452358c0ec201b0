// SPDX-License-Identifier: GPL-2.0
/*
 * The i386 signal frames on the x86_64 kernel (Linux's ia32 emulation, signal_32.c):
 *
 *   ia32_setup_rt_frame   rt_sigframe_ia32 (SA_SIGINFO): handler(sig, &info, &uc)
 *   ia32_setup_frame      sigframe_ia32 (old-style handlers): handler(sig), the
 *                         sigcontext_32 right above the signal number
 *   compat rt_sigreturn / sigreturn   their undoing (compat entry points of the i386 table)
 * Layouts in asm/sigframe.h; placement and the FPU area in signal.c / fpu_signal.c.
 * i386 also passes the arguments in EAX, EDX, ECX for -mregparm=3 handlers, as Linux.
 *
 * Segments: a 32-bit program can load FS, GS, DS and ES itself (its TLS is in GS). The
 * frame keeps their values; sigreturn loads the ones the frame gives if they differ, after
 * user_data_selector() turned a selector the CPU would refuse into the null selector (what
 * Linux's loadsegment() fixup loads), so the load itself can never fault in the kernel.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/compat.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <asm/sigframe.h>
#include <asm/sighandling.h>
#include <asm/fpu.h>
#include <asm/fpu_signal.h>
#include <asm/vdso.h>

#define __NR_ia32_sigreturn	119
#define __NR_ia32_rt_sigreturn	173

BUILD_BUG_ON(sizeof(struct sigcontext_32) != 88);
BUILD_BUG_ON(sizeof(struct rt_sigframe_ia32) != 268);
BUILD_BUG_ON(__builtin_offsetof(struct sigframe_ia32, extramask) != 720);
BUILD_BUG_ON(sizeof(struct sigframe_ia32) != 736);

#define SAVE_SEG(seg)								\
({ u16 __v; __asm__ __volatile__("movw %%" #seg ", %0" : "=r"(__v)); __v; })

/* DS and ES, whose bases compatibility mode uses; only ever given a checked selector. */
#define LOAD_SEG(seg, sel)							\
	__asm__ __volatile__("movl %0, %%" #seg : : "r"((u32)(sel)) : "memory")

/*
 * A selector from a frame, as the CPU would take it into a data segment register in ring 3:
 * null, a user segment of the GDT, or a present TLS slot; anything else (an LDT selector:
 * there is none; a kernel or TSS descriptor; past the GDT) becomes the null selector, which
 * is what Linux's loadsegment() fixup loads when the CPU refuses one.
 */
static u16 user_data_selector(u16 sel)
{
	unsigned int idx = sel >> 3;

	/* The null selector names the GDT (0-3); index 0 with TI set (4-7) is an LDT entry,
	 * and there is no LDT (found by the fuzzer: DS 0x7 in a frame was a #GP here). */
	if ((sel & ~3) == 0)
		return sel;
	if ((sel & 7) != 3)
		return 0;
	if (idx == GDT_ENTRY_USER32_CS || idx == GDT_ENTRY_USER_DS || idx == GDT_ENTRY_USER_CS)
		return sel;
	if (idx >= GDT_ENTRY_TLS_MIN && idx <= GDT_ENTRY_TLS_MAX &&
	    (current->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] & (1ULL << 47)))	/* P bit */
		return sel;
	return 0;
}

static void fill_sigcontext32(struct sigcontext_32 *sc, struct pt_regs *regs, u32 fpstate,
			      const sigset_t *set)
{
	*sc = (struct sigcontext_32){
		.gs = SAVE_SEG(gs), .fs = SAVE_SEG(fs), .es = SAVE_SEG(es), .ds = SAVE_SEG(ds),
		.di = regs->di, .si = regs->si, .bp = regs->bp, .sp = regs->sp,
		.bx = regs->bx, .dx = regs->dx, .cx = regs->cx, .ax = regs->ax,
		.trapno = current->thread.trap_nr, .err = current->thread.error_code,
		.ip = regs->ip, .cs = regs->cs, .flags = regs->flags,
		.sp_at_signal = regs->sp, .ss = regs->ss,
		.fpstate = fpstate, .oldmask = (u32)set->sig[0], .cr2 = current->thread.cr2,
	};
}

/* The handler's registers, common to both frames. */
static void enter_handler32(struct ksignal *ksig, struct pt_regs *regs, unsigned long sp)
{
	regs->sp = sp;
	regs->ip = (u32)(unsigned long)ksig->ka.sa.sa_handler;
	regs->ax = ksig->sig;
	LOAD_SEG(ds, __USER_DS);
	LOAD_SEG(es, __USER_DS);
	regs->cs = __USER32_CS;
	regs->ss = __USER_DS;
}

static u32 restorer32(struct ksignal *ksig, bool rt, u32 fallback)
{
	unsigned long r;

	if (ksig->ka.sa.sa_flags & SA_RESTORER)
		return (u32)(unsigned long)ksig->ka.sa.sa_restorer;
	r = vdso32_sigreturn(current->mm, rt);
	return r ? (u32)r : fallback;
}

int ia32_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	/* movl $__NR_ia32_rt_sigreturn, %eax; int $0x80 (for debuggers only) */
	static const u8 code[8] = { 0xb8, __NR_ia32_rt_sigreturn, 0, 0, 0, 0xcd, 0x80, 0 };
	struct rt_sigframe_ia32 __user *frame;
	struct rt_sigframe_ia32 kf;
	sigset_t *set = sigmask_to_save();
	unsigned long fp, sp;

	sp = get_sigframe(ksig, regs, sizeof(*frame), true, &fp);
	if (sp == -1UL)
		return -EFAULT;
	frame = (struct rt_sigframe_ia32 __user *)sp;

	kf.sig = ksig->sig;
	kf.pinfo = (u32)(unsigned long)&frame->info;
	kf.puc = (u32)(unsigned long)&frame->uc;
	kf.pretcode = restorer32(ksig, true, (u32)(unsigned long)frame->retcode);
	kf.uc.uc_flags = fpu_xfeatures ? UC_FP_XSTATE : 0;
	kf.uc.uc_link = 0;
	/* uc_stack as __compat_save_altstack writes it: the settings as they are */
	kf.uc.uc_stack.ss_sp = (compat_uptr_t)current->sas_ss_sp;
	kf.uc.uc_stack.ss_flags = current->sas_ss_flags;
	kf.uc.uc_stack.ss_size = current->sas_ss_size;
	fill_sigcontext32(&kf.uc.uc_mcontext, regs, fp, set);
	kf.uc.uc_sigmask.sig[0] = (u32)set->sig[0];
	kf.uc.uc_sigmask.sig[1] = (u32)(set->sig[0] >> 32);
	__builtin_memcpy(kf.retcode, code, sizeof(code));	/* inline, not a call */
	copy_siginfo_to_external32(&kf.info, &ksig->info);
	if (copy_to_user(frame, &kf, sizeof(kf)))	/* no holes: every byte set above */
		return -EFAULT;

	enter_handler32(ksig, regs, sp);
	regs->dx = (unsigned long)&frame->info;
	regs->cx = (unsigned long)&frame->uc;
	return 0;
}

int ia32_setup_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	/* popl %eax; movl $__NR_ia32_sigreturn, %eax; int $0x80 (for debuggers only) */
	static const u8 code[8] = { 0x58, 0xb8, __NR_ia32_sigreturn, 0, 0, 0, 0xcd, 0x80 };
	struct sigframe_ia32 __user *frame;
	struct sigframe_ia32 kf;
	sigset_t *set = sigmask_to_save();
	unsigned long fp, sp;

	sp = get_sigframe(ksig, regs, sizeof(*frame), true, &fp);
	if (sp == -1UL)
		return -EFAULT;
	frame = (struct sigframe_ia32 __user *)sp;

	__builtin_memset(&kf, 0, sizeof(kf));	/* its tail padding is copied out */
	kf.sig = ksig->sig;
	fill_sigcontext32(&kf.sc, regs, fp, set);
	kf.extramask[0] = (u32)(set->sig[0] >> 32);
	kf.pretcode = restorer32(ksig, false, (u32)(unsigned long)frame->retcode);
	__builtin_memcpy(kf.retcode, code, sizeof(code));
	/* The unused _fpstate_32 in the middle is left as the stack had it, as on Linux. */
	if (copy_to_user(frame, &kf, offsetof(struct sigframe_ia32, fpstate_unused)) ||
	    copy_to_user(&frame->extramask, &kf.extramask,
			 sizeof(kf) - offsetof(struct sigframe_ia32, extramask)))
		return -EFAULT;

	enter_handler32(ksig, regs, sp);
	regs->dx = 0;
	regs->cx = 0;
	return 0;
}

/*
 * The frame's segments, where the handler changed them. FS and GS go through tls.c, which
 * knows how to load GS while the kernel's GS base is active and keeps the task's record.
 */
static void reload_segments(const struct sigcontext_32 *sc)
{
	u16 cur_fs = SAVE_SEG(fs), cur_gs = SAVE_SEG(gs), cur_ds = SAVE_SEG(ds), cur_es = SAVE_SEG(es);
	u16 fs, gs, ds, es;

	/* The usual frame: the handler changed none of them (the RPL aside), nothing to do. */
	if (((sc->fs ^ cur_fs) | (sc->gs ^ cur_gs) | (sc->ds ^ cur_ds) | (sc->es ^ cur_es)) <= 3)
		return;
	fs = user_data_selector(sc->fs | 3);
	gs = user_data_selector(sc->gs | 3);
	ds = user_data_selector(sc->ds | 3);
	es = user_data_selector(sc->es | 3);
	if (fs != cur_fs || gs != cur_gs) {
		save_user_tls(current);
		current->thread.fsindex = fs;
		current->thread.gsindex = gs;
		load_user_tls(current);
	}
	if (ds != cur_ds)
		LOAD_SEG(ds, ds);
	if (es != cur_es)
		LOAD_SEG(es, es);
}

static bool ia32_restore_sigcontext(struct pt_regs *regs, const struct sigcontext_32 __user *usc)
{
	struct sigcontext_32 sc;

	current->restart_block.fn = do_no_restart_syscall;
	if (copy_from_user(&sc, usc, sizeof(sc)))
		return false;
	/* The 32-bit registers, zero-extended; R8-R15 are not the frame's business. */
	regs->bx = sc.bx; regs->cx = sc.cx; regs->dx = sc.dx;
	regs->si = sc.si; regs->di = sc.di; regs->bp = sc.bp;
	regs->ax = sc.ax; regs->sp = sc.sp; regs->ip = sc.ip;
	regs->cs = sc.cs | 3;
	regs->ss = sc.ss | 3;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc.flags & FIX_EFLAGS);
	regs->orig_ax = -1;
	reload_segments(&sc);
	return fpu_restore_sigframe(compat_ptr(sc.fpstate), true);
}

COMPAT_SYSCALL_DEFINE0(sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	/* The handler's ret popped pretcode, the restorer's popl the signal number. */
	struct sigframe_ia32 __user *frame = (struct sigframe_ia32 __user *)(regs->sp - 8);
	u32 lo, hi;
	sigset_t set;

	if (get_user(lo, &frame->sc.oldmask) || get_user(hi, &frame->extramask[0]))
		goto badframe;
	set.sig[0] = (u64)hi << 32 | lo;
	set_current_blocked(&set);
	if (!ia32_restore_sigcontext(regs, &frame->sc))
		goto badframe;
	return regs->ax;

badframe:
	signal_fault(regs, frame, "32bit sigreturn");
	return 0;
}

COMPAT_SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe_ia32 __user *frame = (struct rt_sigframe_ia32 __user *)(regs->sp - 4);
	compat_sigset_t cset;
	sigset_t set;

	if (copy_from_user(&cset, &frame->uc.uc_sigmask, sizeof(cset)))
		goto badframe;
	set.sig[0] = (u64)cset.sig[1] << 32 | cset.sig[0];
	set_current_blocked(&set);
	if (!ia32_restore_sigcontext(regs, &frame->uc.uc_mcontext))
		goto badframe;
	if (compat_restore_altstack(&frame->uc.uc_stack))
		goto badframe;
	return regs->ax;

badframe:
	signal_fault(regs, frame, "32bit rt_sigreturn");
	return 0;
}
