/*
 * The FPU area of x86 signal frames (arch/x86/kernel/fpu_signal.c): its size, saving the
 * live registers into it, restoring them from it at sigreturn.
 */
#ifndef _ASM_X86_FPU_SIGNAL_H
#define _ASM_X86_FPU_SIGNAL_H

#include <linux/types.h>
#include <linux/compiler.h>

/* Bytes below the frame for the FPU area (64-bit: at a 64-byte boundary; i386: 112 more). */
unsigned long fpu_sigframe_size(bool ia32);
/* Live registers into the area at buf; 0 or -EFAULT. */
int fpu_save_sigframe(void __user *buf, bool ia32);
/* The area at buf (0: none, reset) into the live registers; false: refused. */
bool fpu_restore_sigframe(const void __user *buf, bool ia32);

#endif
