// SPDX-License-Identifier: GPL-2.0
/*
 * sys_call_table: the x86_64 syscall table, indexed by the number in RAX.
 *
 * Built from arch/x86/entry/syscalls/syscall_64.tbl by scripts/syscalltbl.sh
 * (arch/x86/Makefile.syscalls):
 *   asm/syscall_entries_64.h  __SYSCALL_ENTRY(sys_foo) once per function named in the .tbl:
 *                             each becomes a weak alias of __x64_sys_ni_syscall, so the
 *                             table links even for syscalls nobody has written yet; a
 *                             SYSCALL_DEFINE elsewhere provides the strong __x64_sys_foo.
 *   asm/syscalls_64.h         __SYSCALL(nr, sys_foo) per row: [nr] = __x64_sys_foo.
 * The range initializer [0 ... NR_syscalls - 1] first fills every slot with the -ENOSYS
 * handler, so numbers the .tbl skips are safe too; the rows then override their slots (that
 * override is intended, hence -Wno-override-init for this file only).
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include "entry.h"

long __x64_sys_ni_syscall(const struct pt_regs *regs);
long __x64_sys_ni_syscall(const struct pt_regs *regs)
{
	return sys_ni_syscall();
}

#define __SYSCALL_ENTRY(sym)							\
	long __x64_##sym(const struct pt_regs *regs)				\
		__attribute__((__weak__, __alias__("__x64_sys_ni_syscall")));
#include <asm/syscall_entries_64.h>
#undef __SYSCALL_ENTRY

#define __SYSCALL(nr, sym) [nr] = __x64_##sym,
const syscall_fn_t sys_call_table[NR_syscalls] = {
	[0 ... NR_syscalls - 1] = __x64_sys_ni_syscall,
#include <asm/syscalls_64.h>
};
#undef __SYSCALL
