// SPDX-License-Identifier: GPL-2.0
/*
 * sys_call_table: the arm64 syscall table, indexed by the number in x8.
 *
 * Built from scripts/syscall.tbl (the asm-generic numbering arm64 uses) by
 * scripts/syscalltbl.sh (arch/arm64/Makefile.syscalls):
 *   asm/syscall_entries_64.h  __SYSCALL_ENTRY(sys_foo) once per function named in the .tbl:
 *                             each becomes a weak alias of __arm64_sys_ni_syscall, so the
 *                             table links even for syscalls nobody has written yet; a
 *                             SYSCALL_DEFINE elsewhere provides the strong __arm64_sys_foo.
 *   asm/syscall_table_64.h    __SYSCALL(nr, sys_foo) per row: [nr] = __arm64_sys_foo.
 * The range initializer [0 ... __NR_syscalls - 1] first fills every slot with the -ENOSYS
 * handler, so numbers the .tbl skips are safe too; the rows then override their slots. That
 * override is intended, hence -Wno-override-init for this file only (arch/arm64/Makefile).
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

long __arm64_sys_ni_syscall(const struct pt_regs *regs);
long __arm64_sys_ni_syscall(const struct pt_regs *regs)
{
	return sys_ni_syscall();
}

#define __SYSCALL_ENTRY(sym)							\
	long __arm64_##sym(const struct pt_regs *regs)				\
		__attribute__((__weak__, __alias__("__arm64_sys_ni_syscall")));
#include <asm/syscall_entries_64.h>
#undef __SYSCALL_ENTRY

#define __SYSCALL(nr, sym) [nr] = __arm64_##sym,
const syscall_fn_t sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = __arm64_sys_ni_syscall,
#include <asm/syscall_table_64.h>
};
#undef __SYSCALL
