/*
 * Process edge cases a review found (issue 11), through glibc on every ABI:
 *   1. a busy process alone on the CPU past its time slice still gives way to a task that
 *      wakes later (the slice used to stay at 0 and never ask again);
 *   2. a process whose leader thread called exit() and whose other thread then calls
 *      exit(7) reports exit 7 to wait (the leader's own 0 was reported);
 *   3. kill() reaches a process whose leader thread has exited but whose threads run;
 *   4. i386: set_thread_area making the slot %gs names not present does not crash the
 *      kernel (the selector's reload faulted in the kernel: an Oops);
 *   5. with "--init-exec" as init's argument: init execs from a thread, then an orphan is
 *      still reaped by the new init (the reaper pointed at the freed old leader).
 * KTAP; exits with the number of failures.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

static int n, failed;

static void check(int ok, const char *what, long a, long b)
{
	printf("%sok %d %s (%#lx, %#lx)\n", ok ? "" : "not ", ++n, what, a, b);
	failed += !ok;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void slice_gives_way(void)
{
	volatile int *flag = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pid_t c;
	double t0;

	*flag = 0;
	c = fork();
	if (c == 0) {
		msleep(200);
		*flag = 1;
		_exit(0);
	}
	t0 = now();
	while (!*flag && now() - t0 < 5.0)
		;		/* busy, with only the vDSO's or a cheap call for the time */
	check(*flag == 1, "a busy process gives way to a task that wakes later (ms, flag)",
	      (long)((now() - t0) * 1000), *flag);
	waitpid(c, NULL, 0);
}

static __attribute__((noreturn)) void *exits_7(void *a)
{
	(void)a;
	msleep(100);
	exit(7);
}

static void *sleeps(void *a)
{
	(void)a;
	while (a != (void *)1)	/* for ever: the process is killed */
		msleep(50);
	return NULL;
}

static void leader_gone(void)
{
	int st = -1, r;
	pid_t c, w = 0;
	pthread_t th;
	double t0;

	c = fork();
	if (c == 0) {
		pthread_create(&th, NULL, exits_7, NULL);
		pthread_exit(NULL);	/* the leader thread ends; the process goes on */
	}
	waitpid(c, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "the leader exited first, a thread's exit(7) is the process's status", st, 7 << 8);

	c = fork();
	if (c == 0) {
		pthread_create(&th, NULL, sleeps, NULL);
		pthread_exit(NULL);
	}
	msleep(100);
	r = kill(c, SIGTERM);
	t0 = now();
	while (!(w = waitpid(c, &st, WNOHANG)) && now() - t0 < 5.0)
		msleep(20);
	if (!w)
		kill(c, SIGKILL), waitpid(c, &st, 0);
	check(r == 0 && w == c && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	      "kill reaches a process whose leader thread has exited", r, st);
}

#ifdef __i386__
struct user_desc {
	unsigned int entry_number, base_addr, limit;
	unsigned int seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1,
		     seg_not_present:1, useable:1;
};

/* The child asks for the slot its own %gs names to be not present: Linux refuses it
 * (EINVAL, tls_desc_okay), and the process lives on with its TLS intact. qemu-user, which
 * does not check descriptors, accepts it (0); the process must live on either way. */
static void poisoned_tls(void)
{
	int st = -1;
	pid_t c = fork();

	if (c == 0) {
		unsigned short gs;
		struct user_desc d = { 0 };
		long r;

		__asm__ __volatile__("movw %%gs, %0" : "=r"(gs));
		d.entry_number = gs >> 3;
		d.limit = 0xfffff;
		d.seg_32bit = 1;
		d.limit_in_pages = 1;
		d.seg_not_present = 1;
		d.useable = 1;
		__asm__ __volatile__("int $0x80" : "=a"(r) : "a"(243), "b"(&d) : "memory");
		__asm__ __volatile__("int $0x80" : : "a"(252), "b"(r == -22 ? 0 : r == 0 ? 2 : 1));
		for (;;)
			;
	}
	waitpid(c, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) != 1,
	      "set_thread_area of a not-present slot under %gs: EINVAL (qemu-user: 0), the "
	      "process lives on", st, 0);
}
#endif

static char *self;

static void *exec_from_thread(void *a)
{
	char *argv[] = { self, "--after-exec", NULL };

	(void)a;
	execv(self, argv);
	return NULL;
}

/* init, after its exec from a thread: an orphan must come to it and be reaped. */
static int after_exec(void)
{
	int st = -1;
	pid_t c, w;

	printf("KTAP version 1\n1..1\n");
	c = fork();
	if (c == 0) {
		if (fork() == 0) {
			msleep(300);
			_exit(5);
		}
		_exit(0);
	}
	waitpid(c, &st, 0);
	w = wait(&st);
	check(w > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "after init exec'd from a thread, an orphan is still reaped by init", w, st);
	return failed;
}

int main(int argc, char **argv)
{
	pthread_t th;

	self = argv[0];
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "--after-exec"))
		return after_exec();
	if (argc > 1 && !strcmp(argv[1], "--init-exec")) {
		pthread_create(&th, NULL, exec_from_thread, NULL);
		for (;;)
			msleep(1000);
	}
#ifdef __i386__
	printf("KTAP version 1\n1..4\n");
	slice_gives_way();
	leader_gone();
	poisoned_tls();
#else
	printf("KTAP version 1\n1..3\n");
	slice_gives_way();
	leader_gone();
#endif
	printf("# procs_edge: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
