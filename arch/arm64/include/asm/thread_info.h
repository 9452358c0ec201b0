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

/* Per-CPU stack the overflow path runs on (entry.S). */
#define OVERFLOW_STACK_SIZE	(2 * PAGE_SIZE)

#endif
