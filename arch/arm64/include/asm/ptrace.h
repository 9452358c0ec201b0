/*
 * struct pt_regs: what kernel_entry (entry.S) saves on exception entry, in Linux's arm64
 * order so the syscall path can use the same names: x0-x30, sp, pc (ELR_EL1), pstate
 * (SPSR_EL1), then orig_x0 (x0 before a syscall overwrote it with the return value) and
 * syscallno. The last two words are a frame record linking the interrupted code's frame
 * pointer chain into the handler's, so a backtrace walks through the exception.
 * The S_* offsets are for assembly; ptrace-check.c checks them against the struct.
 */
#ifndef _ASM_ARM64_PTRACE_H
#define _ASM_ARM64_PTRACE_H

#include <asm/sysreg.h>

#define S_X0		0
#define S_X2		16
#define S_X4		32
#define S_X6		48
#define S_X8		64
#define S_X10		80
#define S_X12		96
#define S_X14		112
#define S_X16		128
#define S_X18		144
#define S_X20		160
#define S_X22		176
#define S_X24		192
#define S_X26		208
#define S_X28		224
#define S_LR		240	/* x30 */
#define S_SP		248
#define S_PC		256
#define S_PSTATE	264
#define S_ORIG_X0	272
#define S_SYSCALLNO	280
#define S_STACKFRAME	288
#define PT_REGS_SIZE	304	/* a multiple of 16: sp stays aligned */

/* syscallno when the exception was not a system call. */
#define NO_SYSCALL	(-1)

#ifndef __ASSEMBLY__
#include <linux/types.h>

struct pt_regs {
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
	u64 orig_x0;
	s32 syscallno;
	u32 unused;
	u64 stackframe[2];	/* {x29, pc}: a frame record for the unwinder */
};

/*
 * AArch32 user code (PSTATE.M[4] set): r0-r14 are x0-x14, so its stack pointer is r13
 * (compat_sp) and its link register r14 (compat_lr); SP_EL0 is not used in AArch32 state.
 */
#define compat_sp			regs[13]
#define compat_lr			regs[14]
#define compat_user_mode(regs)		(((regs)->pstate & (PSR_MODE32_BIT | PSR_MODE_MASK)) == \
					 PSR_AA32_MODE_USR)
#define compat_thumb_mode(regs)		(!!((regs)->pstate & PSR_AA32_T_BIT))

#define instruction_pointer(regs)	((regs)->pc)
#define user_stack_pointer(regs)	(compat_user_mode(regs) ? (regs)->compat_sp : (regs)->sp)
#define user_mode(regs)			(((regs)->pstate & PSR_MODE_MASK) == PSR_MODE_EL0t)
#define interrupts_enabled(regs)	(!((regs)->pstate & PSR_I_BIT))

#endif /* !__ASSEMBLY__ */
#endif
