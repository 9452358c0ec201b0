/*
 * What the x86 signal files share (arch/x86/kernel/signal.c, signal_32.c): the flags a
 * sigreturn may change, the frame placement, the SS check, Linux's names.
 */
#ifndef _ASM_X86_SIGHANDLING_H
#define _ASM_X86_SIGHANDLING_H

#include <linux/signal.h>
#include <asm/processor-flags.h>

struct pt_regs;

/*
 * The RFLAGS bits a frame may set: the arithmetic ones, DF, TF, AC and RF. IF, IOPL, NT,
 * VM and the rest stay as the kernel has them, whatever the frame says.
 */
#define FIX_EFLAGS	(X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
			 X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
			 X86_EFLAGS_CF | X86_EFLAGS_RF)

/*
 * Where a frame of frame_size bytes goes for ksig (its FPU area above it, whose address is
 * returned in *fpstate, already filled), or -1 when it cannot be placed: an overflowing
 * sigaltstack, or the FPU area not writable.
 */
unsigned long get_sigframe(struct ksignal *ksig, struct pt_regs *regs, unsigned long frame_size,
			   bool ia32, unsigned long *fpstate);

/* SS as it will be loaded: a selector that is not a present DPL-3 writable data segment
 * becomes __USER_DS (Linux's force_valid_ss). */
void force_valid_ss(struct pt_regs *regs);

/* sigreturn found a frame it cannot use: SIGSEGV (Linux's signal_fault). */
void signal_fault(struct pt_regs *regs, void __user *frame, const char *where);

/* i386 frames (signal_32.c). */
int ia32_setup_frame(struct ksignal *ksig, struct pt_regs *regs);
int ia32_setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs);

#endif
