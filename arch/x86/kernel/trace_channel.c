// SPDX-License-Identifier: GPL-2.0
/*
 * x86 side of syscall tracing: the trace channel and the ABI of a syscall.
 *
 * Channel, the first one present:
 *  1. shared memory: QEMU's ivshmem-plain device backed by a host file (trace_shm.c), what
 *     scripts/qemu-run.py --trace sets up; stores go straight into the file.
 *  2. QEMU's debugcon device, an I/O port (0xe9 by default) whose bytes QEMU writes
 *     unchanged to a host file (-debugcon file:trace.jsonl). Needs no driver at all, and
 *     one 'rep outsb' hands over a buffer, but QEMU writes each byte to the file with a
 *     write(2) of its own, about 30x slower than shared memory. Without the device the port
 *     reads back 0xff instead of QEMU's 0xe9 signature.
 * With neither, tracing stays off.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/syscall_trace.h>
#include <asm/io.h>
#include "trace_channel.h"

#define DEBUGCON_PORT 0xe9

extern const struct syscall_abi syscall_abi_x86_64, syscall_abi_i386;

/* A syscall served through the 32-bit table (TS_COMPAT) is an i386 one, whatever the route. */
const struct syscall_abi *arch_syscall_abi(struct pt_regs *regs)
{
	return current_thread_info()->status & TS_COMPAT ? &syscall_abi_i386 : &syscall_abi_x86_64;
}

static bool use_shm;

bool arch_trace_channel_init(void)
{
	use_shm = trace_shm_init();
	if (use_shm)
		return true;
	if (inb(DEBUGCON_PORT) != DEBUGCON_PORT)	/* QEMU's debugcon reads back 0xe9 */
		return false;
	pr_info("trace: channel is debugcon (I/O port %#x)\n", DEBUGCON_PORT);
	return true;
}

void arch_trace_channel_write(const char *buf, size_t len)
{
	if (use_shm) {
		trace_shm_write(buf, len);
		return;
	}
	__asm__ __volatile__("rep outsb"
			     : "+S"(buf), "+c"(len)
			     : "d"(DEBUGCON_PORT)
			     : "memory");
}
