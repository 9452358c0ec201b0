/* Kernel stack size. 16 KiB as in Linux x86_64: a power of two, so a stack's base is sp & ~(size-1). */
#ifndef _ASM_X86_THREAD_INFO_H
#define _ASM_X86_THREAD_INFO_H

#include <asm/page.h>

#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)

/* Stacks the CPU switches to through the TSS IST slots (#DF, NMI, #MC): one page pair each. */
#define IST_STACK_SIZE		(2 * PAGE_SIZE)

#endif
