// SPDX-License-Identifier: GPL-2.0
/*
 * compat_sys_call_table: the arm EABI's syscall table, for AArch32 tasks, indexed by the
 * number in r7 (do_el0_svc_compat, syscall.h).
 *
 * Built from arch/arm64/tools/syscall_32.tbl by scripts/syscalltbl.sh
 * (arch/arm64/Makefile.syscalls), exactly as sys_call_table.c builds the native table:
 *   asm/syscall_entries_32.h  __SYSCALL_ENTRY(sys_foo) once per function the .tbl names,
 *                             a weak alias of the -ENOSYS handler until a SYSCALL_DEFINE
 *                             somewhere provides the strong __arm64_sys_foo;
 *   asm/syscall_table_32.h    __SYSCALL(nr, sys_foo) per row: [nr] = __arm64_sys_foo.
 * The entries are the same __arm64_sys_* wrappers the native table uses: they read the
 * arguments from regs->regs[0..5], which for an AArch32 task are r0-r5, zero-extended by
 * the entry code (entry.S, kernel_entry 0, 32). Where a structure or a 64-bit argument
 * differs in the 32-bit ABI, the .tbl's compat column names a compat_sys_* entry instead.
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

long __arm64_sys_ni_syscall(const struct pt_regs *regs);	/* sys_call_table.c */

/* The table's filler, and what every not-yet-written entry aliases: -ENOSYS. */
static long __arm64_compat_sys_ni_syscall(const struct pt_regs *regs)
{
	return sys_ni_syscall();
}

#define __SYSCALL_ENTRY(sym)							\
	long __arm64_##sym(const struct pt_regs *regs)				\
		__attribute__((__weak__, __alias__("__arm64_compat_sys_ni_syscall")));
#include <asm/syscall_entries_32.h>
#undef __SYSCALL_ENTRY

#define __SYSCALL(nr, sym) [nr] = __arm64_##sym,
const syscall_fn_t compat_sys_call_table[__NR_compat_syscalls] = {
	[0 ... __NR_compat_syscalls - 1] = __arm64_compat_sys_ni_syscall,
#include <asm/syscall_table_32.h>
};
#undef __SYSCALL
