/*
 * The arm64 signal frame as user space sees it (Linux's uapi asm/sigcontext.h and
 * asm/ucontext.h layouts; offsets are ABI, checked by BUILD_BUG_ON in kernel/signal.c).
 *
 * A handler's sp points at struct rt_sigframe: the 128-byte siginfo, then the ucontext whose
 * uc_mcontext holds x0-x30, sp, pc, pstate and the fault address, followed by a 4 KiB
 * __reserved area of records. Each record starts with {magic, size} (struct _aarch64_ctx),
 * is a multiple of 16 bytes and follows the previous one; a record with magic 0 and size 0
 * ends the list. The kernel writes:
 *   fpsimd_context  FPSIMD_MAGIC, 528 bytes: FPSR, FPCR, V0-V31 (always)
 *   esr_context     ESR_MAGIC, 16 bytes: ESR_EL1 of the fault that raised the signal (when
 *                   the thread has one recorded: thread.fault_code != 0)
 *   terminator      {0, 0}
 * and rt_sigreturn reads them back with bounds checks. Just above the frame sits a frame
 * record {fp, lr} of the interrupted code; x29 points at it while the handler runs, so a
 * backtrace walks from the handler into the code the signal interrupted.
 */
#ifndef _ASM_ARM64_SIGCONTEXT_H
#define _ASM_ARM64_SIGCONTEXT_H

#include <linux/types.h>
#include <linux/signal_types.h>

struct sigcontext {
	u64 fault_address;
	u64 regs[31];
	u64 sp;
	u64 pc;
	u64 pstate;
	u8 __reserved[4096] __attribute__((__aligned__(16)));	/* the records */
};

/* The header of every record in __reserved. */
struct _aarch64_ctx {
	u32 magic;
	u32 size;		/* of the whole record, header included */
};

#define FPSIMD_MAGIC	0x46508001
struct fpsimd_context {
	struct _aarch64_ctx head;
	u32 fpsr;
	u32 fpcr;
	__uint128_t vregs[32];
};

#define ESR_MAGIC	0x45535201
struct esr_context {
	struct _aarch64_ctx head;
	u64 esr;
};

/* Records Linux defines that this kernel neither writes nor accepts (docs/signals.md). */
#define EXTRA_MAGIC	0x45585401	/* more records beyond __reserved */
#define SVE_MAGIC	0x53564501
#define ZA_MAGIC	0x54366345

/* user: the arm64 ucontext (glibc's ucontext_t has the same layout) */
struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	stack_t uc_stack;
	sigset_t uc_sigmask;
	u8 __unused[1024 / 8 - sizeof(sigset_t)];	/* glibc's sigset_t is 1024 bits */
	struct sigcontext uc_mcontext;			/* last: it may grow */
};

/* What a handler's sp points at. */
struct rt_sigframe {
	siginfo_t info;
	struct ucontext uc;
};

/* The interrupted code's frame record, just above the rt_sigframe. */
struct frame_record {
	u64 fp;
	u64 lr;
};

#endif
