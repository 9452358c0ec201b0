/*
 * x86's inline hooks for the syscall tracer (kernel/trace/): asked on every traced call, so
 * kept out of a function call (the ABI stays a flag test). The out-of-line hooks are in
 * arch/x86/kernel/trace_channel.c and trace_shm.c.
 */
#ifndef _ASM_X86_SYSCALL_TRACE_H
#define _ASM_X86_SYSCALL_TRACE_H

#include <linux/sched.h>
#include <uapi/linux/ferry_trace.h>

/* A syscall served through the 32-bit table (TS_COMPAT) is an i386 one, whatever the route. */
static __always_inline unsigned int arch_trace_abi(void)
{
	return current_thread_info()->status & TS_COMPAT ? FTR_ABI_I386 : FTR_ABI_X86_64;
}

#endif
