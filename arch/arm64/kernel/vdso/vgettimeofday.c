// SPDX-License-Identifier: GPL-2.0
/*
 * The clock functions of the arm64 vDSO, under the names and version (LINUX_2.6.39) glibc
 * for aarch64 looks up. The bodies are lib/vdso/gettimeofday.c's; arm64 has no time() or
 * getcpu in its vDSO (glibc's time() is clock_gettime(CLOCK_REALTIME_COARSE) there).
 */
#include <asm/vdso/gettimeofday.h>
#include "../../../../lib/vdso/gettimeofday.c"

#define VDSO_EXPORT __attribute__((visibility("default")))

VDSO_EXPORT int __kernel_clock_gettime(int clock, struct vdso_timespec64 *ts);
VDSO_EXPORT int __kernel_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz);
VDSO_EXPORT int __kernel_clock_getres(int clock, struct vdso_timespec64 *res);

int __kernel_clock_gettime(int clock, struct vdso_timespec64 *ts)
{
	return __cvdso_clock_gettime(clock, ts);
}

int __kernel_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	return __cvdso_gettimeofday(tv, tz);
}

int __kernel_clock_getres(int clock, struct vdso_timespec64 *res)
{
	return __cvdso_clock_getres(clock, res);
}
