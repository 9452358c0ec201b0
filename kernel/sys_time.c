// SPDX-License-Identifier: GPL-2.0
/*
 * Time syscalls. Every clock counts the arch's cycle counter; the realtime ones (REALTIME,
 * its COARSE variant, TAI, which Linux keeps equal to REALTIME until NTP sets an offset)
 * add the offset rtc_hctosys set at boot from the RTC (0 without one: the epoch at boot).
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <asm/timex.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>

#define CLOCK_REALTIME		0
#define CLOCK_MONOTONIC		1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID	3
#define CLOCK_MONOTONIC_RAW	4
#define CLOCK_REALTIME_COARSE	5
#define CLOCK_MONOTONIC_COARSE	6
#define CLOCK_BOOTTIME		7
#define CLOCK_TAI		11

struct __kernel_timespec {
	s64 tv_sec;
	long long tv_nsec;
};

typedef long __kernel_old_time_t;

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

unsigned long nsecs_to_jiffies_sleep(u64 ns)
{
	return (ns + TICK_NSEC - 1) / TICK_NSEC + 1;
}

/* CLOCK_REALTIME's offset from CLOCK_MONOTONIC (kernel/vsyscall.c sets it). */
u64 wall_offset_ns;

static bool clock_is_realtime(int which)
{
	return which == CLOCK_REALTIME || which == CLOCK_REALTIME_COARSE || which == CLOCK_TAI;
}

/*
 * The clocks clock_gettime reads. The coarse ones matter: glibc's time() on the ABIs without
 * a vDSO time (arm, arm64) is clock_gettime(CLOCK_REALTIME_COARSE) and does not look at the
 * error, so refusing it made an AArch32 program's time() return its stack's garbage (-1
 * once, after a sleep). The alarm clocks (8, 9) need an RTC and are EINVAL, as Linux
 * without one.
 */
static bool clock_valid(int which)
{
	return which == CLOCK_REALTIME || which == CLOCK_MONOTONIC || which == CLOCK_BOOTTIME ||
	       which == CLOCK_MONOTONIC_RAW || which == CLOCK_PROCESS_CPUTIME_ID ||
	       which == CLOCK_THREAD_CPUTIME_ID || which == CLOCK_REALTIME_COARSE ||
	       which == CLOCK_MONOTONIC_COARSE || which == CLOCK_TAI;
}

/*
 * A clock's time in ns. The coarse clocks are the time of the last tick, as Linux's (and as
 * the vDSO answers them from its data page); the others read the counter.
 */
static u64 clock_now_ns(int which)
{
	if (which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE)
		return ktime_get_coarse_ns(which == CLOCK_REALTIME_COARSE);
	return clock_is_realtime(which) ? ktime_get_real_ns() : ktime_get_ns();
}

/* 64-bit time on every ABI (i386 reaches it as clock_gettime64). */
SYSCALL_DEFINE2(clock_gettime, int, which_clock, struct __kernel_timespec __user *, tp)
{
	u64 ns = clock_now_ns(which_clock);
	struct __kernel_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	if (!clock_valid(which_clock))
		return -EINVAL;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* i386's original clock_gettime, with 32-bit seconds. */
SYSCALL_DEFINE2(clock_gettime32, int, which_clock, struct old_timespec32 __user *, tp)
{
	u64 ns = clock_now_ns(which_clock);
	struct old_timespec32 ts = { (s32)(ns / NSEC_PER_SEC), (s32)(ns % NSEC_PER_SEC) };

	if (!clock_valid(which_clock))
		return -EINVAL;
	return copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/*
 * clock_getres: as Linux with high-resolution timers, 1 ns for the clocks read from the
 * cycle counter (the CPU-time clocks included, as Linux's sched clock); one tick for the
 * coarse ones, which advance once per tick. A NULL res only validates the clock.
 */
static u32 clock_res_ns(int which)
{
	return which == CLOCK_REALTIME_COARSE || which == CLOCK_MONOTONIC_COARSE ? TICK_NSEC : 1;
}

/* 64-bit time on every ABI (i386 and arm reach it as clock_getres_time64). */
SYSCALL_DEFINE2(clock_getres, int, which_clock, struct __kernel_timespec __user *, tp)
{
	struct __kernel_timespec ts = { 0, clock_res_ns(which_clock) };

	if (!clock_valid(which_clock))
		return -EINVAL;
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* The 32-bit ABIs' original clock_getres, with 32-bit seconds. */
SYSCALL_DEFINE2(clock_getres_time32, int, which_clock, struct old_timespec32 __user *, tp)
{
	struct old_timespec32 ts = { 0, (s32)clock_res_ns(which_clock) };

	if (!clock_valid(which_clock))
		return -EINVAL;
	return tp && copy_to_user(tp, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* The same two ints on every ABI. There is no time zone: always UTC, no DST. */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* Either pointer may be NULL; a bad one, the time zone's included, is -EFAULT (as Linux). */
static int put_timezone(struct timezone __user *tz)
{
	static const struct timezone utc;

	return tz && copy_to_user(tz, &utc, sizeof(utc)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv, struct timezone __user *, tz)
{
	if (tv) {
		u64 ns = ktime_get_real_ns();
		struct __kernel_old_timeval t = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000 };

		if (copy_to_user(tv, &t, sizeof(t)))
			return -EFAULT;
	}
	return put_timezone(tz);
}

/* i386 and arm EABI: the same call with two 32-bit fields in the timeval. */
COMPAT_SYSCALL_DEFINE2(gettimeofday, struct old_timeval32 __user *, tv, struct timezone __user *, tz)
{
	if (tv) {
		u64 ns = ktime_get_real_ns();
		struct old_timeval32 t = { (s32)(ns / NSEC_PER_SEC), (s32)(ns % NSEC_PER_SEC / 1000) };

		if (copy_to_user(tv, &t, sizeof(t)))
			return -EFAULT;
	}
	return put_timezone(tz);
}

/*
 * time(2): x86_64 has it (asm-generic does not). The realtime seconds of the last tick, as
 * Linux's (ktime_get_real_seconds) and as the vDSO's __vdso_time reads them.
 */
SYSCALL_DEFINE1(time, __kernel_old_time_t __user *, tloc)
{
	__kernel_old_time_t t = ktime_get_coarse_ns(true) / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}

/* i386's time(2), with a 32-bit time_t: a native entry of its own (time32), as in Linux. */
SYSCALL_DEFINE1(time32, old_time32_t __user *, tloc)
{
	old_time32_t t = ktime_get_coarse_ns(true) / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}
