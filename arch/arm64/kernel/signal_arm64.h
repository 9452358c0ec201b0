/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the arm64 signal files share (signal.c: arm64 frames, the restart decision and
 * valid_user_regs; signal32.c: AArch32 frames).
 */
#ifndef _ARM64_KERNEL_SIGNAL_ARM64_H
#define _ARM64_KERNEL_SIGNAL_ARM64_H

#include <linux/types.h>

struct pt_regs;

/* PSTATE fit for user mode in the task's own state? Forced to one if not (false). */
bool valid_user_regs(struct pt_regs *regs);
/* A sigreturn frame at addr could not be used: SIGSEGV (MAPERR or ACCERR). */
void arm64_notify_segfault(struct pt_regs *regs, unsigned long addr);

/*
 * Words from src to dst (or zeros), unrolled for a constant n: a memcpy or memset call
 * (-fno-builtin, -mstrict-align) costs several times as many instructions for the frame's
 * registers and holes, on every signal.
 */
static __always_inline void copy_words(u64 *dst, const u64 *src, unsigned int n)
{
#pragma GCC unroll 32
	for (unsigned int i = 0; i < n; i++)
		dst[i] = src[i];
}

static __always_inline void zero_words(u64 *dst, unsigned int n)
{
#pragma GCC unroll 32
	for (unsigned int i = 0; i < n; i++)
		dst[i] = 0;
}

#endif
