/*
 * Example program (issue 14): a pthread pool — N workers take jobs from a queue guarded by
 * a mutex, wait on a condition variable while it is empty, and put results back; the main
 * thread waits on a second condition variable until every job is done, then shuts the pool
 * down (a broadcast) and joins each worker for its return value. Which worker ran which
 * job varies from run to run, so only what does not vary is printed: the results, their
 * sum, the job counts' total, the joins' values, pthread_once and thread-specific data
 * destructors (one per worker). KTAP; exits with the number of failures.
 */
#include "prog.h"
#include <pthread.h>

#define WORKERS	4
#define JOBS	200

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;	/* guards everything below */
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;	/* a job queued, or shutdown */
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;	/* finished == JOBS */
static int queue[JOBS], head, tail, finished, shutting_down;
static long results[JOBS];
static int ran[WORKERS];

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_calls, destructor_calls;
static pthread_key_t key;

static void count_once(void)
{
	once_calls++;
}

static void tsd_destructor(void *p)
{
	pthread_mutex_lock(&lock);
	destructor_calls++;
	pthread_mutex_unlock(&lock);
}

/* The job: the Collatz steps of n, so jobs take different times. */
static long collatz_steps(long n)
{
	long steps = 0;

	while (n != 1) {
		n = n % 2 ? 3 * n + 1 : n / 2;
		steps++;
	}
	return steps;
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;

	pthread_once(&once, count_once);
	pthread_setspecific(key, &ran[id]);
	pthread_mutex_lock(&lock);
	for (;;) {
		while (head == tail && !shutting_down)
			pthread_cond_wait(&work_ready, &lock);
		if (head == tail)
			break;		/* shutting down with the queue empty */
		int job = queue[head++];

		pthread_mutex_unlock(&lock);
		long r = collatz_steps(job + 1);
		pthread_mutex_lock(&lock);
		results[job] = r;
		ran[id]++;
		if (++finished == JOBS)
			pthread_cond_signal(&all_done);
	}
	pthread_mutex_unlock(&lock);
	return (void *)(long)(100 + id);
}

int main(void)
{
	pthread_t th[WORKERS];
	long sum = 0, joined = 0, expect = 0;
	int total = 0, created = 0, max_i = 0;

	prog_begin("prog_threadpool: a mutex + condvar job queue");
	pthread_key_create(&key, tsd_destructor);
	for (int i = 0; i < WORKERS; i++)
		created += pthread_create(&th[i], NULL, worker, (void *)(long)i) == 0;
	check(created == WORKERS, "pthread_create of %d workers", created);

	/* Queue the jobs in batches, signalling as each arrives. */
	for (int j = 0; j < JOBS; j++) {
		pthread_mutex_lock(&lock);
		queue[tail++] = j;
		pthread_cond_signal(&work_ready);
		pthread_mutex_unlock(&lock);
	}
	pthread_mutex_lock(&lock);
	while (finished < JOBS)
		pthread_cond_wait(&all_done, &lock);
	shutting_down = 1;
	pthread_cond_broadcast(&work_ready);
	pthread_mutex_unlock(&lock);
	check(finished == JOBS, "all %d jobs finished", finished);

	for (int i = 0; i < WORKERS; i++) {
		void *ret;

		if (pthread_join(th[i], &ret) == 0)
			joined += (long)ret;
		expect += 100 + i;
	}
	check(joined == expect, "joins returned 100+id each (sum %ld)", joined);
	for (int j = 0; j < JOBS; j++) {
		sum += results[j];
		if (results[j] > results[max_i])
			max_i = j;
		if (results[j] != collatz_steps(j + 1))
			check(0, "job %d: %ld", j, results[j]);
	}
	for (int i = 0; i < WORKERS; i++)
		total += ran[i];
	check(total == JOBS, "the workers ran %d jobs in all", total);
	check(sum == 8418, "Collatz steps of 1..%d: sum %ld", JOBS, sum);
	check(max_i + 1 == 171 && results[max_i] == 124, "longest: n=%d, %ld steps", max_i + 1,
	      results[max_i]);
	check(once_calls == 1, "pthread_once ran its function %d time", once_calls);
	check(destructor_calls == WORKERS, "thread-specific data destructors: %d", destructor_calls);
	check(pthread_mutex_trylock(&lock) == 0 && pthread_mutex_trylock(&lock) == EBUSY,
	      "trylock of a free mutex: 0; of a held one: EBUSY");
	pthread_mutex_unlock(&lock);
	return prog_end();
}
