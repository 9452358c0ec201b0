/*
 * The signal frames x86 builds on the user stack (arch/x86/kernel/signal.c, signal_32.c),
 * as Linux lays them out. The handler's return address (pretcode) is at the lowest address:
 * the handler is entered as if called, so its "ret" goes to the restorer, which makes the
 * sigreturn call with the stack pointer just above pretcode. The FPU area follows each
 * frame, 64-byte aligned (XSAVE's rule), and sigcontext.fpstate points at it.
 *
 *   x86_64   rt_sigframe:      pretcode, ucontext, siginfo
 *   i386     rt_sigframe_ia32: pretcode, sig, &info, &uc, siginfo, ucontext_ia32, retcode
 *            sigframe_ia32:    pretcode, sig, sigcontext_32, (unused _fpstate_32),
 *                              extramask, retcode   (old sigaction, no SA_SIGINFO)
 * retcode holds the "popl %eax; movl $nr, %eax; int $0x80" a handler without SA_RESTORER
 * used to return through; nothing runs it now (i386 programs always pass a restorer and
 * Linux's vDSO restorers are not used), but debuggers recognise frames by it.
 */
#ifndef _ASM_X86_SIGFRAME_H
#define _ASM_X86_SIGFRAME_H

#include <linux/signal_types.h>
#include <linux/compat.h>
#include <asm/sigcontext.h>

struct ucontext {
	unsigned long uc_flags;		/* UC_* */
	struct ucontext __user *uc_link;
	stack_t uc_stack;		/* the sigaltstack at the signal */
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;		/* the mask sigreturn restores */
};

struct rt_sigframe {
	u64 pretcode;			/* sa_restorer */
	struct ucontext uc;
	siginfo_t info;
	/* FPU area: 64-byte aligned, above */
};

struct ucontext_ia32 {
	u32 uc_flags;
	u32 uc_link;
	compat_stack_t uc_stack;
	struct sigcontext_32 uc_mcontext;
	compat_sigset_t uc_sigmask;
};

struct rt_sigframe_ia32 {
	u32 pretcode;
	int sig;
	u32 pinfo;			/* &info: the handler's second argument */
	u32 puc;			/* &uc: its third */
	struct compat_siginfo info;
	struct ucontext_ia32 uc;
	char retcode[8];
};

struct sigframe_ia32 {
	u32 pretcode;
	int sig;
	struct sigcontext_32 sc;
	struct _fpstate_32 fpstate_unused;	/* kept for the layout; the FPU area is above */
	u32 extramask[1];		/* signals 33-64 of the mask (sc.oldmask has 1-32) */
	char retcode[8];
};

#endif
