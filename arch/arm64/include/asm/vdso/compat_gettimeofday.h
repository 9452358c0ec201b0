/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the AArch32 (arm EABI) vDSO of arm64 kernels (kernel/vdso32/vgettimeofday.c) needs
 * for lib/vdso/gettimeofday.c: the virtual counter through CP15, ARMv7's barriers and the
 * EABI syscalls. User-space A32 code, built by the arm compiler
 * (arm-linux-gnueabihf-gcc or clang --target=arm-linux-gnueabihf), -fPIC without libc.
 */
#ifndef _ASM_ARM64_VDSO_COMPAT_GETTIMEOFDAY_H
#define _ASM_ARM64_VDSO_COMPAT_GETTIMEOFDAY_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <vdso/datapage.h>
#include <asm/unistd_32_compat.h>

#define VDSO_HAS_32BIT_FALLBACK	1

/* ARMv7 has no load-only dmb: the full inner-shareable one orders the loads. */
#define smp_rmb()	__asm__ __volatile__("dmb ish" ::: "memory")

static __always_inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" ::: "memory");
}

/* CNTVCT (mrrc p15, 1, c14), readable at EL0 as in AArch64; isb as the arm64 vDSO. */
static __always_inline u64 __arch_get_hw_counter(void)
{
	u64 c;

	__asm__ __volatile__("isb\n\tmrrc p15, 1, %Q0, %R0, c14" : "=r"(c) : : "memory");
	return c;
}

/* svc #0 with the number in r7 (EABI). */
static __always_inline long vdso_syscall2(long nr, long a, long b)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r7 __asm__("r7") = nr;

	__asm__ __volatile__("svc #0" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
	return r0;
}

/* The 64-bit-time calls serve clock_gettime64 and the 64-bit getres; the original pair the
 * 32-bit-seconds functions. */
#define clock_gettime_fallback(clk, ts)	  vdso_syscall2(__NR_compat_clock_gettime64, clk, (long)(ts))
#define clock_getres_fallback(clk, ts)	  vdso_syscall2(__NR_compat_clock_getres_time64, clk, (long)(ts))
#define clock_gettime32_fallback(clk, ts) vdso_syscall2(__NR_compat_clock_gettime, clk, (long)(ts))
#define clock_getres32_fallback(clk, ts)  vdso_syscall2(__NR_compat_clock_getres, clk, (long)(ts))
#define gettimeofday_fallback(tv, tz)	  vdso_syscall2(__NR_compat_gettimeofday, (long)(tv), (long)(tz))

#endif
