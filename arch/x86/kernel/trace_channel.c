// SPDX-License-Identifier: GPL-2.0
/*
 * x86 side of syscall tracing: the trace channel and the ABI of a syscall.
 *
 * Channel: QEMU's debugcon device, an I/O port (0xe9 by default) whose bytes QEMU writes
 * unchanged to a host file (-debugcon file:trace.jsonl). Apart from the console, needs no
 * driver, and a 'rep outsb' moves a whole buffer in one instruction. Without the device the
 * port reads back 0xff instead of QEMU's 0xe9 signature, and tracing stays off.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/syscall_trace.h>
#include <asm/io.h>

#define DEBUGCON_PORT 0xe9

extern const struct syscall_abi syscall_abi_x86_64, syscall_abi_i386;

/* A syscall served through the 32-bit table (TS_COMPAT) is an i386 one, whatever the route. */
const struct syscall_abi *arch_syscall_abi(struct pt_regs *regs)
{
	return current_thread_info()->status & TS_COMPAT ? &syscall_abi_i386 : &syscall_abi_x86_64;
}

bool arch_trace_channel_init(void)
{
	return inb(DEBUGCON_PORT) == DEBUGCON_PORT;	/* QEMU's debugcon reads back 0xe9 */
}

void arch_trace_channel_write(const char *buf, size_t len)
{
	__asm__ __volatile__("rep outsb"
			     : "+S"(buf), "+c"(len)
			     : "d"(DEBUGCON_PORT)
			     : "memory");
}
