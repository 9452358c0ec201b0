// SPDX-License-Identifier: GPL-2.0
/*
 * x86 side of syscall tracing: which ABI a syscall or a task is served from. The channel
 * itself (the ivshmem BAR) is trace_shm.c.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscall_trace.h>
#include <uapi/linux/ferry_trace.h>

extern const struct syscall_abi syscall_abi_x86_64, syscall_abi_i386;

/* A syscall served through the 32-bit table (TS_COMPAT) is an i386 one, whatever the route. */
const struct syscall_abi *arch_syscall_abi(struct pt_regs *regs)
{
	return current_thread_info()->status & TS_COMPAT ? &syscall_abi_i386 : &syscall_abi_x86_64;
}

unsigned int arch_trace_exec_abi(bool compat)
{
	return compat ? FTR_ABI_I386 : FTR_ABI_X86_64;
}

const struct syscall_abi *arch_trace_abi_table(unsigned int abi)
{
	return abi == FTR_ABI_X86_64 ? &syscall_abi_x86_64 :
	       abi == FTR_ABI_I386 ? &syscall_abi_i386 : NULL;
}
