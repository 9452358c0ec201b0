// SPDX-License-Identifier: GPL-2.0
/*
 * The clock functions of the x86 vDSOs, built twice: -m64 for the x86_64 image (vdso64/,
 * Linux's names and aliases, version LINUX_2.6) and -m32 for the i386 one (vdso32/, beside
 * __kernel_vsyscall and the sigreturns). The bodies are lib/vdso/gettimeofday.c's.
 *
 * getcpu asks the kernel: Linux reads the CPU number from a per-CPU segment limit (LSL) or
 * RDPID, which needs per-CPU GDT entries this kernel does not set up yet (issue 17, SMP);
 * the syscall is always right, only slower.
 */
#include <asm/vdso/gettimeofday.h>
#include "../../../../lib/vdso/gettimeofday.c"

#define VDSO_EXPORT __attribute__((visibility("default")))

VDSO_EXPORT int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz);
VDSO_EXPORT long __vdso_time(long *t);
VDSO_EXPORT long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused);

int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	return __cvdso_gettimeofday(tv, tz);
}

long __vdso_time(long *t)
{
	return __cvdso_time(t);
}

long __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused)
{
	return vdso_syscall3(NR_getcpu, (long)cpu, (long)node, (long)unused);
}

#ifdef __x86_64__
VDSO_EXPORT int __vdso_clock_gettime(int clock, struct vdso_timespec64 *ts);
VDSO_EXPORT int __vdso_clock_getres(int clock, struct vdso_timespec64 *res);

int __vdso_clock_gettime(int clock, struct vdso_timespec64 *ts)
{
	return __cvdso_clock_gettime(clock, ts);
}

int __vdso_clock_getres(int clock, struct vdso_timespec64 *res)
{
	return __cvdso_clock_getres(clock, res);
}

/* Linux's x86_64 vDSO also exports the plain names, weak, under the same version. */
int clock_gettime(int, struct vdso_timespec64 *) __attribute__((weak, alias("__vdso_clock_gettime")));
int gettimeofday(struct vdso_timeval *, struct vdso_timezone *)
	__attribute__((weak, alias("__vdso_gettimeofday")));
long time(long *) __attribute__((weak, alias("__vdso_time")));
int clock_getres(int, struct vdso_timespec64 *) __attribute__((weak, alias("__vdso_clock_getres")));
long getcpu(unsigned int *, unsigned int *, void *) __attribute__((weak, alias("__vdso_getcpu")));
#else
/* i386: the original calls take 32-bit seconds; the *64 ones are the y2038-safe pair. */
VDSO_EXPORT int __vdso_clock_gettime(int clock, struct vdso_timespec32 *ts);
VDSO_EXPORT int __vdso_clock_gettime64(int clock, struct vdso_timespec64 *ts);
VDSO_EXPORT int __vdso_clock_getres(int clock, struct vdso_timespec32 *res);

int __vdso_clock_gettime(int clock, struct vdso_timespec32 *ts)
{
	return __cvdso_clock_gettime32(clock, ts);
}

int __vdso_clock_gettime64(int clock, struct vdso_timespec64 *ts)
{
	return __cvdso_clock_gettime(clock, ts);
}

int __vdso_clock_getres(int clock, struct vdso_timespec32 *res)
{
	return __cvdso_clock_getres32(clock, res);
}
#endif
