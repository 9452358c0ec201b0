/*
 * A process on every CPU (issue 17): init pins itself to each CPU sched_getaffinity names,
 * in turn (sched_setaffinity to that CPU alone, then a short nanosleep: the scheduler moves a
 * task when it wakes), and checks there that getcpu names that CPU and getpid/gettid still
 * name init (each CPU's entry code must find this task as 'current': on arm64 its per-CPU
 * entry_task through TPIDR_EL1), that its vector registers came along, and that a child
 * forked there (it inherits the one-CPU mask) runs there and its exit status comes back.
 * Last, one child per CPU at once, each checking its CPU and exiting with it. With one CPU
 * it checks the same on CPU 0 alone.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define MAX_CPUS	64

struct ts {
	long sec, nsec;		/* the ABI's long: old timespec on the 32-bit ABIs too */
};

static unsigned long mask[MAX_CPUS / (8 * sizeof(long))];

static int in_mask(unsigned int cpu)
{
	return mask[cpu / (8 * sizeof(long))] >> (cpu % (8 * sizeof(long))) & 1;
}

static long pin(unsigned int cpu)
{
	unsigned long one[MAX_CPUS / (8 * sizeof(long))] = { 0 };

	one[cpu / (8 * sizeof(long))] = 1UL << (cpu % (8 * sizeof(long)));
	return sys(sched_setaffinity, 0, sizeof(one), one);
}

static unsigned int this_cpu(void)
{
	unsigned int cpu = ~0u;

	sys(getcpu, &cpu, 0, 0);
	return cpu;
}

/* Sleep until the scheduler has moved us to cpu (a wake-up places a task on its mask). */
static int hop_to(unsigned int cpu)
{
	struct ts nap = { 0, 2000000 };

	if (pin(cpu))
		return 0;
	for (int i = 0; i < 20 && this_cpu() != cpu; i++)
		sys(nanosleep, &nap, 0);
	return this_cpu() == cpu;
}

/* A child on our CPU: it exits with that CPU's number + 10, checked by wait4. */
static int child_here(unsigned int cpu)
{
	int status = 0;
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0)
		sys(exit_group, this_cpu() + 10);
	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid)
		return 0;
	return (status & 0x7f) == 0 && ((status >> 8) & 0xff) == cpu + 10;
}

#if defined(__aarch64__)
static unsigned long fp_roundtrip(unsigned long v, unsigned int cpu)
{
	unsigned long out;

	/* V31 holds v across the hop: the FP/SIMD state goes with the task, not the CPU. */
	__asm__ __volatile__("fmov d31, %0" : : "r"(v) : "v31");
	hop_to(cpu);
	__asm__ __volatile__("fmov %0, d31" : "=r"(out) : : "v31");
	return out;
}
#endif

int main(void)
{
	long pid = sys(getpid), tid = sys(gettid), r;
	unsigned int cpu, ncpus = 0, started = 0, ok_all = 1;

	r = sys(sched_getaffinity, 0, sizeof(mask), mask);
	for (cpu = 0; r > 0 && cpu < MAX_CPUS && cpu < 8 * (unsigned long)r; cpu++)
		ncpus += in_mask(cpu);
	ktap_plan(2 + 3 * ncpus);
	ktap_result(r > 0 && ncpus > 0, "sched_getaffinity: %u CPUs", ncpus);
	for (cpu = 0; cpu < MAX_CPUS && ncpus; cpu++) {
		if (!in_mask(cpu))
			continue;
#if defined(__aarch64__)
		unsigned long v = 0x0123456789abcdefUL ^ cpu;

		ktap_result(fp_roundtrip(v, cpu) == v && this_cpu() == cpu,
			    "CPU%u: moved there, V31 came along", cpu);
#else
		ktap_result(hop_to(cpu), "CPU%u: moved there", cpu);
#endif
		ktap_result(sys(getpid) == pid && sys(gettid) == tid,
			    "CPU%u: getpid and gettid still name init", cpu);
		ktap_result(child_here(cpu), "CPU%u: a child forked there exits with its CPU", cpu);
	}
	/* One child per CPU at once. */
	long kids[MAX_CPUS];

	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		kids[cpu] = 0;
		if (!in_mask(cpu) || pin(cpu))
			continue;
		kids[cpu] = sys(clone, SIGCHLD, 0, 0, 0, 0);
		if (kids[cpu] == 0) {
			struct ts nap = { 0, 1000000 };

			for (int i = 0; i < 20 && this_cpu() != cpu; i++)
				sys(nanosleep, &nap, 0);
			sys(exit_group, this_cpu() + 10);
		}
		started += kids[cpu] > 0;
	}
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		int status = 0;

		if (kids[cpu] <= 0)
			continue;
		if (sys(wait4, kids[cpu], &status, 0, 0) != kids[cpu] ||
		    ((status >> 8) & 0xff) != cpu + 10)
			ok_all = 0;
	}
	ktap_result(started == ncpus && ok_all, "%u children at once, each on its own CPU", started);
	return ktap_finish();
}
