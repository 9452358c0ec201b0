// SPDX-License-Identifier: GPL-2.0
/*
 * The generic syscall path: what happens between the arch entry code and the syscall body,
 * identical for x86_64 syscall, int $0x80, sysenter, 32-bit syscall and arm64 svc.
 *
 * The fast path is short on purpose: one test of syscall_work on the way in, the bounds
 * check and array_index_nospec() in invoke_syscall, one test of syscall_work and one of
 * the TIF flags on the way out. Everything else lives behind those tests. Those steps are
 * inline functions in <linux/entry-common.h>, compiled into each arch's C entry function;
 * this file keeps the out-of-line pieces.
 */
#include <linux/entry-common.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/nospec.h>
#include <linux/irqflags.h>
#include <asm/syscall.h>

/* An interrupt or a fault from user mode ends as a syscall does: in exit_to_user_mode. */
void irqentry_exit_to_user_mode(struct pt_regs *regs)
{
	exit_to_user_mode(regs);
}

long sys_ni_syscall(void)
{
	return -ENOSYS;
}
