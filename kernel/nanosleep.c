// SPDX-License-Identifier: GPL-2.0
/*
 * nanosleep and clock_nanosleep, with 64-bit timespecs (every ABI's modern call) and the
 * 32-bit ones of i386 and arm (_time32). The sleep is at tick resolution (CONFIG_HZ) and
 * never shorter than asked: the deadline is checked against the clock after each wake-up.
 * A signal ends it early; the time left goes to rem (relative sleeps), and the call returns
 * -EINTR (the signals issue turns this into a restart where a handler asks for one).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
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
#define TIMER_ABSTIME		0x01

struct kernel_ts {
	s64 sec;
	long nsec;
};

struct __kernel_timespec {
	s64 tv_sec;
	long long tv_nsec;
};

static int get_ts64(struct kernel_ts *ts, const struct __kernel_timespec __user *u)
{
	struct __kernel_timespec k;

	if (copy_from_user(&k, u, sizeof(k)))
		return -EFAULT;
	ts->sec = k.tv_sec;
	/* A 32-bit program's tv_nsec is 32 bits wide; the upper half is padding (Linux). */
	ts->nsec = in_compat_syscall() ? (long)(s32)k.tv_nsec : (long)k.tv_nsec;
	return 0;
}

static int put_ts64(const struct kernel_ts *ts, struct __kernel_timespec __user *u)
{
	struct __kernel_timespec k = { ts->sec, ts->nsec };

	return copy_to_user(u, &k, sizeof(k)) ? -EFAULT : 0;
}

static int get_ts32(struct kernel_ts *ts, const struct old_timespec32 __user *u)
{
	struct old_timespec32 k;

	if (copy_from_user(&k, u, sizeof(k)))
		return -EFAULT;
	ts->sec = k.tv_sec;
	ts->nsec = k.tv_nsec;
	return 0;
}

static int put_ts32(const struct kernel_ts *ts, struct old_timespec32 __user *u)
{
	struct old_timespec32 k = { (s32)ts->sec, (s32)ts->nsec };

	return copy_to_user(u, &k, sizeof(k)) ? -EFAULT : 0;
}

static bool ts_valid(const struct kernel_ts *ts)
{
	return ts->sec >= 0 && ts->nsec >= 0 && ts->nsec < (long)NSEC_PER_SEC;
}

/*
 * Sleep until the clock reads 'deadline' (ns). 0 when it did, else -EINTR with *left set
 * to what remained.
 */
static int sleep_until(u64 deadline, u64 *left)
{
	for (;;) {
		u64 now;

		current->__state = TASK_INTERRUPTIBLE;
		now = ktime_get_ns();
		if (now >= deadline) {
			current->__state = TASK_RUNNING;
			return 0;
		}
		if (signal_pending(current)) {
			current->__state = TASK_RUNNING;
			*left = deadline - now;
			return -EINTR;
		}
		schedule_timeout((deadline - now + TICK_NSEC - 1) / TICK_NSEC);
	}
}

/* The sleep itself; rem_ts receives the time left when a relative sleep was interrupted. */
static long do_nanosleep(int which, int flags, const struct kernel_ts *req,
			 struct kernel_ts *rem_ts, bool *interrupted)
{
	u64 ns, deadline, left = 0, now = ktime_get_ns();
	int ret;

	*interrupted = false;
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		break;
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;	/* clocks Linux cannot sleep on */
	case CLOCK_PROCESS_CPUTIME_ID:
		return -EOPNOTSUPP;	/* Linux can (until the process used that much CPU); not here yet */
	default:
		return -EINVAL;
	}
	if (!ts_valid(req))
		return -EINVAL;
	ns = req->sec > (s64)(~0ULL / NSEC_PER_SEC / 2) ? ~0ULL / 2 :
	     (u64)req->sec * NSEC_PER_SEC + req->nsec;
	deadline = (flags & TIMER_ABSTIME) ? ns : now + ns;
	ret = sleep_until(deadline, &left);
	if (ret == -EINTR) {
		*interrupted = true;
		rem_ts->sec = left / NSEC_PER_SEC;
		rem_ts->nsec = left % NSEC_PER_SEC;
	}
	return ret;
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	struct kernel_ts req, rem;
	bool intr;
	long ret;

	if (get_ts64(&req, rqtp))
		return -EFAULT;
	ret = do_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem, &intr);
	if (intr && rmtp && put_ts64(&rem, rmtp))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(nanosleep_time32, struct old_timespec32 __user *, rqtp,
		struct old_timespec32 __user *, rmtp)
{
	struct kernel_ts req, rem;
	bool intr;
	long ret;

	if (get_ts32(&req, rqtp))
		return -EFAULT;
	ret = do_nanosleep(CLOCK_MONOTONIC, 0, &req, &rem, &intr);
	if (intr && rmtp && put_ts32(&rem, rmtp))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(clock_nanosleep, int, which_clock, int, flags,
		const struct __kernel_timespec __user *, rqtp, struct __kernel_timespec __user *, rmtp)
{
	struct kernel_ts req, rem;
	bool intr;
	long ret;

	if (get_ts64(&req, rqtp))
		return -EFAULT;
	ret = do_nanosleep(which_clock, flags, &req, &rem, &intr);
	if (intr && !(flags & TIMER_ABSTIME) && rmtp && put_ts64(&rem, rmtp))
		return -EFAULT;
	return ret;
}

SYSCALL_DEFINE4(clock_nanosleep_time32, int, which_clock, int, flags,
		const struct old_timespec32 __user *, rqtp, struct old_timespec32 __user *, rmtp)
{
	struct kernel_ts req, rem;
	bool intr;
	long ret;

	if (get_ts32(&req, rqtp))
		return -EFAULT;
	ret = do_nanosleep(which_clock, flags, &req, &rem, &intr);
	if (intr && !(flags & TIMER_ABSTIME) && rmtp && put_ts32(&rem, rmtp))
		return -EFAULT;
	return ret;
}
