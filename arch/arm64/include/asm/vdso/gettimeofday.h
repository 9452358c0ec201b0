/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the arm64 vDSO (kernel/vdso/vgettimeofday.c) needs from the machine for
 * lib/vdso/gettimeofday.c: the virtual counter, the barriers and the real syscalls to fall
 * back to. User-space AArch64 code, built -fPIC without libc.
 */
#ifndef _ASM_ARM64_VDSO_GETTIMEOFDAY_H
#define _ASM_ARM64_VDSO_GETTIMEOFDAY_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <vdso/datapage.h>
#include <asm/unistd_64.h>

/* The seqcount's read barrier: loads before it complete before loads after it. */
#define smp_rmb()	__asm__ __volatile__("dmb ishld" ::: "memory")

static __always_inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/*
 * CNTVCT_EL0, which EL0 may read (CNTKCTL_EL1.EL0VCTEN, set at boot). The isb keeps the read
 * from being done ahead of the seqcount's load, as the kernel's get_cycles() does.
 */
static __always_inline u64 __arch_get_hw_counter(void)
{
	u64 c;

	__asm__ __volatile__("isb\n\tmrs %0, cntvct_el0" : "=r"(c) : : "memory");
	return c;
}

static __always_inline long vdso_syscall2(long nr, long a, long b)
{
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x8 __asm__("x8") = nr;

	__asm__ __volatile__("svc #0" : "+r"(x0) : "r"(x1), "r"(x8) : "memory");
	return x0;
}

#define clock_gettime_fallback(clk, ts)	vdso_syscall2(__NR_clock_gettime, clk, (long)(ts))
#define clock_getres_fallback(clk, ts)	vdso_syscall2(__NR_clock_getres, clk, (long)(ts))
#define gettimeofday_fallback(tv, tz)	vdso_syscall2(__NR_gettimeofday, (long)(tv), (long)(tz))

#endif
