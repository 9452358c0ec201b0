/*
 * arm64 syscall wrappers: arguments in x0..x5 (regs->regs[0..5]), the number in x8.
 * Each SYSCALL_DEFINE produces __arm64_sys_NAME over the shared body.
 *
 * AArch32 tasks (the arm EABI) pass arguments in r0..r5, which are the low halves of
 * x0..x5. Each COMPAT_SYSCALL_DEFINE (linux/compat.h) produces __arm64_compat_sys_NAME, the
 * arm table's entry where its compat column names compat_sys_NAME; it cuts every register to
 * its 32 bits (zero-extends) whatever the upper half holds, and the declared compat_ type
 * then gives the sign.
 */
#ifndef _ASM_ARM64_SYSCALL_WRAPPER_H
#define _ASM_ARM64_SYSCALL_WRAPPER_H

#include <asm/ptrace.h>

#define SC_ARM64_REGS_TO_ARGS(x, ...)					\
	__MAP(x, __SC_ARGS, , regs->regs[0], , regs->regs[1], , regs->regs[2],	\
	      , regs->regs[3], , regs->regs[4], , regs->regs[5])

#define __SYSCALL_DEFINEx(x, name, ...)					\
	long __arm64_sys##name(const struct pt_regs *regs);		\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));	\
	long __arm64_sys##name(const struct pt_regs *regs)		\
	{								\
		return __se_sys##name(SC_ARM64_REGS_TO_ARGS(x, __VA_ARGS__)); \
	}								\
	__SYSCALL_SE_DO(x, name, __VA_ARGS__)

#define __SYSCALL_DEFINE0(sname)					\
	static long __do_sys_##sname(void);				\
	long __arm64_sys_##sname(const struct pt_regs *regs);		\
	long __arm64_sys_##sname(const struct pt_regs *regs)		\
	{								\
		return __do_sys_##sname();				\
	}								\
	static long __do_sys_##sname(void)

#define SC_ARM64_COMPAT_REGS_TO_ARGS(x, ...)				\
	__MAP(x, __SC_ARGS, , (long)(u32)regs->regs[0], , (long)(u32)regs->regs[1],	\
	      , (long)(u32)regs->regs[2], , (long)(u32)regs->regs[3],		\
	      , (long)(u32)regs->regs[4], , (long)(u32)regs->regs[5])

#define __COMPAT_SYSCALL_DEFINEx(x, name, ...)				\
	long __arm64_compat_sys##name(const struct pt_regs *regs);	\
	static long __se_compat_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__)); \
	long __arm64_compat_sys##name(const struct pt_regs *regs)	\
	{								\
		return __se_compat_sys##name(SC_ARM64_COMPAT_REGS_TO_ARGS(x, __VA_ARGS__)); \
	}								\
	__COMPAT_SYSCALL_SE_DO(x, name, __VA_ARGS__)

#define __COMPAT_SYSCALL_DEFINE0(sname)					\
	static long __do_compat_sys_##sname(void);			\
	long __arm64_compat_sys_##sname(const struct pt_regs *regs);	\
	long __arm64_compat_sys_##sname(const struct pt_regs *regs)	\
	{								\
		return __do_compat_sys_##sname();			\
	}								\
	static long __do_compat_sys_##sname(void)

#endif
