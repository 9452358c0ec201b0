/*
 * Shared by the files of arch/x86/entry: the syscall tables (syscall_64.c, syscall_32.c),
 * and the C entry points the assembly calls (common.c).
 */
#ifndef _ARCH_X86_ENTRY_H
#define _ARCH_X86_ENTRY_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/entry-common.h>
#include <asm/unistd.h>

struct pt_regs;

extern const syscall_fn_t sys_call_table[NR_syscalls];
extern const syscall_fn_t ia32_sys_call_table[IA32_NR_syscalls];

void do_syscall_64(struct pt_regs *regs, int nr);
void do_int80_syscall_32(struct pt_regs *regs);
bool do_SYSENTER_32(struct pt_regs *regs);
bool do_SYSCALL_32(struct pt_regs *regs);

#endif
