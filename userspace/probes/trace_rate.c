/*
 * trace_rate: how many syscall records per second of wall time the tracer keeps up with, for
 * scripts/bench.py (issue 15's throughput figure). Booted traced (trace=all) and without
 * -icount, so time is the host's: it makes n getpid calls as fast as it can between two
 * clock_gettime(CLOCK_MONOTONIC) calls and prints
 *
 *   BENCH abi=x86_64 rate=trace_getpid n=200000 ns=123456789 pid=1
 *
 * The host divides n by the time and checks the figure against the trace it decoded: n getpid
 * records of this pid and nothing dropped, else the figure is not a rate of kept records.
 * Arguments: n=N (default 200000). The clock is read through the syscall, not the vDSO, so
 * the two readings are in the trace too (they bracket the loop).
 */
#include <ferry/bench.h>	/* ABI */

#define CLOCK_MONOTONIC 1

/* struct timespec of the ABI's clock_gettime: two longs (32-bit on i386 and arm). */
struct ts {
	long sec, nsec;
};

static unsigned long long now_ns(void)
{
	struct ts t;

	if (sys(clock_gettime, CLOCK_MONOTONIC, &t) < 0)
		return 0;
	return (unsigned long long)t.sec * 1000000000ULL + (unsigned long)t.nsec;
}

int main(int argc, char **argv)
{
	unsigned long n = probe_arg(argc, argv, "n", 0) ?: 200000;	/* n=0: the default */
	long pid = sys(getpid);
	unsigned long long t0, t1;

	t0 = now_ns();
	for (unsigned long i = 0; i < n; i++)
		sys(getpid);
	t1 = now_ns();
	if (!t0 || !t1) {
		printf("BENCH abi=%s rate=trace_getpid missing=clock_gettime\n", ABI);
		return 1;
	}
	/* n + 1 getpid records in all: the first call above names the pid. */
	printf("BENCH abi=%s rate=trace_getpid n=%lu ns=%llu pid=%ld\n", ABI, n, t1 - t0, pid);
	printf("BENCH done\n");
	return 0;
}
