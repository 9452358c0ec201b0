// SPDX-License-Identifier: GPL-2.0
/*
 * ia32_sys_call_table: the i386 syscall table (int $0x80, sysenter, 32-bit syscall), indexed by EAX.
 *
 * Built from arch/x86/entry/syscalls/syscall_32.tbl by scripts/syscalltbl.sh
 * (arch/x86/Makefile.syscalls):
 *   asm/syscall_entries_32.h  __SYSCALL_ENTRY(sys_foo) once per function named in the .tbl:
 *                             each becomes a weak alias of __ia32_sys_ni_syscall, so the
 *                             table links even for syscalls nobody has written yet; a
 *                             SYSCALL_DEFINE elsewhere provides the strong __ia32_sys_foo.
 *   asm/syscalls_32.h         __SYSCALL(nr, sys_foo) per row: [nr] = __ia32_sys_foo.
 * The range initializer [0 ... IA32_NR_syscalls - 1] first fills every slot with the -ENOSYS
 * handler, so numbers the .tbl skips are safe too; the rows then override their slots (that
 * override is intended, hence -Wno-override-init for this file only).
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include "entry.h"

long __ia32_sys_ni_syscall(const struct pt_regs *regs);
long __ia32_sys_ni_syscall(const struct pt_regs *regs)
{
	return sys_ni_syscall();
}

#define __SYSCALL_ENTRY(sym)							\
	long __ia32_##sym(const struct pt_regs *regs)				\
		__attribute__((__weak__, __alias__("__ia32_sys_ni_syscall")));
#include <asm/syscall_entries_32.h>
#undef __SYSCALL_ENTRY

#define __SYSCALL(nr, sym) [nr] = __ia32_##sym,
const syscall_fn_t ia32_sys_call_table[IA32_NR_syscalls] = {
	[0 ... IA32_NR_syscalls - 1] = __ia32_sys_ni_syscall,
#include <asm/syscalls_32.h>
};
#undef __SYSCALL
