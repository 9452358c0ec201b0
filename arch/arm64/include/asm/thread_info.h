/*
 * Kernel stack size: 16 KiB as in Linux arm64. Stacks are also aligned to 2*THREAD_SIZE, so
 * every address on a stack has bit THREAD_SHIFT clear and the guard page below has it set:
 * the vector entry tests that one bit to notice an overflow (entry.S, kernel_ventry).
 */
#ifndef _ASM_ARM64_THREAD_INFO_H
#define _ASM_ARM64_THREAD_INFO_H

#include <asm/page.h>

#define THREAD_SHIFT	14
#define THREAD_SIZE	(_AC(1, UL) << THREAD_SHIFT)
#define THREAD_ALIGN	(2 * THREAD_SIZE)

/*
 * TIF_32BIT in thread_info.flags: this task runs AArch32 code (the arm EABI). exec sets or
 * clears it (start_thread) and nothing else changes it, so it names the task's syscall ABI:
 * an AArch32 task can only make AArch32 syscalls (is_compat_task, in_compat_syscall). Above
 * the generic bits of linux/thread_info.h; never part of the exit-work mask.
 */
#define TIF_32BIT	22
#define _TIF_32BIT	(_AC(1, UL) << TIF_32BIT)

/* Per-CPU stack the overflow path runs on (entry.S). */
#define OVERFLOW_STACK_SIZE	(2 * PAGE_SIZE)

#endif
