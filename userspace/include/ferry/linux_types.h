/* SPDX-License-Identifier: GPL-2.0 */
/*
 * User-ABI structures and small helpers that several probes share, laid out as each ABI's
 * Linux headers lay them out (long and pointers are 4 bytes on i386 and arm, 8 on x86_64 and
 * arm64), so a probe checks the kernel against the ABI and not against itself.
 */
#ifndef _FERRY_LINUX_TYPES_H
#define _FERRY_LINUX_TYPES_H

#include <ferry/probe.h>

/* An address or -errno: addresses above 2 GiB are negative as a 32-bit long. */
#define FAILED(r)	((unsigned long)(r) > -4096UL)
#define CLOCK_MONOTONIC	1

/* sysinfo(2)'s structure: 64 bytes on the 32-bit ABIs, 112 on the 64-bit ones. */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/* Every ABI's clock_gettime64 / 64-bit clock_gettime layout. */
struct timespec64 {
	long long tv_sec, tv_nsec;
};

/* Milliseconds of CLOCK_MONOTONIC: the 32-bit ABIs ask through clock_gettime64. */
static inline long long now_ms(void)
{
	struct timespec64 ts;

#if defined(__i386__) || defined(__arm__)
	sys(clock_gettime64, CLOCK_MONOTONIC, &ts);
#else
	sys(clock_gettime, CLOCK_MONOTONIC, &ts);
#endif
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep ms milliseconds (the 32-bit ABIs through clock_nanosleep_time64). */
static inline void sleep_ms(long ms)
{
	struct timespec64 ts = { ms / 1000, (ms % 1000) * 1000000 };

#if defined(__i386__) || defined(__arm__)
	sys(clock_nanosleep_time64, CLOCK_MONOTONIC, 0, &ts, 0);
#else
	sys(nanosleep, &ts, 0);
#endif
}

#endif
