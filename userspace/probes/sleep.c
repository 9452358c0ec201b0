/*
 * Sleeping (issue 11): nanosleep and clock_nanosleep (relative and TIMER_ABSTIME,
 * CLOCK_MONOTONIC and CLOCK_REALTIME), never shorter than asked; Linux's errno for a bad
 * timespec, an unknown clock and a clock that cannot sleep; sched_yield. 32-bit ABIs also
 * call the original calls with a 32-bit timespec (nanosleep, clock_nanosleep). Every ABI;
 * also under qemu-user.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define EINVAL		22
#define EFAULT		14
#define EOPNOTSUPP	95
#define CLOCK_REALTIME		0
#define CLOCK_THREAD_CPUTIME_ID	3
#define TIMER_ABSTIME	1

struct old_timespec32 {
	int tv_sec, tv_nsec;
};

static long long ns_of(int clock)
{
	struct timespec64 ts;

#if defined(__i386__) || defined(__arm__)
	sys(clock_gettime64, clock, &ts);
#else
	sys(clock_gettime, clock, &ts);
#endif
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long csleep(int clock, int flags, const struct timespec64 *req, struct timespec64 *rem)
{
#if defined(__i386__) || defined(__arm__)
	return sys(clock_nanosleep_time64, clock, flags, req, rem);
#else
	return sys(clock_nanosleep, clock, flags, req, rem);
#endif
}

int main(void)
{
	struct timespec64 req = { 0, 30 * 1000000 }, rem = { 7, 7 };
	long long t0, dt;
	long r;

	ktap_plan(11);

	t0 = ns_of(CLOCK_MONOTONIC);
#if defined(__i386__) || defined(__arm__)
	struct old_timespec32 req32 = { 0, 30 * 1000000 };
	r = sys(nanosleep, &req32, 0);		/* the 32-bit timespec call */
#else
	r = sys(nanosleep, &req, 0);
#endif
	dt = ns_of(CLOCK_MONOTONIC) - t0;
	ktap_result(r == 0 && dt >= 30000000, "nanosleep 30 ms: 0 after %lld us", dt / 1000);

	t0 = ns_of(CLOCK_MONOTONIC);
	r = csleep(CLOCK_MONOTONIC, 0, &req, &rem);
	dt = ns_of(CLOCK_MONOTONIC) - t0;
	ktap_result(r == 0 && dt >= 30000000 && rem.tv_sec == 7,
		    "clock_nanosleep MONOTONIC 30 ms: 0 after %lld us, rem untouched", dt / 1000);

	long long until = ns_of(CLOCK_MONOTONIC) + 40000000;
	struct timespec64 abs = { until / 1000000000, until % 1000000000 };
	r = csleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, 0);
	dt = ns_of(CLOCK_MONOTONIC) - until;
	ktap_result(r == 0 && dt >= 0, "TIMER_ABSTIME MONOTONIC: woke %lld us after the deadline",
		    dt / 1000);

	until = ns_of(CLOCK_REALTIME) + 20000000;
	abs.tv_sec = until / 1000000000;
	abs.tv_nsec = until % 1000000000;
	r = csleep(CLOCK_REALTIME, TIMER_ABSTIME, &abs, 0);
	ktap_result(r == 0 && ns_of(CLOCK_REALTIME) >= until, "TIMER_ABSTIME REALTIME: 0 (%ld)", r);

	struct timespec64 past = { 0, 1 };
	t0 = ns_of(CLOCK_MONOTONIC);
	r = csleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, 0);
	ktap_result(r == 0, "an absolute time long past: 0 at once (%ld, %lld us)", r,
		    (ns_of(CLOCK_MONOTONIC) - t0) / 1000);

	struct timespec64 bad = { 0, 1000000000 };
	r = csleep(CLOCK_MONOTONIC, 0, &bad, 0);
	ktap_result(r == -EINVAL, "tv_nsec = 10^9: -EINVAL (%ld)", r);
	bad.tv_sec = -1;
	bad.tv_nsec = 0;
	r = csleep(CLOCK_MONOTONIC, 0, &bad, 0);
	ktap_result(r == -EINVAL, "tv_sec = -1: -EINVAL (%ld)", r);
	r = csleep(CLOCK_MONOTONIC, 0, (struct timespec64 *)16, 0);
	ktap_result(r == -EFAULT, "a timespec at an unmapped address: -EFAULT (%ld)", r);
	r = csleep(99, 0, &req, 0);
	ktap_result(r == -EINVAL, "an unknown clock: -EINVAL (%ld)", r);
	r = csleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, 0);
	ktap_result(r == -EOPNOTSUPP, "CLOCK_THREAD_CPUTIME_ID cannot sleep: -EOPNOTSUPP (%ld)", r);
	r = sys(sched_yield);
	ktap_result(r == 0, "sched_yield alone: 0 (%ld)", r);
	return ktap_finish();
}
