/*
 * The signal frames of AArch32 tasks (the arm EABI), as Linux's arm64 compat code lays them
 * out (its arch/arm64/kernel/signal32.c; the same bytes as 32-bit arm Linux's frames):
 *
 *   old-style (no SA_SIGINFO)      struct compat_sigframe at sp: ucontext, then retcode[2]
 *   SA_SIGINFO                     struct compat_rt_sigframe at sp: 128-byte siginfo, then
 *                                  the same compat_sigframe
 *
 * The ucontext's uc_mcontext is arm's struct sigcontext (trap_no, error_code, oldmask, r0-r15,
 * cpsr, fault_address); its uc_regspace holds the coprocessor blocks, here one VFP block
 * (VFP_MAGIC: D0-D31, FPSCR, a faked FPEXC) and a zero end word. retcode[] is unused: the
 * return address is sa_restorer, or one of the sigreturn code sequences in the kuser page
 * (kuser32.S).
 */
#ifndef _ASM_ARM64_SIGNAL32_H
#define _ASM_ARM64_SIGNAL32_H

#include <linux/compat.h>

struct compat_sigcontext {
	compat_ulong_t trap_no;		/* 0 */
	compat_ulong_t error_code;	/* a data abort's FSR write bit (1 << 11) */
	compat_ulong_t oldmask;		/* the low word of the saved mask */
	compat_ulong_t arm_r0, arm_r1, arm_r2, arm_r3, arm_r4, arm_r5, arm_r6, arm_r7;
	compat_ulong_t arm_r8, arm_r9, arm_r10, arm_fp, arm_ip, arm_sp, arm_lr, arm_pc;
	compat_ulong_t arm_cpsr;
	compat_ulong_t fault_address;
};

#define VFP_MAGIC		0x56465001
struct compat_vfp_sigframe {
	compat_ulong_t magic;
	compat_ulong_t size;
	struct compat_user_vfp {
		u64 fpregs[32];		/* D0-D31 */
		compat_ulong_t fpscr;
	} __attribute__((__aligned__(8))) ufp;
	struct compat_user_vfp_exc {
		compat_ulong_t fpexc;
		compat_ulong_t fpinst;
		compat_ulong_t fpinst2;
	} ufp_exc;
} __attribute__((__aligned__(8)));
#define VFP_STORAGE_SIZE	sizeof(struct compat_vfp_sigframe)	/* 288 */

/* FPSCR is FPSR's status bits and FPCR's control bits on arm64 */
#define VFP_FPSCR_STAT_MASK	0xf800009f
#define VFP_FPSCR_CTRL_MASK	0x07f79f00

struct compat_aux_sigframe {
	struct compat_vfp_sigframe vfp;
	u64 end_magic;			/* 0: no further block (a 64-bit word, as Linux's) */
} __attribute__((__aligned__(8)));

struct compat_ucontext {
	compat_ulong_t uc_flags;
	compat_uptr_t uc_link;
	compat_stack_t uc_stack;
	struct compat_sigcontext uc_mcontext;
	compat_sigset_t uc_sigmask;
	int __unused[32 - sizeof(compat_sigset_t) / sizeof(int)];
	compat_ulong_t uc_regspace[128] __attribute__((__aligned__(8)));
};

struct compat_sigframe {
	struct compat_ucontext uc;
	compat_ulong_t retcode[2];
};

struct compat_rt_sigframe {
	struct compat_siginfo info;
	struct compat_sigframe sig;
};

/*
 * The sigreturn code sequences on [sigpage] (kuser32.S, mm->context.sigpage), as Linux's
 * arm64 sigpage holds them: [0] A32 sigreturn, [2] Thumb sigreturn, [3] A32 rt_sigreturn,
 * [5] Thumb rt_sigreturn (in words). A handler returns to the page + 4 * index (+ 1 for
 * Thumb).
 */
extern const char aarch32_sigpage[];

struct ksignal;
struct pt_regs;
int compat_setup_frame(int usig, struct ksignal *ksig, sigset_t *set, struct pt_regs *regs);
int compat_setup_rt_frame(int usig, struct ksignal *ksig, sigset_t *set, struct pt_regs *regs);

/* AArch32's CPSR puts DIT at bit 21; SPSR_EL1 for AArch32 at bit 24 (Linux's compat helpers) */
#define COMPAT_PSR_DIT_BIT	(1UL << 21)
#define PSR_AA32_DIT_BIT	(1UL << 24)

static inline unsigned long compat_psr_to_pstate(unsigned long psr)
{
	unsigned long pstate = psr & ~COMPAT_PSR_DIT_BIT;

	return psr & COMPAT_PSR_DIT_BIT ? pstate | PSR_AA32_DIT_BIT : pstate;
}

static inline unsigned long pstate_to_compat_psr(unsigned long pstate)
{
	unsigned long psr = pstate & ~PSR_AA32_DIT_BIT;

	return pstate & PSR_AA32_DIT_BIT ? psr | COMPAT_PSR_DIT_BIT : psr;
}

#endif
