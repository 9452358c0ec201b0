/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the x86 vDSOs (64-bit and i386, entry/vdso/vclock_gettime.c) need from the machine
 * for lib/vdso/gettimeofday.c: the TSC, the barriers and the real syscalls to fall back to. User-space code: built -m64 or -m32, -fPIC, without libc.
 */
#ifndef _ASM_X86_VDSO_GETTIMEOFDAY_H
#define _ASM_X86_VDSO_GETTIMEOFDAY_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <vdso/datapage.h>
#ifdef __x86_64__
#include <asm/unistd_64.h>
#else
#include <asm/unistd_32_ia32.h>
#define VDSO_HAS_32BIT_FALLBACK	1
#endif
#define VDSO_HAS_TIME		1

/* x86 keeps loads in order (TSO): the seqcount's read barrier only stops the compiler. */
#define smp_rmb()	barrier()

static __always_inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" ::: "memory");
}

/*
 * The TSC, as the kernel reads it (asm/timex.h), after an lfence: rdtsc is not ordered with
 * loads, and reading it ahead of the seqcount's first load could pair an old counter with
 * new bases (Linux's rdtsc_ordered).
 */
static __always_inline u64 __arch_get_hw_counter(void)
{
	u32 lo, hi;

	__asm__ __volatile__("lfence\n\trdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

#ifdef __x86_64__
static __always_inline long vdso_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("syscall" : "=a"(ret) : "0"(nr), "D"(a), "S"(b), "d"(c)
			     : "rcx", "r11", "memory");
	return ret;
}
#define NR_clock_gettime	__NR_clock_gettime
#define NR_clock_getres		__NR_clock_getres
#define NR_gettimeofday		__NR_gettimeofday
#define NR_time			__NR_time
#define NR_getcpu		__NR_getcpu
#else
/* int $0x80, the route every i386 kernel takes; EBX is free to name in PIC code (GCC 5+). */
static __always_inline long vdso_syscall3(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "0"(nr), "b"(a), "c"(b), "d"(c)
			     : "memory");
	return ret;
}
/* i386's 64-bit-time calls serve __vdso_clock_gettime64 and the 64-bit getres. */
#define NR_clock_gettime	__NR_ia32_clock_gettime64
#define NR_clock_getres		__NR_ia32_clock_getres_time64
#define NR_clock_gettime32	__NR_ia32_clock_gettime
#define NR_clock_getres32	__NR_ia32_clock_getres
#define NR_gettimeofday		__NR_ia32_gettimeofday
#define NR_time			__NR_ia32_time
#define NR_getcpu		__NR_ia32_getcpu
#endif

#define vdso_syscall2(nr, a, b)	vdso_syscall3(nr, a, b, 0)
#define clock_gettime_fallback(clk, ts)	 vdso_syscall2(NR_clock_gettime, clk, (long)(ts))
#define clock_getres_fallback(clk, ts)	 vdso_syscall2(NR_clock_getres, clk, (long)(ts))
#define clock_gettime32_fallback(clk, ts) vdso_syscall2(NR_clock_gettime32, clk, (long)(ts))
#define clock_getres32_fallback(clk, ts)  vdso_syscall2(NR_clock_getres32, clk, (long)(ts))
#define gettimeofday_fallback(tv, tz)	 vdso_syscall2(NR_gettimeofday, (long)(tv), (long)(tz))

#endif
