// SPDX-License-Identifier: GPL-2.0
/*
 * The clock functions of the AArch32 (arm EABI) vDSO of arm64 kernels, under the names and
 * version (LINUX_2.6) glibc for arm looks up: the original 32-bit-seconds calls and the
 * clock_gettime64 glibc prefers. The bodies are lib/vdso/gettimeofday.c's. A32 code; the
 * sigreturn code of handlers without SA_RESTORER is on [sigpage], not here (as on Linux).
 */
#include <asm/vdso/compat_gettimeofday.h>
#include "../../../../lib/vdso/gettimeofday.c"

#define VDSO_EXPORT __attribute__((visibility("default")))

VDSO_EXPORT int __vdso_clock_gettime(int clock, struct vdso_timespec32 *ts);
VDSO_EXPORT int __vdso_clock_gettime64(int clock, struct vdso_timespec64 *ts);
VDSO_EXPORT int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz);
VDSO_EXPORT int __vdso_clock_getres(int clock, struct vdso_timespec32 *res);

int __vdso_clock_gettime(int clock, struct vdso_timespec32 *ts)
{
	return __cvdso_clock_gettime32(clock, ts);
}

int __vdso_clock_gettime64(int clock, struct vdso_timespec64 *ts)
{
	return __cvdso_clock_gettime(clock, ts);
}

int __vdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	return __cvdso_gettimeofday(tv, tz);
}

int __vdso_clock_getres(int clock, struct vdso_timespec32 *res)
{
	return __cvdso_clock_getres32(clock, res);
}
