/*
 * SMP stress (issue 17): one thread per CPU the process may use (sched_getaffinity), each
 * pair of threads hammering, for a bounded number of rounds, the paths two CPUs now take at
 * once:
 *   - a futex ping-pong with its partner (FUTEX_WAIT/FUTEX_WAKE on one shared word: every
 *     round is a wake-up of a thread that may sleep on another CPU);
 *   - a pipe each way between the partners (a message and its echo, checked byte by byte);
 *   - fork + exit + wait4 (the child touches a page of the copied heap and exits 7);
 *   - mmap, touching and checking every page, munmap.
 * Each round notes the CPU the thread is on (getcpu), and how many CPUs the threads used in
 * all is printed: Ferry's boot case expects every CPU (new threads go to the least loaded,
 * idle CPUs pull waiting ones); Linux may keep a ping-pong pair on one CPU (its wake-affine
 * placement), so it is a '#' line here, not a check. Then
 * each thread pins itself to one CPU with sched_setaffinity and checks getcpu answers that
 * CPU as soon as the call has returned (the scheduler moves a running task on its way out).
 *
 * The work runs in a child of the program, so that run as /init with mm_selfcheck on the
 * command line, the kernel's baseline is the first fork and every page the stress took is
 * back by init's exit (mm/selfcheck.c; the boot case checks its verdict). Prints KTAP and
 * the figures as '#' lines; exits with the number of failed checks. rounds=N (default
 * 400) sets the rounds per thread.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

/* <sys/syscall.h> needs <asm/unistd.h>, which Debian's i386 multilib headers lack here. */
#if defined(__x86_64__)
#define NR_futex	202
#elif defined(__aarch64__)
#define NR_futex	98
#else				/* i386 and arm EABI */
#define NR_futex	240
#endif

#define MAX_THREADS	64
#define MAP_PAGES	16
#define PAGE		4096
#define FORK_EVERY	8		/* rounds between two forks of a thread */
#define FUTEX_WAIT_PRIVATE	128
#define FUTEX_WAKE_PRIVATE	129

struct pair {
	volatile int word;		/* even: the first thread's turn; odd: the second's */
	int ab[2], ba[2];		/* pipes: first -> second, second -> first */
};

struct worker {
	pthread_t thread;
	int id, cpus;
	struct pair *pair;
	int second;			/* 0: the pair's first thread, 1: its second */
	long rounds;
	/* results */
	long futex_rounds, pipe_ok, forks_ok, maps_ok;
	unsigned long long cpus_seen;	/* bit n: ran on CPU n */
	int first_cpu, pinned_cpu, cpu_after_pin;
};

static long rounds = 400;
static int heap_page[PAGE / sizeof(int)];	/* copied at each fork */

static long futex(volatile int *uaddr, int op, int val)
{
	return syscall(NR_futex, uaddr, op, val, NULL, NULL, 0);
}

/* getcpu, through glibc (the vDSO's where it has one: x86's makes the syscall). */
static int current_cpu(void)
{
	return sched_getcpu();
}

/* Wait for my turn (word's parity), then hand it over and wake the partner. */
static void futex_turn(struct pair *p, int second)
{
	int w;

	while (((w = p->word) & 1) != second)
		futex(&p->word, FUTEX_WAIT_PRIVATE, w);
	__atomic_fetch_add(&p->word, 1, __ATOMIC_SEQ_CST);
	futex(&p->word, FUTEX_WAKE_PRIVATE, 1);
}

static int pipe_exchange(struct worker *w, long round)
{
	char out[64], in[64];
	int wr = w->second ? w->pair->ba[1] : w->pair->ab[1];
	int rd = w->second ? w->pair->ab[0] : w->pair->ba[0];

	memset(out, (int)(round * 2 + w->second) & 0xff, sizeof(out));
	if (write(wr, out, sizeof(out)) != sizeof(out))
		return 0;
	if (read(rd, in, sizeof(in)) != sizeof(in))
		return 0;
	/* The partner's message: its round's byte, from the other side. */
	for (size_t i = 0; i < sizeof(in); i++)
		if (in[i] != (char)((round * 2 + !w->second) & 0xff))
			return 0;
	return 1;
}

static int fork_exit_wait(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		heap_page[0]++;			/* a copy-on-write fault in the child */
		_exit(7);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 7;
}

static int map_touch_unmap(int id, long round)
{
	unsigned char *m = mmap(NULL, MAP_PAGES * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int ok = 1;

	if (m == MAP_FAILED)
		return 0;
	for (int i = 0; i < MAP_PAGES; i++)
		m[i * PAGE + (id % PAGE)] = (unsigned char)(round + i);
	for (int i = 0; i < MAP_PAGES; i++)
		ok &= m[i * PAGE + (id % PAGE)] == (unsigned char)(round + i) && m[i * PAGE + PAGE - 1 - (id % 8)] == 0;
	return munmap(m, MAP_PAGES * PAGE) == 0 && ok;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	cpu_set_t one;

	w->first_cpu = current_cpu();
	for (long r = 0; r < w->rounds; r++) {
		int cpu = current_cpu();

		if (cpu >= 0 && cpu < 64)
			w->cpus_seen |= 1ULL << cpu;
		futex_turn(w->pair, w->second);
		w->futex_rounds++;
		w->pipe_ok += pipe_exchange(w, r);
		if (r % FORK_EVERY == (w->id % FORK_EVERY))
			w->forks_ok += fork_exit_wait();
		w->maps_ok += map_touch_unmap(w->id, r);
	}
	/* Pin to one CPU: getcpu must answer it right after the call returns. */
	w->pinned_cpu = w->id % w->cpus;
	CPU_ZERO(&one);
	CPU_SET(w->pinned_cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) == 0)
		w->cpu_after_pin = current_cpu();
	else
		w->cpu_after_pin = -2;
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int n, failed;

static void check(int ok, const char *fmt, long a, long b)
{
	printf("%sok %d ", ok ? "" : "not ", ++n);
	printf(fmt, a, b);
	printf("\n");
	failed += !ok;
}

static int stress(void)
{
	static struct worker w[MAX_THREADS];
	static struct pair pairs[MAX_THREADS / 2];
	cpu_set_t mask;
	int cpus, threads, spread = 0, pinned = 0;
	unsigned long long seen = 0;
	long futex_total = 0, pipe_total = 0, forks = 0, forks_ok = 0, maps = 0;
	double t0;

	if (sched_getaffinity(0, sizeof(mask), &mask))
		return printf("not ok 1 sched_getaffinity\n"), 1;
	cpus = CPU_COUNT(&mask);
	threads = cpus < 2 ? 2 : cpus + (cpus & 1);	/* pairs */
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	printf("1..6\n# %d CPUs, %d threads, %ld rounds each\n", cpus, threads, rounds);
	for (int i = 0; i < threads / 2; i++)
		if (pipe(pairs[i].ab) || pipe(pairs[i].ba))
			return printf("not ok 1 pipe\n"), 1;
	t0 = now();
	for (int i = 0; i < threads; i++) {
		w[i] = (struct worker){ .id = i, .cpus = cpus, .pair = &pairs[i / 2],
					.second = i & 1, .rounds = rounds };
		if (pthread_create(&w[i].thread, NULL, work, &w[i]))
			return printf("not ok 1 pthread_create %d\n", i), 1;
	}
	for (int i = 0; i < threads; i++)
		pthread_join(w[i].thread, NULL);
	printf("# %.2f s for all threads\n", now() - t0);
	for (int i = 0; i < threads; i++) {
		futex_total += w[i].futex_rounds;
		pipe_total += w[i].pipe_ok;
		forks_ok += w[i].forks_ok;
		forks += (rounds + FORK_EVERY - 1 - (i % FORK_EVERY)) / FORK_EVERY;
		maps += w[i].maps_ok;
		pinned += w[i].cpu_after_pin == w[i].pinned_cpu;
		seen |= w[i].cpus_seen;
		printf("# thread %d: started on CPU%d, ran on CPUs %#llx, pinned to CPU%d, then on "
		       "CPU%d\n", i, w[i].first_cpu, w[i].cpus_seen, w[i].pinned_cpu,
		       w[i].cpu_after_pin);
	}
	for (; seen; seen &= seen - 1)
		spread++;
	check(1, "threads started and joined: %ld on %ld CPUs", threads, cpus);
	check(futex_total == threads * rounds, "futex ping-pong: %ld turns of %ld", futex_total,
	      threads * rounds);
	check(pipe_total == threads * rounds, "pipe messages intact: %ld of %ld", pipe_total,
	      threads * rounds);
	check(forks_ok == forks, "fork + exit(7) + wait4: %ld of %ld", forks_ok, forks);
	check(maps == threads * rounds, "mmap + touch + munmap of 16 pages: %ld of %ld", maps,
	      threads * rounds);
	printf("# the threads ran on %d of %d CPUs\n", spread, cpus);
	check(pinned == threads, "getcpu right after sched_setaffinity: %ld of %ld threads on "
	      "their CPU", pinned, threads);
	return failed;
}

int main(int argc, char **argv)
{
	int status = -1;
	pid_t pid;

	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], "rounds=", 7))
			rounds = atol(argv[i] + 7);
	printf("KTAP version 1\n");
	fflush(stdout);
	pid = fork();		/* the work in a child: see the top of the file */
	if (pid == 0) {
		int failures = stress();

		fflush(stdout);		/* _exit: the threads' children must not flush it again */
		_exit(failures);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		printf("not ok 1 fork of the stress child\n");
		return 1;
	}
	if (!WIFEXITED(status))
		printf("# the stress child ended with wait status %#x\n", status);
	printf("# smp_stress: %s\n", WIFEXITED(status) && !WEXITSTATUS(status) ? "passed" :
	       "failed");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (status & 0x7f);
}
