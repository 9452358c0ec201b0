/*
 * Bounded processes (issue 11, "Bad input"): a fork bomb ends in EAGAIN or ENOMEM for the
 * process, never a kernel failure, and everything comes back when the processes die.
 *   - 1,000 fork + exit + wait4 cycles: the free memory (sysinfo) is where it started;
 *   - fork until the kernel refuses (EAGAIN: max_threads, or ENOMEM), with every child
 *     alive and asleep; then all of them exit and are reaped, twice: the second time
 *     everything it took comes back, and fork works again;
 *   - a non-root user with RLIMIT_NPROC = 8 gets EAGAIN at its 8th task.
 * Boot test only: under qemu-user these would run on the host.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define EAGAIN		11
#define ENOMEM		12
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	1
#define MAP_ANONYMOUS	0x20
#define RLIMIT_NPROC	6

struct rlimit64 {
	unsigned long long cur, max;
};

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static unsigned long free_kib(void)
{
	struct sysinfo si;

	sys(sysinfo, &si);
	return (unsigned long long)si.freeram * si.mem_unit / 1024;
}

int main(void)
{
	unsigned long before, after;
	volatile int *stop;
	int status, bad = 0;
	long pid, n, err = 0;

	ktap_plan(6);

	/* warm up: the first fork and wait allocate what stays allocated (slab pages) */
	pid = do_fork();
	if (pid == 0)
		sys(exit_group, 0);
	sys(wait4, pid, &status, 0, 0);
	before = free_kib();
	for (int i = 0; i < 1000; i++) {
		pid = do_fork();
		if (pid == 0)
			sys(exit_group, i & 0x7f);
		if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid || status != (i & 0x7f) << 8)
			bad++;
	}
	after = free_kib();
	ktap_result(!bad, "1000 fork + exit + wait4 cycles, every status right (%d wrong)", bad);
	ktap_result(after == before, "free memory back where it was (%lu -> %lu KiB)", before, after);

#if defined(__i386__) || defined(__arm__)
	stop = (volatile int *)sys(mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#else
	stop = (volatile int *)sys(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#endif
	/*
	 * Two bombs: the first leaves the kernel's small-object caches grown (kmalloc keeps its
	 * pages for reuse); the second, as big, must then end exactly where the first did.
	 */
	long sizes[2];
	unsigned long left[2];

	before = free_kib();
	for (int round = 0; round < 2; round++) {
		*stop = 0;
		err = 0;
		for (n = 0; n < 100000; n++) {
			pid = do_fork();
			if (pid == 0) {
				while (!*stop)
					sleep_ms(200);
				sys(exit_group, 0);
			}
			if (pid < 0) {
				err = pid;
				break;
			}
		}
		if (round == 0)
			ktap_result(err == -EAGAIN || err == -ENOMEM,
				    "a fork bomb stops with EAGAIN or ENOMEM after %ld children (%ld)",
				    n, err);
		*stop = 1;
		for (long i = 0; i < n; i++)
			if (sys(wait4, -1, &status, 0, 0) < 0)
				bad++;
		sizes[round] = n;
		left[round] = free_kib();
	}
	ktap_result(!bad && sizes[1] == sizes[0] && left[1] == left[0],
		    "all reaped, twice %ld children; the second bomb gives back all it took "
		    "(%lu -> %lu -> %lu KiB free)", sizes[1], before, left[0], left[1]);
	pid = do_fork();
	if (pid == 0)
		sys(exit_group, 3);
	ktap_result(pid > 0 && sys(wait4, pid, &status, 0, 0) == pid && status == 3 << 8,
		    "fork works again afterwards");

	/* RLIMIT_NPROC for an ordinary user: a child becomes uid 1000 with a limit of 8 */
	pid = do_fork();
	if (pid == 0) {
		struct rlimit64 r = { 8, 8 };
		long k, e = 0;

		sys(prlimit64, 0, RLIMIT_NPROC, &r, 0);
		sys(setresuid, 1000, 1000, 1000);
		for (k = 1; k < 100; k++) {	/* this process is the first of uid 1000's tasks */
			long c = do_fork();

			if (c == 0) {
				sleep_ms(200);
				sys(exit_group, 0);
			}
			if (c < 0) {
				e = c;
				break;
			}
		}
		sys(exit_group, e == -EAGAIN && k == 8 ? 0 : 1);
	}
	sys(wait4, pid, &status, 0, 0);
	ktap_result(status == 0, "uid 1000 with RLIMIT_NPROC 8: EAGAIN at its 8th task (%#x)",
		    status);
	return ktap_finish();
}
