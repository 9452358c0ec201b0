/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vDSO data page ([vvar]): the kernel's clock as the tick last left it, which every
 * process maps read-only beside its vDSO (docs/vdso.md has the layout per ABI). The vDSO
 * code (lib/vdso/gettimeofday.c, built 32- and 64-bit) and the kernel (kernel/vsyscall.c)
 * both include this file, so the layout is written once; every field has a fixed width and
 * each 64-bit field sits at a multiple of 8, so i386 (which aligns u64 to 4 in structs)
 * and arm read the same offsets as the 64-bit kernel writes (checked by BUILD_BUG_ONs in
 * kernel/vsyscall.c).
 *
 * A clock reading is: the base of the clock at the last update, plus the cycles counted
 * since, converted to nanoseconds with mult and shift:
 *     ns = (base.snsec + (counter - cycle_last) * mult) >> shift;   seconds carried over
 * base.snsec holds nanoseconds shifted left by 'shift', so the fraction of a nanosecond
 * the conversion leaves is kept from one update to the next and the clock never steps back.
 */
#ifndef _VDSO_DATAPAGE_H
#define _VDSO_DATAPAGE_H

#include <linux/types.h>

/* Clock ids (uapi's), as the vDSO sees them. */
#define VDSO_CLOCK_REALTIME		0
#define VDSO_CLOCK_MONOTONIC		1
#define VDSO_CLOCK_MONOTONIC_RAW	4
#define VDSO_CLOCK_REALTIME_COARSE	5
#define VDSO_CLOCK_MONOTONIC_COARSE	6
#define VDSO_CLOCK_BOOTTIME		7
#define VDSO_CLOCK_TAI			11
#define VDSO_BASES			12	/* basetime[] is indexed by clock id */

/* Which clock ids the vDSO answers, and how; any other id goes to the syscall. */
#define VDSO_HRES	((1U << VDSO_CLOCK_REALTIME) | (1U << VDSO_CLOCK_MONOTONIC) | \
			 (1U << VDSO_CLOCK_MONOTONIC_RAW) | (1U << VDSO_CLOCK_BOOTTIME) | \
			 (1U << VDSO_CLOCK_TAI))
#define VDSO_COARSE	((1U << VDSO_CLOCK_REALTIME_COARSE) | (1U << VDSO_CLOCK_MONOTONIC_COARSE))

/* clock_mode: may user space read the counter itself? */
#define VDSO_CLOCKMODE_NONE	0	/* no: every call goes to the syscall */
#define VDSO_CLOCKMODE_COUNTER	1	/* yes: x86 rdtsc, arm64 CNTVCT_EL0, arm CNTVCT */

/*
 * One clock's time at the last update: whole seconds and nanoseconds. For the high
 * resolution clocks snsec is shifted left by vdso_data.shift; for the coarse ones it is
 * plain nanoseconds (they do not advance between updates).
 */
struct vdso_timestamp {
	u64 sec;
	u64 snsec;
};

struct vdso_data {
	u32 seq;		/* odd while the kernel writes: readers retry (kernel/vsyscall.c) */
	u32 clock_mode;		/* VDSO_CLOCKMODE_* */
	u64 cycle_last;		/* the counter at the last update */
	u32 mult;		/* ns = cycles * mult >> shift */
	u32 shift;
	struct vdso_timestamp basetime[VDSO_BASES];
	s32 tz_minuteswest;	/* gettimeofday's time zone: always UTC here */
	s32 tz_dsttime;
	u32 hrtimer_res;	/* clock_getres of the high resolution clocks, ns */
	u32 coarse_res;		/* ... and of the coarse ones: one tick */
};

#endif
