/*
 * arm64's inline hooks for the syscall tracer (kernel/trace/): asked on every traced call, so
 * kept out of a function call (the ABI stays a flag test). The out-of-line hooks are in
 * arch/arm64/kernel/trace_channel.c and trace_shm.c.
 */
#ifndef _ASM_ARM64_SYSCALL_TRACE_H
#define _ASM_ARM64_SYSCALL_TRACE_H

#include <linux/compat.h>
#include <uapi/linux/ferry_trace.h>

/* The task's ABI, fixed at exec: AArch32 code makes only arm (EABI) syscalls. */
static __always_inline unsigned int arch_trace_abi(void)
{
	return is_compat_task() ? FTR_ABI_ARM : FTR_ABI_ARM64;
}

#endif
