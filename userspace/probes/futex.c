/*
 * Futexes (issue 11), between processes sharing MAP_SHARED memory (shared futexes, keyed by
 * the physical page); glibc's private ones are exercised by libc_threads. Every operation
 * glibc uses: WAIT, WAKE, WAIT_BITSET/WAKE_BITSET, REQUEUE, CMP_REQUEUE, WAKE_OP, relative
 * and absolute timeouts, and Linux's errno for bad arguments. 32-bit ABIs call futex_time64
 * (64-bit timespec) and, once, the original futex with a 32-bit timespec.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define EAGAIN		11
#define EFAULT		14
#define EINVAL		22
#define ENOSYS		38
#define ETIMEDOUT	110
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	1
#define MAP_ANONYMOUS	0x20
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_OP(op, oparg, cmp, cmparg) \
	(((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff))

struct old_timespec32 {
	int tv_sec, tv_nsec;
};

static long futex(volatile int *uaddr, int op, int val, const void *ts_or_val2,
		  volatile int *uaddr2, int val3)
{
#if defined(__i386__) || defined(__arm__)
	return sys(futex_time64, uaddr, op, val, ts_or_val2, uaddr2, val3);
#else
	return sys(futex, uaddr, op, val, ts_or_val2, uaddr2, val3);
#endif
}

/* shared[0..1]: futex words A and B; shared[3 + i]: what child i's wait returned;
 * shared[10 + i]: child i is about to wait. */
static volatile int *shared;

static long waiter(int slot, volatile int *word, int op, int val, int bitset)
{
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0) {
		shared[10 + slot] = 1;		/* one flag each: no atomics needed */
		shared[3 + slot] = futex(word, op, val, 0, 0, bitset);
		sys(exit_group, 0);
	}
	return pid;
}

/* Until n children have said they are about to wait, then a little more for them to get
 * there (they block at once: nothing else runs between). */
static void until_waiting(int n)
{
	for (int i = 0; i < n; i++)
		while (!shared[10 + i])
			sleep_ms(5);
	sleep_ms(100);
}

static void reap(int n)
{
	int status;

	for (int i = 0; i < n; i++)
		sys(wait4, -1, &status, 0, 0);
}

int main(void)
{
	long r, t0;
	int status;

#if defined(__i386__) || defined(__arm__)
	shared = (volatile int *)sys(mmap2, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#else
	shared = (volatile int *)sys(mmap, 0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#endif
	ktap_plan(17);

	shared[0] = 1;
	r = futex(&shared[0], FUTEX_WAIT, 2, 0, 0, 0);
	ktap_result(r == -EAGAIN, "WAIT when the word differs: -EAGAIN (%ld)", r);

	struct timespec64 rel = { 0, 50 * 1000000 };
	t0 = now_ms();
	r = futex(&shared[0], FUTEX_WAIT, 1, &rel, 0, 0);
	ktap_result(r == -ETIMEDOUT && now_ms() - t0 >= 50,
		    "WAIT with a 50 ms timeout: -ETIMEDOUT after %lld ms (%ld)", now_ms() - t0, r);

	struct timespec64 past = { 0, 1 };
	r = futex(&shared[0], FUTEX_WAIT_BITSET, 1, &past, 0, -1);
	ktap_result(r == -ETIMEDOUT, "WAIT_BITSET until an absolute time long past: -ETIMEDOUT (%ld)", r);

	r = futex(&shared[0], FUTEX_WAKE, 1, 0, 0, 0);
	ktap_result(r == 0, "WAKE with nobody waiting: 0 (%ld)", r);

	/* one waiter, woken */
	shared[0] = 0;
	shared[10] = shared[11] = 0;
	waiter(0, &shared[0], FUTEX_WAIT, 0, 0);
	until_waiting(1);
	r = futex(&shared[0], FUTEX_WAKE, 1, 0, 0, 0);
	reap(1);
	ktap_result(r == 1 && shared[3] == 0, "a waiting process is woken: WAKE 1, its WAIT 0 (%ld, %d)",
		    r, shared[3]);

	/* bitsets */
	shared[10] = shared[11] = 0;
	waiter(0, &shared[0], FUTEX_WAIT_BITSET, 0, 0x2);
	until_waiting(1);
	r = futex(&shared[0], FUTEX_WAKE_BITSET, 1, 0, 0, 0x1);
	long r2 = futex(&shared[0], FUTEX_WAKE_BITSET, 1, 0, 0, 0x6);
	reap(1);
	ktap_result(r == 0 && r2 == 1, "WAKE_BITSET wakes only matching bits (%ld, then %ld)", r, r2);
	r = futex(&shared[0], FUTEX_WAIT_BITSET, 0, 0, 0, 0);
	ktap_result(r == -EINVAL, "WAIT_BITSET with bitset 0: -EINVAL (%ld)", r);

	/* requeue: two waiters on A; wake one, move one to B; then wake B */
	shared[0] = shared[1] = 0;
	shared[10] = shared[11] = 0;
	waiter(0, &shared[0], FUTEX_WAIT, 0, 0);
	waiter(1, &shared[0], FUTEX_WAIT, 0, 0);
	until_waiting(2);
	r = futex(&shared[0], FUTEX_CMP_REQUEUE, 1, (void *)1, &shared[1], 5);
	ktap_result(r == -EAGAIN, "CMP_REQUEUE when A is not val3: -EAGAIN (%ld)", r);
	r = futex(&shared[0], FUTEX_REQUEUE, 1, (void *)1, &shared[1], 0);
	r2 = futex(&shared[0], FUTEX_WAKE, 1, 0, 0, 0);
	long r3 = futex(&shared[1], FUTEX_WAKE, 1, 0, 0, 0);
	reap(2);
	ktap_result(r == 2 && r2 == 0 && r3 == 1,
		    "REQUEUE wakes one and moves one to B, counting both: %ld; A then has %ld, "
		    "B wakes %ld", r, r2, r3);

	shared[10] = shared[11] = 0;
	waiter(0, &shared[0], FUTEX_WAIT, 0, 0);
	waiter(1, &shared[0], FUTEX_WAIT, 0, 0);
	until_waiting(2);
	r = futex(&shared[0], FUTEX_CMP_REQUEUE, 0, (void *)2, &shared[1], 0);
	r2 = futex(&shared[1], FUTEX_WAKE, 2, 0, 0, 0);
	reap(2);
	ktap_result(r == 2 && r2 == 2, "CMP_REQUEUE counts the moved: %ld; B then wakes %ld", r, r2);

	/* wake_op: B += 1 (was 0); wake A's waiter, and B's since old B == 0 */
	shared[0] = shared[1] = 0;
	shared[10] = shared[11] = 0;
	waiter(0, &shared[0], FUTEX_WAIT, 0, 0);
	waiter(1, &shared[1], FUTEX_WAIT, 0, 0);
	until_waiting(2);
	r = futex(&shared[0], FUTEX_WAKE_OP, 1, (void *)1, &shared[1], FUTEX_OP(1, 1, 0, 0));
	reap(2);
	ktap_result(r == 2 && shared[1] == 1, "WAKE_OP: B became %d, both waiters woken (%ld)",
		    shared[1], r);
	r = futex(&shared[0], FUTEX_WAKE_OP, 1, (void *)1, &shared[1], FUTEX_OP(0, 7, 0, 5));
	ktap_result(r == 0 && shared[1] == 7, "WAKE_OP SET with a false comparison: B = %d, 0 woken (%ld)",
		    shared[1], r);

	/* bad arguments */
	r = futex((volatile int *)((char *)shared + 1), FUTEX_WAKE, 1, 0, 0, 0);
	ktap_result(r == -EINVAL, "an unaligned word: -EINVAL (%ld)", r);
	r = futex((volatile int *)16, FUTEX_WAIT, 0, 0, 0, 0);
	ktap_result(r == -EFAULT, "a word at an unmapped address: -EFAULT (%ld)", r);
	r = futex(&shared[0], 99, 0, 0, 0, 0);
	ktap_result(r == -ENOSYS, "an unknown operation: -ENOSYS (%ld)", r);
	struct timespec64 bad = { 0, 1000000000 };
	r = futex(&shared[0], FUTEX_WAIT, shared[0], &bad, 0, 0);
	ktap_result(r == -EINVAL, "a timeout with tv_nsec = 10^9: -EINVAL (%ld)", r);

#if defined(__i386__) || defined(__arm__)
	struct old_timespec32 rel32 = { 0, 20 * 1000000 };
	r = sys(futex, &shared[0], FUTEX_WAIT, shared[0], &rel32, 0, 0);
	ktap_result(r == -ETIMEDOUT, "the original futex with a 32-bit timespec: -ETIMEDOUT (%ld)", r);
#else
	r = futex(&shared[0], FUTEX_WAIT, shared[0], &rel, 0, 0);
	ktap_result(r == -ETIMEDOUT, "futex with a timespec again: -ETIMEDOUT (%ld)", r);
#endif
	(void)status;
	return ktap_finish();
}
