// SPDX-License-Identifier: GPL-2.0
/*
 * Signal delivery for arm64 tasks and the syscall-restart decision for every task of this
 * kernel (AArch64 and AArch32): the arch half of linux/signal.h's design.
 *
 *   arch_do_signal_or_restart(regs)   the exit work loop, _TIF_SIGPENDING set
 *     a syscall in progress? (regs->syscallno != NO_SYSCALL): rewind it for a restart now
 *     get_signal()                    generic: dequeue, default actions
 *     handler:  undo the rewind where the restart code says -EINTR, then handle_signal():
 *               setup_rt_frame() here, compat_setup_{rt_,}frame() for AArch32 (signal32.c),
 *               valid_user_regs(), signal_setup_done()
 *     none:     -ERESTART_RESTARTBLOCK becomes the ABI's restart_syscall; saved mask back
 *   rt_sigreturn                      the handler's return: restore_sigframe() and the
 *                                     altstack; every register comes back through
 *                                     ret_to_user's eret (entry.S restores x0-x30 from
 *                                     pt_regs; nothing keeps x0 elsewhere)
 *
 * The frame (asm/sigcontext.h) is built in a kernel buffer and copied out in one piece, as
 * the records it holds are read back with one copy each; the FP/SIMD registers of current
 * live in the CPU (asm/fpsimd.h), so they are saved from and loaded into it.
 *
 * The return address of a handler is sa_restorer with SA_RESTORER, else the vDSO's
 * __kernel_rt_sigreturn (vdso/sigreturn.S), as on Linux: glibc for aarch64 never passes
 * SA_RESTORER.
 */
#include <linux/kernel.h>
#include <asm/vdso-offsets.h>	/* generated from the built vdso.so */
#include <linux/compat.h>
#include <linux/entry-common.h>
#include <linux/errno.h>
#include <linux/irqflags.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/esr.h>
#include <asm/fpsimd.h>
#include <asm/ptrace.h>
#include <asm/sigcontext.h>
#include <asm/signal32.h>
#include <asm/unistd.h>
#include "signal_arm64.h"

/*
 * The part of an rt_sigframe after the siginfo that the kernel writes: the ucontext up to
 * __reserved, then the records. Laid out as struct ucontext is (the BUILD_BUG_ONs in
 * frame_layout_check say so), with room for fpsimd_context, esr_context and the terminator.
 */
struct rt_frame_image {
	unsigned long uc_flags;
	u64 uc_link;
	stack_t uc_stack;
	sigset_t uc_sigmask;
	u8 __unused[1024 / 8 - sizeof(sigset_t)];
	struct {
		u64 fault_address;
		u64 regs[31];
		u64 sp;
		u64 pc;
		u64 pstate;
	} mc __attribute__((__aligned__(16)));
	/* __reserved[] starts here */
	struct fpsimd_context fpsimd __attribute__((__aligned__(16)));
	/* esr_context, terminator */
	u8 more[sizeof(struct esr_context) + 16] __attribute__((__aligned__(16)));
};


#define FRAME_RESERVED_OFFSET	offsetof(struct rt_frame_image, fpsimd)
#define TERMINATOR_SIZE		16	/* {0, 0}, padded to a record's 16 bytes */

static inline void __maybe_unused frame_layout_check(void)
{
	BUILD_BUG_ON(offsetof(struct rt_frame_image, mc) !=
		     offsetof(struct ucontext, uc_mcontext));
	BUILD_BUG_ON(FRAME_RESERVED_OFFSET - offsetof(struct rt_frame_image, mc) !=
		     offsetof(struct sigcontext, __reserved));
	BUILD_BUG_ON(offsetof(struct rt_sigframe, uc) != 128);
	BUILD_BUG_ON(offsetof(struct ucontext, uc_mcontext) != 176);
	BUILD_BUG_ON(sizeof(struct fpsimd_context) != 528);
	BUILD_BUG_ON(sizeof(struct rt_sigframe) != 4688);
	BUILD_BUG_ON(sizeof(struct frame_record) != 16);
}

/* ---- validating user registers (Linux's valid_user_regs) ---- */

/*
 * PSTATE bits a user context may not carry (Linux's SPSR_EL1_AARCH64_RES0_BITS, plus SS:
 * no debugger steps tasks on this kernel), and the same for AArch32 ones.
 */
#define SPSR_AARCH64_RES0	0xffffffff0cffe020ULL	/* 63:32, 27:26, 23:21 (SS), 20:13, 5 */
#define SPSR_AARCH32_RES0	0xffffffff00700000ULL	/* 63:32, 22 (PAN), 21 (SS), 20 (IL) */

/*
 * May the task return to user mode with these registers? PSTATE must say EL0 in the task's
 * own state (AArch64 EL0t for an arm64 task, AArch32 User for an AArch32 one: a frame can
 * never switch the execution state) with no exception masked. If not, PSTATE is forced to
 * such a state, keeping only the flags, and the caller kills or signals the task: the
 * registers eret loads are valid either way. Data is little-endian: AArch32's E bit goes.
 */
bool valid_user_regs(struct pt_regs *regs)
{
	if (test_thread_flag(TIF_32BIT)) {
		regs->pstate &= ~(SPSR_AARCH32_RES0 | PSR_AA32_E_BIT);
		if (compat_user_mode(regs) &&
		    !(regs->pstate & (PSR_AA32_A_BIT | PSR_AA32_I_BIT | PSR_AA32_F_BIT)))
			return true;
		regs->pstate &= PSR_AA32_N_BIT | PSR_AA32_Z_BIT | PSR_AA32_C_BIT |
				PSR_AA32_V_BIT | PSR_AA32_Q_BIT | PSR_AA32_IT_MASK |
				PSR_AA32_GE_MASK | PSR_AA32_T_BIT;
		regs->pstate |= PSR_AA32_MODE_USR;
		return false;
	}
	regs->pstate &= ~SPSR_AARCH64_RES0;
	if ((regs->pstate & (PSR_MODE32_BIT | PSR_MODE_MASK)) == PSR_MODE_EL0t &&
	    !(regs->pstate & (PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)))
		return true;
	regs->pstate &= PSR_N_BIT | PSR_Z_BIT | PSR_C_BIT | PSR_V_BIT;
	return false;
}

/*
 * A frame sigreturn cannot use: SIGSEGV at addr (the frame's sp), MAPERR when nothing is
 * mapped there, ACCERR when something is (Linux's arm64_notify_segfault). No fault syndrome
 * goes with it.
 */
void arm64_notify_segfault(struct pt_regs *regs, unsigned long addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v;
	int code;

	spin_lock(&mm->page_table_lock);
	v = find_vma(mm, addr);
	code = v && v->vm_start <= addr ? SEGV_ACCERR : SEGV_MAPERR;
	spin_unlock(&mm->page_table_lock);
	current->thread.fault_address = 0;
	current->thread.fault_code = 0;
	force_sig_fault(regs, SIGSEGV, code, addr, "bad sigreturn frame");
}

/* ---- arm64 frames ---- */

static unsigned long sigreturn_trampoline(struct ksignal *ksig)
{
	if (ksig->ka.sa.sa_flags & SA_RESTORER)
		return (unsigned long)ksig->ka.sa.sa_restorer;
	return current->mm->context.vdso ?
	       current->mm->context.vdso + VDSO_SYM___kernel_rt_sigreturn : 0;
}

/*
 * Where the frame goes: below the interrupted sp (or at the top of the sigaltstack), a frame
 * record {x29, x30} first, then the rt_sigframe; both 16-byte aligned as AAPCS64 wants sp.
 */
static int setup_rt_frame(int usig, struct ksignal *ksig, sigset_t *set, struct pt_regs *regs)
{
	unsigned long sp_top = sigsp(regs->sp, ksig), tramp = sigreturn_trampoline(ksig);
	struct frame_record __user *next_frame;
	struct rt_sigframe __user *frame;
	struct rt_frame_image img;
	struct frame_record rec = { regs->regs[29], regs->regs[30] };
	unsigned long esr = current->thread.fault_code;
	size_t len = FRAME_RESERVED_OFFSET + sizeof(struct fpsimd_context);
	struct _aarch64_ctx end = { 0, 0 };

	next_frame = (struct frame_record __user *)ALIGN_DOWN(sp_top - sizeof(rec), 16UL);
	frame = (struct rt_sigframe __user *)((unsigned long)next_frame - sizeof(*frame));
	if (!tramp || !access_ok(frame, sp_top - (unsigned long)frame))
		return -EFAULT;

	/*
	 * Every byte copied out is set here: the fields, __unused and the two alignment holes
	 * (before mc and before __reserved) as zeros, word by word (no memset call).
	 */
	img.uc_flags = 0;
	img.uc_link = 0;
	img.uc_stack = (stack_t){ 0 };		/* __save_altstack fills the user's */
	img.uc_sigmask = *set;
#pragma GCC unroll 16
	for (unsigned int off = offsetof(struct rt_frame_image, __unused);
	     off < offsetof(struct rt_frame_image, mc); off += 8)
		*(u64 *)((u8 *)&img + off) = 0;
	*(u64 *)((u8 *)&img + FRAME_RESERVED_OFFSET - 8) = 0;
	img.mc.fault_address = current->thread.fault_address;
	copy_words(img.mc.regs, regs->regs, 31);
	img.mc.sp = regs->sp;
	img.mc.pc = regs->pc;
	img.mc.pstate = regs->pstate;

	/* The live FP/SIMD registers straight into the record (eager switching: they are current's). */
	img.fpsimd.head.magic = FPSIMD_MAGIC;
	img.fpsimd.head.size = sizeof(img.fpsimd);
	fpsimd_save_sigctx(&img.fpsimd);
	if (esr) {	/* the fault that raised this signal, or an earlier one (as Linux) */
		*(struct esr_context *)img.more = (struct esr_context){ { ESR_MAGIC, sizeof(struct esr_context) }, esr };
		len += sizeof(struct esr_context);
	}
	*(struct _aarch64_ctx *)((u8 *)&img + len) = end;
	len += sizeof(end);

	if (copy_to_user(&frame->uc, &img, len) ||
	    __save_altstack(&frame->uc.uc_stack, regs->sp) ||
	    copy_to_user(next_frame, &rec, sizeof(rec)))
		return -EFAULT;
	if (ksig->ka.sa.sa_flags & SA_SIGINFO) {
		if (copy_siginfo_to_user(&frame->info, &ksig->info))
			return -EFAULT;
		regs->regs[1] = (unsigned long)&frame->info;
		regs->regs[2] = (unsigned long)&frame->uc;
	}

	/*
	 * The handler's registers: x0 = the signal, sp = the frame, x29 = the frame record,
	 * x30 = the trampoline. PSTATE stays the interrupted code's, less a pending BTI branch
	 * type and MTE's tag check override, as Linux's setup_return.
	 */
	regs->regs[0] = usig;
	regs->sp = (unsigned long)frame;
	regs->regs[29] = (unsigned long)next_frame;
	regs->regs[30] = tramp;
	regs->pc = (unsigned long)ksig->ka.sa.sa_handler;
	regs->pstate &= ~(PSR_BTYPE_MASK | PSR_TCO_BIT);
	return 0;
}

/*
 * The records of __reserved, walked as Linux's parse_user_sigframe does: each 16-byte
 * aligned, each size at least a header and within the area, one fpsimd_context of exactly
 * its size, esr_context ignored, {0, 0} at the end; anything else makes the frame bad.
 * SVE, ZA and extra_context records are refused: this kernel never writes them (no SVE or
 * SME for user space, and its frames always fit in __reserved).
 */
static int restore_records(u8 __user *base)
{
	struct fpsimd_context fpsimd __attribute__((__aligned__(16)));
	bool have_fpsimd = false;
	size_t off = 0, limit = sizeof(((struct sigcontext *)0)->__reserved);

	for (;;) {
		struct _aarch64_ctx head;

		if (limit - off < sizeof(head) || off % 16)
			return -EINVAL;
		if (copy_from_user(&head, base + off, sizeof(head)))
			return -EFAULT;
		if (head.magic == 0) {
			if (head.size)
				return -EINVAL;
			break;
		}
		if (head.size < sizeof(head) || limit - off < head.size)
			return -EINVAL;
		switch (head.magic) {
		case FPSIMD_MAGIC:
			if (have_fpsimd || head.size != sizeof(fpsimd))
				return -EINVAL;
			if (copy_from_user(&fpsimd, base + off, sizeof(fpsimd)))
				return -EFAULT;
			have_fpsimd = true;
			break;
		case ESR_MAGIC:
			break;		/* information for the handler only */
		default:
			return -EINVAL;
		}
		off += head.size;
	}
	if (!have_fpsimd)
		return -EINVAL;
	/*
	 * Straight into the registers: they are the task's state while it runs (eager
	 * switching saves them at the next switch). Interrupts off, so no switch sees
	 * them half loaded.
	 */
	{
		unsigned long flags;

		local_irq_save(flags);
		fpsimd_load_sigctx(&fpsimd);
		local_irq_restore(flags);
	}
	return 0;
}

static int restore_sigframe(struct pt_regs *regs, struct rt_sigframe __user *frame)
{
	struct rt_frame_image img;

	/* the mask and mcontext; not uc_stack (restore_altstack's) nor __unused */
	if (get_user(img.uc_sigmask.sig[0], &frame->uc.uc_sigmask.sig[0]) ||
	    copy_from_user(&img.mc, &frame->uc.uc_mcontext, sizeof(img.mc)))
		return -EFAULT;
	set_current_blocked(&img.uc_sigmask);
	copy_words(regs->regs, img.mc.regs, 31);
	regs->sp = img.mc.sp;
	regs->pc = img.mc.pc;
	regs->pstate = img.mc.pstate;
	regs->syscallno = NO_SYSCALL;	/* rt_sigreturn itself is never restarted */
	if (!valid_user_regs(regs))
		return -EINVAL;
	return restore_records(frame->uc.uc_mcontext.__reserved);
}

/*
 * The handler returned through the trampoline: sp is where setup_rt_frame put the frame
 * (16-byte aligned, or the frame is forged). The result is x0 as restored, so the syscall
 * return leaves every register as the frame says.
 */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = current_pt_regs();
	struct rt_sigframe __user *frame = (struct rt_sigframe __user *)regs->sp;

	current->restart_block.fn = do_no_restart_syscall;
	if (regs->sp & 15 || !access_ok(frame, sizeof(*frame)) ||
	    restore_sigframe(regs, frame) || restore_altstack(&frame->uc.uc_stack)) {
		arm64_notify_segfault(regs, regs->sp);
		return 0;
	}
	return regs->regs[0];
}

/* ---- delivery and restart ---- */

static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	sigset_t *oldset = sigmask_to_save();
	int ret;

	if (test_thread_flag(TIF_32BIT))
		ret = ksig->ka.sa.sa_flags & SA_SIGINFO ?
		      compat_setup_rt_frame(ksig->sig, ksig, oldset, regs) :
		      compat_setup_frame(ksig->sig, ksig, oldset, regs);
	else
		ret = setup_rt_frame(ksig->sig, ksig, oldset, regs);
	if (!valid_user_regs(regs))
		ret = -EINVAL;
	signal_setup_done(ret, ksig, 0);
}

/*
 * A syscall interrupted by a signal, by its return value in x0 (r0; an int, as the 32-bit
 * value an AArch32 task sees):
 *   -ERESTARTNOINTR         always restarted
 *   -ERESTARTSYS            restarted unless a handler without SA_RESTART runs (-EINTR)
 *   -ERESTARTNOHAND         restarted only when no handler runs
 *   -ERESTART_RESTARTBLOCK  as ERESTARTNOHAND, but through restart_syscall (x8 = 128 for
 *                           arm64, r7 = 0 for arm), which resumes current->restart_block
 * Restarting means x0 = orig_x0 and pc back over the svc: 4 bytes in A64 and A32, 2 in
 * Thumb. The decision is made before get_signal() (which may stop the task: a debugger or
 * SIGCONT then sees the rewound pc) and undone when a handler takes -EINTR.
 */
void arch_do_signal_or_restart(struct pt_regs *regs)
{
	unsigned long continue_addr = 0, restart_addr = 0;
	bool syscall = regs->syscallno != NO_SYSCALL;
	int retval = 0;
	struct ksignal ksig;

	if (syscall) {
		continue_addr = regs->pc;
		restart_addr = continue_addr - (compat_thumb_mode(regs) ? 2 : 4);
		retval = (int)regs->regs[0];
		regs->syscallno = NO_SYSCALL;	/* decided once, however often we pass here */
		switch (retval) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
		case -ERESTART_RESTARTBLOCK:
			regs->regs[0] = regs->orig_x0;
			regs->pc = restart_addr;
			break;
		}
	}

	if (get_signal(&ksig)) {
		if (regs->pc == restart_addr &&
		    (retval == -ERESTARTNOHAND || retval == -ERESTART_RESTARTBLOCK ||
		     (retval == -ERESTARTSYS && !(ksig.ka.sa.sa_flags & SA_RESTART)))) {
			regs->regs[0] = -EINTR;
			regs->pc = continue_addr;
		}
		handle_signal(&ksig, regs);
		return;
	}

	if (syscall && regs->pc == restart_addr && retval == -ERESTART_RESTARTBLOCK) {
		if (test_thread_flag(TIF_32BIT))
			regs->regs[7] = __NR_compat_restart_syscall;
		else
			regs->regs[8] = __NR_restart_syscall;
	}
	restore_saved_sigmask();
}
