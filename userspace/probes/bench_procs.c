/*
 * bench_procs: what processes and threads cost, in cycle-counter ticks, for scripts/bench.py
 * (issue 11's figures). A probe of its own so that bench.c, and every route figure it prints,
 * stays exactly as it was. Under QEMU's -icount one tick is one guest instruction (see
 * bench.c and docs/benchmarks.md); the same static ELF runs unchanged as /init on Linux.
 *
 * Each figure is a loop of n operations between two counter reads, divided by n; the loop is
 * run in several batches after one warm-up operation and the smallest batch counts (a timer
 * tick landing in one batch does not), spread being (worst - best) / n. Output, one line each:
 *
 *   BENCH abi=x86_64 op=fork_exit_wait n=16 batches=4 per_op=12345 spread=0
 *   BENCH abi=x86_64 mem=per_process n=100 kib=12.34 before_kib=... after_kib=...
 *
 * fork_exit_wait     clone(SIGCHLD) (fork), the child calls exit_group(0) at once, the parent
 *                    reaps it with wait4: the whole life of a small static process
 * fork16m_exit_wait  the same with 16 MiB of anonymous memory written (every page present)
 *                    before the loop: fork copies its page tables, exit frees them
 * fork_exec_exit_wait  fork, the child execve()s this program with argv[1] = "exec-exit",
 *                    whose main() calls exit_group(0) first thing; wait4. execve's own figure
 *                    is this minus fork_exit_wait (scripts/bench.py computes it), so it
 *                    includes the new image's start code up to main's exit_group
 * switch_yield       two processes each calling sched_yield in a loop: per switch (the loop
 *                    of n yields in the parent is 2n switches, each one sched_yield call)
 * switch_futex       two processes handing a turn word in MAP_SHARED memory back and forth
 *                    with FUTEX_WAIT / FUTEX_WAKE (shared futex): per switch (n round trips
 *                    are 2n switches, each one FUTEX_WAKE and one FUTEX_WAIT that sleeps)
 * thread_create_join a thread as pthread_create makes one without glibc: clone(CLONE_VM |
 *                    CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
 *                    CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID) on an mmap'd stack; the
 *                    thread calls exit(0) at once (its first instructions run on the new
 *                    stack, so that part is inline assembly below); the parent waits on the
 *                    tid word with FUTEX_WAIT until the kernel clears it, as pthread_join does
 * mem per_process    sysinfo's free memory before and after forking 100 children that sleep
 *                    in FUTEX_WAIT, divided by 100, in KiB. Includes the user pages the
 *                    forks copy on write (the stack and data pages each side writes next).
 *
 * switch_yield counts only batches in which the other process ran exactly once per yield
 * (2n switches), and prints how many of the batches did (alternating=). Linux's sched_yield
 * does not always pass to the other process (CFS keeps the caller when the other is more
 * than the wake-up granularity ahead in vruntime). The futex ping-pong alternates by
 * construction (neither side goes on until the other has handed the turn back).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>
#include <ferry/bench.h>

#define SIGCHLD			17
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_THREAD		0x00010000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define PROT_RW			3
#define MAP_SHARED_ANON		0x21	/* MAP_SHARED | MAP_ANONYMOUS */
#define MAP_PRIVATE_ANON	0x22	/* MAP_PRIVATE | MAP_ANONYMOUS */
#define PAGE			4096UL
#define CHILDREN		100

/*
 * clone a thread that runs exit(0) on its new stack and nothing else. The child's half is
 * the few instructions after the syscall: it must not return into C, whose frame is on the
 * parent's stack. Argument order per ABI: x86_64 (flags, stack, ptid, ctid, tls); i386, arm64
 * and arm (flags, stack, ptid, tls, ctid).
 */
static long clone_exit_thread(unsigned long flags, void *stack, int *ptid, int *ctid)
{
#if defined(__x86_64__)
	register long r10 __asm__("r10") = (long)ctid;
	register long r8 __asm__("r8") = 0;
	long ret;

	__asm__ __volatile__("syscall\n\t"
			     "test %%rax, %%rax\n\t"
			     "jnz 1f\n\t"
			     "mov %[nr_exit], %%eax\n\t"	/* the thread: exit(0) */
			     "xor %%edi, %%edi\n\t"
			     "syscall\n\t"
			     "ud2\n"
			     "1:"
			     : "=a"(ret)
			     : "0"((long)__NR_clone), "D"(flags), "S"(stack), "d"(ptid), "r"(r10),
			       "r"(r8), [nr_exit] "i"(__NR_exit)
			     : "rcx", "r11", "memory");
	return ret;
#elif defined(__i386__)
	long ret;

	__asm__ __volatile__("int $0x80\n\t"
			     "test %%eax, %%eax\n\t"
			     "jnz 1f\n\t"
			     "mov %[nr_exit], %%eax\n\t"	/* the thread: exit(0) */
			     "xor %%ebx, %%ebx\n\t"
			     "int $0x80\n\t"
			     "ud2\n"
			     "1:"
			     : "=a"(ret)
			     : "0"((long)__NR_clone), "b"(flags), "c"(stack), "d"(ptid), "S"(0),
			       "D"(ctid), [nr_exit] "i"(__NR_exit)
			     : "memory");
	return ret;
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = __NR_clone;
	register long x0 __asm__("x0") = (long)flags;
	register long x1 __asm__("x1") = (long)stack;
	register long x2 __asm__("x2") = (long)ptid;
	register long x3 __asm__("x3") = 0;
	register long x4 __asm__("x4") = (long)ctid;

	__asm__ __volatile__("svc #0\n\t"
			     "cbnz x0, 1f\n\t"
			     "mov x8, %[nr_exit]\n\t"	/* the thread: exit(0) */
			     "mov x0, #0\n\t"
			     "svc #0\n\t"
			     "brk #0\n"
			     "1:"
			     : "+r"(x0), "+r"(x8)
			     : "r"(x1), "r"(x2), "r"(x3), "r"(x4), [nr_exit] "i"(__NR_exit)
			     : "memory");
	return x0;
#elif defined(__arm__) && !defined(__thumb__)
	register long r7 __asm__("r7") = __NR_clone;
	register long r0 __asm__("r0") = (long)flags;
	register long r1 __asm__("r1") = (long)stack;
	register long r2 __asm__("r2") = (long)ptid;
	register long r3 __asm__("r3") = 0;
	register long r4 __asm__("r4") = (long)ctid;

	__asm__ __volatile__("svc #0\n\t"
			     "cmp r0, #0\n\t"
			     "bne 1f\n\t"
			     "mov r7, %[nr_exit]\n\t"	/* the thread: exit(0) */
			     "mov r0, #0\n\t"
			     "svc #0\n\t"
			     "udf #0\n"
			     "1:"
			     : "+r"(r0), "+r"(r7)
			     : "r"(r1), "r"(r2), "r"(r3), "r"(r4), [nr_exit] "i"(__NR_exit)
			     : "cc", "memory");
	return r0;
#else
#error "bench_procs: ARM state only (r7 is an operand)"
#endif
}

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static __attribute__((noreturn)) void child_exit(int status)
{
	for (;;)
		sys(exit_group, status);
}

static void *map_anon(unsigned long len, int flags)
{
#if defined(__i386__) || defined(__arm__)
	long p = sys(mmap2, 0, len, PROT_RW, flags, -1, 0);
#else
	long p = sys(mmap, 0, len, PROT_RW, flags, -1, 0);
#endif
	return p < 0 && p > -4096 ? 0 : (void *)p;
}

/* One fork whose child exits at once (exec_argv: it execs that first), reaped. 0 or -1. */
static int fork_wait_once(char **exec_argv)
{
	int status;
	long pid = do_fork();

	if (pid == 0) {
		if (exec_argv) {
			sys(execve, exec_argv[0], exec_argv, environ);
			child_exit(1);	/* execve failed */
		}
		child_exit(0);
	}
	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid || status != 0)
		return -1;
	return 0;
}

static struct result bench_fork(unsigned long n, unsigned long batches, char **exec_argv)
{
	struct result r = { ~0ULL, 0, n, -1, 0 };

	if (fork_wait_once(exec_argv))	/* warm up */
		r.failed = 1;
	for (unsigned long b = 0; b < batches && !r.failed; b++) {
		unsigned long long t0 = read_counter();

		for (unsigned long i = 0; i < n; i++)
			if (fork_wait_once(exec_argv))
				r.failed = 2;
		take(&r, read_counter() - t0);
	}
	return r;
}

/* Two processes yielding to each other; shared[0] counts the child's yields, shared[1] stops it. */
static struct result bench_switch_yield(unsigned long n, unsigned long batches)
{
	struct result r = { ~0ULL, 0, 2 * n, 0, 0 };
	volatile long *shared = map_anon(PAGE, MAP_SHARED_ANON);
	long pid;
	int status;

	if (!shared)
		return (struct result){ .failed = 1 };
	shared[0] = shared[1] = 0;
	pid = do_fork();
	if (pid == 0) {
		while (!shared[1]) {
			shared[0]++;
			sys(sched_yield);
		}
		child_exit(0);
	}
	if (pid < 0)
		return (struct result){ .failed = 2 };
	/*
	 * Warm up until the two alternate: 16 yields in a row that each let the child run once.
	 * Linux's CFS places a new child's vruntime ahead of its parent's and lets a yield pass
	 * to it only within the wake-up granularity (1 ms), so the parent runs alone for a few
	 * ms of virtual time first (a few million instructions at x86's 1 ns per instruction).
	 */
	for (long streak = 0, tries = 0; streak < 16 && tries < 200000; tries++) {
		long c = shared[0];

		sys(sched_yield);
		streak = shared[0] == c + 1 ? streak + 1 : 0;
	}
	/* Only batches in which the child ran once per yield count: 2n switches exactly. */
	for (unsigned long b = 0; b < batches; b++) {
		long before = shared[0];
		unsigned long long t0 = read_counter(), t;

		for (unsigned long i = 0; i < n; i++)
			sys(sched_yield);
		t = read_counter() - t0;
		if (shared[0] - before == (long)n) {
			take(&r, t);
			r.other++;
		}
	}
	if (!r.other)
		r.failed = 4;	/* never alternated */
	shared[1] = 1;
	if (sys(wait4, pid, &status, 0, 0) != pid)
		r.failed = 3;
	return r;
}

/*
 * Ping-pong through a turn word (futex_turns, ferry/bench.h): the parent waits while it is 1
 * (the child's turn), the child while it is 0: one switch per hand-over.
 */
static struct result bench_switch_futex(unsigned long n, unsigned long batches)
{
	struct result r = { ~0ULL, 0, 2 * n, -1, 0 };
	volatile int *turn = map_anon(PAGE, MAP_SHARED_ANON);
	volatile long *count;
	long pid;
	int status;

	if (!turn)
		return (struct result){ .failed = 1 };
	count = (volatile long *)(turn + 16);
	*turn = 0;
	*count = 0;
	pid = do_fork();
	if (pid == 0) {
		for (unsigned long i = 0; i < 1 + batches * n; i++) {
			futex_turns(turn, 1, 0, 1);
			(*count)++;
		}
		child_exit(0);
	}
	if (pid < 0)
		return (struct result){ .failed = 2 };
	futex_turns(turn, 0, 1, 1);	/* warm up: one round trip */
	for (unsigned long b = 0; b < batches; b++) {
		long before = *count;

		/* n hand-overs to the child, and n back */
		take(&r, futex_round_trips(turn, n));
		if (*count - before < (long)n - 1)	/* at most the last increment may lag */
			r.failed = 4;
	}
	if (sys(wait4, pid, &status, 0, 0) != pid)
		r.failed = 3;
	return r;
}

static int thread_once(void *stack_top, volatile int *tid)
{
	long t = clone_exit_thread(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
				   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID, stack_top,
				   (int *)tid, (int *)tid);
	int v;

	if (t < 0)
		return -1;
	while ((v = *tid) != 0)	/* the join: the kernel clears the word and wakes it at exit */
		futex(tid, FUTEX_WAIT, v);
	return 0;
}

static struct result bench_threads(unsigned long n, unsigned long batches)
{
	struct result r = { ~0ULL, 0, n, -1, 0 };
	static volatile int tid;
	char *stack = map_anon(64 * 1024, MAP_PRIVATE_ANON);

	if (!stack || thread_once(stack + 64 * 1024, &tid))	/* warm up */
		return (struct result){ .failed = 1 };
	for (unsigned long b = 0; b < batches && !r.failed; b++) {
		unsigned long long t0 = read_counter();

		for (unsigned long i = 0; i < n; i++)
			if (thread_once(stack + 64 * 1024, &tid))
				r.failed = 2;
		take(&r, read_counter() - t0);
	}
	return r;
}

static unsigned long long free_bytes(void)
{
	struct sysinfo si;

	sys(sysinfo, &si);
	return (unsigned long long)si.freeram * si.mem_unit;
}

/* Free memory before and after 100 children sleeping in FUTEX_WAIT, per child. */
static void bench_memory(void)
{
	volatile int *gate = map_anon(PAGE, MAP_SHARED_ANON);
	long pids[CHILDREN];
	unsigned long long before, after;
	int made = 0, status;
	char kib[32];

	if (!gate) {
		printf("BENCH abi=%s mem=per_process missing=mmap_failed\n", ABI);
		return;
	}
	*gate = 0;
	before = free_bytes();
	for (; made < CHILDREN; made++) {
		long pid = do_fork();

		if (pid == 0) {
			while (*gate == 0)
				futex(gate, FUTEX_WAIT, 0);
			child_exit(0);
		}
		if (pid < 0)
			break;
		pids[made] = pid;
	}
	after = free_bytes();
	*gate = 1;
	futex(gate, FUTEX_WAKE, 0x7fffffff);
	for (int i = 0; i < made; i++)
		sys(wait4, pids[i], &status, 0, 0);
	if (made < CHILDREN) {
		printf("BENCH abi=%s mem=per_process missing=fork_failed_after_%d\n", ABI, made);
		return;
	}
	if (after > before) {
		printf("BENCH abi=%s mem=per_process missing=free_memory_grew\n", ABI);
		return;
	}
	put_ratio(kib, sizeof(kib), (before - after) / 1024, CHILDREN);
	printf("BENCH abi=%s mem=per_process n=%d kib=%s before_kib=%llu after_kib=%llu\n", ABI,
	       CHILDREN, kib, before / 1024, after / 1024);
}

static void touch_16m(void)
{
	char *m = map_anon(16UL << 20, MAP_PRIVATE_ANON);

	for (unsigned long off = 0; m && off < 16UL << 20; off += PAGE)
		m[off] = 1;
	if (!m)
		printf("BENCH abi=%s op=fork16m_exit_wait missing=mmap_failed\n", ABI);
}

int main(int argc, char **argv)
{
	char *exec_argv[] = { argv[0], "exec-exit", 0 };
	struct result r;

	if (argc > 1 && !strcmp(argv[1], "exec-exit"))	/* the exec'd image: exit at once */
		child_exit(0);
	if (argv[0][0] != '/')
		exec_argv[0] = "/init";
	printf("BENCH abi=%s probe=bench_procs\n", ABI);

	r = bench_fork(16, 4, 0);
	report("fork_exit_wait", &r, 4);
	r = bench_fork(8, 4, exec_argv);
	report("fork_exec_exit_wait", &r, 4);
	r = bench_switch_yield(64, 16);
	report("switch_yield", &r, 16);
	r = bench_switch_futex(64, 8);
	report("switch_futex", &r, 8);
	r = bench_threads(32, 8);
	report("thread_create_join", &r, 8);
	bench_memory();
	touch_16m();	/* last: every later fork would copy these page tables too */
	r = bench_fork(4, 4, 0);
	report("fork16m_exit_wait", &r, 4);
	printf("BENCH done\n");
	return 0;
}
