/*
 * bench_smp: a cross-CPU wake-up for scripts/bench.py (issue 17's figures). Two processes
 * hand a turn word in MAP_SHARED memory back and forth with FUTEX_WAIT / FUTEX_WAKE, each
 * pinned to a CPU with sched_setaffinity; every hand-over wakes a task that sleeps on the
 * other CPU (a remote wake-up: the waker's CPU puts the sleeper on its CPU's run queue and
 * interrupts that CPU). The same pair pinned to one CPU is printed beside it, so the
 * difference is what crossing CPUs costs. The same static ELF runs as /init on Linux.
 *
 *   BENCH abi=x86_64 probe=bench_smp cpus=2              CPUs this task may run on
 *   BENCH abi=x86_64 op=futex_samecpu n=64 batches=8 per_op=... spread=...
 *   BENCH abi=x86_64 op=futex_xcpu n=64 batches=8 per_op=... spread=...
 *   BENCH abi=x86_64 rate=futex_xcpu n=4096 ns=... pid=...   wall clock (CLOCK_MONOTONIC)
 *   BENCH abi=x86_64 op=futex_xcpu missing=1_cpu          with one CPU (nothing to cross)
 *
 * per_op is one round trip (two hand-overs, two wake-ups) in counter ticks: under QEMU's
 * -icount one tick is one guest instruction (docs/benchmarks.md), and with -smp 2 QEMU runs
 * the vCPUs round robin on one host thread, so the virtual clock, and the counter, advance
 * with the instructions of *both* CPUs (and jump over a CPU's idle time, sleep=off): the
 * figure is the instructions both CPUs executed per round trip, including the wake-up
 * interrupt and the idle loops, not the latency a real machine would see. The rate= line is
 * n round trips in nanoseconds of CLOCK_MONOTONIC, meaningful without -icount only.
 *
 * Run by hand: make run ICOUNT=1 INIT=build/probes/<abi>/bench_smp QEMU_EXTRA="-smp 2"
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>
#include <ferry/bench.h>

#define SIGCHLD			17
#define PROT_RW			3
#define MAP_SHARED_ANON		0x21	/* MAP_SHARED | MAP_ANONYMOUS */
#define PAGE			4096UL
#define CLOCK_MONOTONIC		1
#define MASK_LONGS		16	/* 1024 CPUs: at least any kernel's nr_cpu_ids */
#define N			64
#define BATCHES			8
#define RATE_N			4096

#if defined(__i386__) || defined(__arm__)
#define NR_GETTIME __NR_clock_gettime64
#else
#define NR_GETTIME __NR_clock_gettime
#endif

static unsigned long mask[MASK_LONGS];

static __attribute__((noreturn)) void child_exit(int status)
{
	for (;;)
		sys(exit_group, status);
}

/* How many CPUs this task may run on (sched_getaffinity), or -errno. */
static long allowed_cpus(void)
{
	long r = sys(sched_getaffinity, 0, sizeof(mask), mask), n = 0;

	if (r < 0)
		return r;
	for (unsigned long i = 0; i < (unsigned long)r * 8; i++)
		n += (mask[i / (8 * sizeof(long))] >> (i % (8 * sizeof(long)))) & 1;
	return n;
}

static long pin(unsigned int cpu)
{
	for (int i = 0; i < MASK_LONGS; i++)
		mask[i] = 0;
	mask[cpu / (8 * sizeof(long))] = 1UL << (cpu % (8 * sizeof(long)));
	return sys(sched_setaffinity, 0, sizeof(mask), mask);
}

static unsigned long long now_ns(void)
{
	long long ts[2];	/* struct __kernel_timespec on every ABI */

	if (sysnr(NR_GETTIME, CLOCK_MONOTONIC, ts))
		return 0;
	return (unsigned long long)ts[0] * 1000000000ULL + ts[1];
}

/*
 * Round trips between the caller on cpu_a and a child on cpu_b: BATCHES of N in counter
 * ticks (best batch kept), then RATE_N in wall-clock ns (*ns), through futex_turns
 * (ferry/bench.h): the parent waits while the word is 1, the child while it is 0. The child
 * is pinned before it takes its first turn, the parent before the warm-up.
 */
static struct result ping_pong(unsigned int cpu_a, unsigned int cpu_b, unsigned long long *ns)
{
	struct result r = { ~0ULL, 0, N, -1, 0 };
	volatile int *turn;
	long pid, m;
	int status;

#if defined(__i386__) || defined(__arm__)
	m = sys(mmap2, 0, PAGE, PROT_RW, MAP_SHARED_ANON, -1, 0);
#else
	m = sys(mmap, 0, PAGE, PROT_RW, MAP_SHARED_ANON, -1, 0);
#endif
	if (m < 0 && m > -4096)
		return (struct result){ .failed = 1 };
	turn = (volatile int *)m;
	*turn = 0;
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		if (pin(cpu_b))
			child_exit(2);
		futex_turns(turn, 1, 0, 1 + BATCHES * N + RATE_N);
		child_exit(0);
	}
	if (pid < 0)
		return (struct result){ .failed = 2 };
	if (pin(cpu_a))
		r.failed = 3;
	futex_turns(turn, 0, 1, 1);		/* warm up: one round trip, both pinned by now */
	for (unsigned long b = 0; b < BATCHES && !r.failed; b++)
		take(&r, futex_round_trips(turn, N));
	if (!r.failed) {
		unsigned long long t0 = now_ns();

		futex_turns(turn, 0, 1, RATE_N);
		while (*turn != 0)
			futex(turn, FUTEX_WAIT, 1);
		*ns = now_ns() - t0;
	}
	if (sys(wait4, pid, &status, 0, 0) != pid || status != 0)
		r.failed = r.failed ? r.failed : 4;
	pin(0);
	return r;
}

int main(void)
{
	unsigned long long ns = 0;
	long cpus = allowed_cpus();
	struct result r;

	printf("BENCH abi=%s probe=bench_smp cpus=%ld\n", ABI, cpus);
	r = ping_pong(0, 0, &ns);
	report("futex_samecpu", &r, BATCHES);
	if (cpus < 2) {
		printf("BENCH abi=%s op=futex_xcpu missing=1_cpu\n", ABI);
	} else {
		r = ping_pong(0, 1, &ns);
		report("futex_xcpu", &r, BATCHES);
		if (!r.failed && ns)
			printf("BENCH abi=%s rate=futex_xcpu n=%d ns=%llu pid=%ld\n", ABI, RATE_N,
			       ns, sys(getpid));
	}
	printf("BENCH done\n");
	return 0;
}
