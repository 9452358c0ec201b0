// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 side of syscall tracing: which ABI a syscall or a task is served from. Two ABIs,
 * fixed per task at exec: svc #0 from AArch64 with the asm-generic numbers, and svc #0 from
 * AArch32 with the arm EABI's (TIF_32BIT). The channel, arch_trace_shm_map(), is the PCIe
 * ivshmem device's (trace_shm.c).
 */
#include <linux/kernel.h>
#include <linux/compat.h>
#include <linux/syscall_trace.h>
#include <uapi/linux/ferry_trace.h>

extern const struct syscall_abi syscall_abi_arm64, syscall_abi_arm;

const struct syscall_abi *arch_syscall_abi(struct pt_regs *regs)
{
	return is_compat_task() ? &syscall_abi_arm : &syscall_abi_arm64;
}

unsigned int arch_trace_exec_abi(bool compat)
{
	return compat ? FTR_ABI_ARM : FTR_ABI_ARM64;
}

const struct syscall_abi *arch_trace_abi_table(unsigned int abi)
{
	return abi == FTR_ABI_ARM64 ? &syscall_abi_arm64 :
	       abi == FTR_ABI_ARM ? &syscall_abi_arm : NULL;
}
