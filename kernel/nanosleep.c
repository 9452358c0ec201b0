// SPDX-License-Identifier: GPL-2.0
/*
 * nanosleep and clock_nanosleep, with 64-bit timespecs (every ABI's modern call) and the
 * 32-bit ones of i386 and arm (_time32). The sleep is at tick resolution (CONFIG_HZ) and
 * never shorter than asked: the deadline is checked against the clock after each wake-up.
 * A signal ends it early with Linux's restart rules (hrtimer_nanosleep below): a relative
 * sleep writes the time left to rem and returns -ERESTART_RESTARTBLOCK, so a handler sees
 * EINTR and a stop/continue resumes it through restart_syscall for the time left only; an
 * absolute one returns -ERESTARTNOHAND. docs/signals.md, "Restart".
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>
#include <linux/signal.h>

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

		set_current_state(TASK_INTERRUPTIBLE);
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

/*
 * The time left goes to the rmtp the call was given, in the layout restart_block names
 * (the first call filled it; restart_syscall keeps it). Linux writes it on every
 * interruption, whether a handler then runs or the sleep is restarted.
 */
static long nanosleep_copyout(struct restart_block *rb, u64 left)
{
	struct kernel_ts ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

	switch (rb->nanosleep.type) {
	case TT_COMPAT:
		if (put_ts32(&ts, rb->nanosleep.compat_rmtp))
			return -EFAULT;
		break;
	case TT_NATIVE:
		if (put_ts64(&ts, rb->nanosleep.rmtp))
			return -EFAULT;
		break;
	}
	return -ERESTART_RESTARTBLOCK;
}

/* 0 at the deadline; interrupted: the time left written out, -ERESTART_RESTARTBLOCK. */
static long do_nanosleep(u64 deadline)
{
	u64 left;

	if (!sleep_until(deadline, &left))
		return 0;
	return nanosleep_copyout(&current->restart_block, left);
}

/* restart_syscall after a relative sleep was stopped or saw an ignored signal. */
static long nanosleep_restart(struct restart_block *rb)
{
	return do_nanosleep(rb->nanosleep.expires);
}

/* The clocks a sleep may use here: 0, or the errno Linux gives for the others. */
static int sleep_clock_ok(int which)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return 0;
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
}

/*
 * The sleep with Linux's restart rules (hrtimer_nanosleep). The caller has set
 * restart_block's rmtp and type. A relative sleep interrupted returns
 * -ERESTART_RESTARTBLOCK with the absolute expiry saved: a handler makes it EINTR (rem
 * already written), no handler (a stop and continue, an ignored signal) resumes it through
 * restart_syscall for the time left only. An absolute sleep is simply run again
 * (-ERESTARTNOHAND): its deadline does not move.
 */
static long hrtimer_nanosleep(int which, int flags, const struct kernel_ts *req)
{
	struct restart_block *rb = &current->restart_block;
	u64 ns, deadline;
	long ret;

	ret = sleep_clock_ok(which);
	if (ret)
		return ret;
	if (!ts_valid(req))
		return -EINVAL;
	/* Saturate: a deadline past ~146 years of uptime never comes, and must not wrap. */
	ns = req->sec > (s64)(~0ULL / NSEC_PER_SEC / 2) ? ~0ULL / 2 :
	     (u64)req->sec * NSEC_PER_SEC + req->nsec;
	/* The realtime clocks' absolute times are a fixed offset ahead of ktime_get_ns(). */
	if (flags & TIMER_ABSTIME)
		deadline = which == CLOCK_REALTIME || which == CLOCK_TAI ? ktime_real_to_mono(ns) : ns;
	else
		deadline = ktime_get_ns() + ns;
	ret = do_nanosleep(deadline);
	if (ret != -ERESTART_RESTARTBLOCK)
		return ret;
	if (flags & TIMER_ABSTIME)
		return -ERESTARTNOHAND;
	rb->nanosleep.clockid = which;
	rb->nanosleep.expires = deadline;
	rb->fn = nanosleep_restart;
	return -ERESTART_RESTARTBLOCK;
}

/* What every entry point does first: no stale restart, and where rem goes (TT_NONE: nowhere). */
static void nanosleep_prepare(int type, void __user *rmtp)
{
	struct restart_block *rb = &current->restart_block;

	rb->fn = do_no_restart_syscall;
	rb->nanosleep.type = rmtp ? type : TT_NONE;
	rb->nanosleep.rmtp = rmtp;
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	struct kernel_ts req;

	if (get_ts64(&req, rqtp))
		return -EFAULT;
	nanosleep_prepare(TT_NATIVE, rmtp);
	return hrtimer_nanosleep(CLOCK_MONOTONIC, 0, &req);
}

SYSCALL_DEFINE2(nanosleep_time32, struct old_timespec32 __user *, rqtp,
		struct old_timespec32 __user *, rmtp)
{
	struct kernel_ts req;

	if (get_ts32(&req, rqtp))
		return -EFAULT;
	nanosleep_prepare(TT_COMPAT, rmtp);
	return hrtimer_nanosleep(CLOCK_MONOTONIC, 0, &req);
}

/* An absolute sleep writes no rem (Linux drops rmtp for TIMER_ABSTIME). */
SYSCALL_DEFINE4(clock_nanosleep, int, which_clock, int, flags,
		const struct __kernel_timespec __user *, rqtp, struct __kernel_timespec __user *, rmtp)
{
	struct kernel_ts req;

	if (get_ts64(&req, rqtp))
		return -EFAULT;
	nanosleep_prepare(TT_NATIVE, (flags & TIMER_ABSTIME) ? NULL : rmtp);
	return hrtimer_nanosleep(which_clock, flags, &req);
}

SYSCALL_DEFINE4(clock_nanosleep_time32, int, which_clock, int, flags,
		const struct old_timespec32 __user *, rqtp, struct old_timespec32 __user *, rmtp)
{
	struct kernel_ts req;

	if (get_ts32(&req, rqtp))
		return -EFAULT;
	nanosleep_prepare(TT_COMPAT, (flags & TIMER_ABSTIME) ? NULL : rmtp);
	return hrtimer_nanosleep(which_clock, flags, &req);
}
