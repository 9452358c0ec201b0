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
 *
 * procs=P (default 1): the n calls are shared by P processes, the caller and P-1 forked
 * children, process i pinned to CPU i (sched_setaffinity), so that with a ring per CPU each
 * CPU's ring has one writer making n/P calls; the time is from before the forks to after the
 * last child is reaped, and the line adds procs=P and cpus=C, how many of the P processes
 * run on their own CPU (getcpu after the pin; a kernel with fewer CPUs runs them on the CPUs
 * it has, and the line says so).
 */
#include <ferry/bench.h>	/* ABI */

#define CLOCK_MONOTONIC 1
#define SIGCHLD 17
#define MASK_LONGS 16		/* 1024 CPUs */
#define PROCS_MAX 64

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

/*
 * Pin the caller to one CPU: 0 when it runs there (getcpu says so) afterwards. The short
 * sleep lets a kernel that places a task by its new mask only when it wakes (rather than
 * moving it at once, as Linux's migration does) put it on its CPU before the calls start.
 */
static long pin(unsigned int cpu)
{
	unsigned long mask[MASK_LONGS] = { 0 };
	unsigned int now = ~0u;
	struct ts nap = { 0, 1000000 };		/* 1 ms */

	mask[cpu / (8 * sizeof(long))] = 1UL << (cpu % (8 * sizeof(long)));
	if (sys(sched_setaffinity, 0, sizeof(mask), mask))
		return -1;
	sys(nanosleep, &nap, 0);
	return sys(getcpu, &now, 0, 0) || now != cpu;
}

static void calls(unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		sys(getpid);
}

int main(int argc, char **argv)
{
	unsigned long n = probe_arg(argc, argv, "n", 0) ?: 200000;	/* n=0: the default */
	unsigned long procs = probe_arg(argc, argv, "procs", 1) ?: 1;
	long pid = sys(getpid), child[PROCS_MAX];
	unsigned long long t0, t1;
	unsigned long pinned = 0, share, failed = 0;
	int status;

	if (procs > PROCS_MAX || procs > n) {
		printf("BENCH abi=%s rate=trace_getpid missing=procs_%lu\n", ABI, procs);
		return 1;
	}
	share = n / procs;
	t0 = now_ns();
	for (unsigned long p = 1; p < procs; p++) {
		child[p] = sys(clone, SIGCHLD, 0, 0, 0, 0);
		if (child[p] == 0) {
			long unpinned = pin(p) != 0;	/* no CPU p: it runs where it can */

			calls(share);
			sys(exit_group, unpinned);
		}
	}
	if (procs > 1)
		pinned = !pin(0);
	calls(n - share * (procs - 1));
	for (unsigned long p = 1; p < procs; p++) {
		if (child[p] < 0 || sys(wait4, child[p], &status, 0, 0) != child[p] ||
		    (status & 0x7f))
			failed++;
		else
			pinned += ((status >> 8) & 0xff) == 0;
	}
	t1 = now_ns();
	if (!t0 || !t1 || failed) {
		printf("BENCH abi=%s rate=trace_getpid missing=%s\n", ABI,
		       failed ? "child_failed" : "clock_gettime");
		return 1;
	}
	/* n + 1 getpid records in all: the first call above names the pid. */
	if (procs == 1)
		printf("BENCH abi=%s rate=trace_getpid n=%lu ns=%llu pid=%ld\n", ABI, n, t1 - t0,
		       pid);
	else
		printf("BENCH abi=%s rate=trace_getpid n=%lu ns=%llu pid=%ld procs=%lu cpus=%lu\n",
		       ABI, n, t1 - t0, pid, procs, pinned);
	printf("BENCH done\n");
	return 0;
}
