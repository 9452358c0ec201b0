/*
 * x86 syscall wrappers: the only place that knows which register carries which argument.
 *
 *   64-bit ABI (syscall):     rdi rsi rdx r10 r8 r9   (r10, not rcx: SYSCALL put the return
 *                                                      address in rcx)
 *   i386 ABI (int $0x80, sysenter, syscall from 32-bit code):
 *                             ebx ecx edx esi edi ebp, each zero-extended: a 32-bit process
 *                             cannot have meant the upper halves, whatever they contain
 *
 * Each SYSCALL_DEFINE produces both __x64_sys_NAME and __ia32_sys_NAME over one body; each
 * COMPAT_SYSCALL_DEFINE (linux/compat.h) produces __ia32_compat_sys_NAME, the i386 table's
 * entry where the .tbl's compat column names compat_sys_NAME. (No x32 ABI, so no
 * __x32_compat_sys_NAME.)
 */
#ifndef _ASM_X86_SYSCALL_WRAPPER_H
#define _ASM_X86_SYSCALL_WRAPPER_H

#include <asm/ptrace.h>

#define SC_X86_64_REGS_TO_ARGS(x, ...)					\
	__MAP(x, __SC_ARGS, , regs->di, , regs->si, , regs->dx,		\
	      , regs->r10, , regs->r8, , regs->r9)

#define SC_IA32_REGS_TO_ARGS(x, ...)					\
	__MAP(x, __SC_ARGS, , (long)(u32)regs->bx, , (long)(u32)regs->cx,	\
	      , (long)(u32)regs->dx, , (long)(u32)regs->si,		\
	      , (long)(u32)regs->di, , (long)(u32)regs->bp)

#define __SYSCALL_DEFINEx(x, name, ...)					\
	long __x64_sys##name(const struct pt_regs *regs);		\
	long __ia32_sys##name(const struct pt_regs *regs);		\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));	\
	long __x64_sys##name(const struct pt_regs *regs)		\
	{								\
		return __se_sys##name(SC_X86_64_REGS_TO_ARGS(x, __VA_ARGS__)); \
	}								\
	long __ia32_sys##name(const struct pt_regs *regs)		\
	{								\
		return __se_sys##name(SC_IA32_REGS_TO_ARGS(x, __VA_ARGS__)); \
	}								\
	__SYSCALL_SE_DO(x, name, __VA_ARGS__)

#define __SYSCALL_DEFINE0(sname)					\
	static long __do_sys_##sname(void);				\
	long __x64_sys_##sname(const struct pt_regs *regs);		\
	long __ia32_sys_##sname(const struct pt_regs *regs);		\
	long __x64_sys_##sname(const struct pt_regs *regs)		\
	{								\
		return __do_sys_##sname();				\
	}								\
	long __ia32_sys_##sname(const struct pt_regs *regs)		\
	{								\
		return __do_sys_##sname();				\
	}								\
	static long __do_sys_##sname(void)

#define __COMPAT_SYSCALL_DEFINEx(x, name, ...)				\
	long __ia32_compat_sys##name(const struct pt_regs *regs);	\
	static long __se_compat_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__)); \
	long __ia32_compat_sys##name(const struct pt_regs *regs)	\
	{								\
		return __se_compat_sys##name(SC_IA32_REGS_TO_ARGS(x, __VA_ARGS__)); \
	}								\
	__COMPAT_SYSCALL_SE_DO(x, name, __VA_ARGS__)

#define __COMPAT_SYSCALL_DEFINE0(sname)					\
	static long __do_compat_sys_##sname(void);			\
	long __ia32_compat_sys_##sname(const struct pt_regs *regs);	\
	long __ia32_compat_sys_##sname(const struct pt_regs *regs)	\
	{								\
		return __do_compat_sys_##sname();			\
	}								\
	static long __do_compat_sys_##sname(void)

#endif
