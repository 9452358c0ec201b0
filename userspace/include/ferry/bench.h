/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the operation benchmarks (bench_procs, bench_files) share: the cycle counter, a batch
 * result and its BENCH op= line for scripts/bench.py. Under QEMU's -icount one tick is one
 * guest instruction (docs/benchmarks.md). bench.c keeps its own assembly loops.
 *
 *   BENCH abi=x86_64 op=NAME n=16 batches=4 per_op=12345 spread=0 [alternating=B]
 *   BENCH abi=x86_64 op=NAME missing=WHY
 */
#ifndef FERRY_BENCH_H
#define FERRY_BENCH_H

#include <ferry/probe.h>

#if defined(__x86_64__)
#define ABI "x86_64"
#elif defined(__i386__)
#define ABI "i386"
#elif defined(__arm__)
#define ABI "arm"
#else
#define ABI "arm64"
#endif

static inline unsigned long long read_counter(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (unsigned long long)hi << 32 | lo;
#elif defined(__arm__)
	unsigned long long v;

	__asm__ __volatile__("isb\n mrrc p15, 1, %Q0, %R0, c14" : "=r"(v) : : "memory");
	return v;
#else
	unsigned long v;

	__asm__ __volatile__("isb\n mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#endif
}

/* v/n with two decimals, without floating point. */
static inline void put_ratio(char *out, size_t size, unsigned long long v, unsigned long n)
{
	unsigned long long whole = v / n, frac = (v % n) * 100 / n;

	if (v % n)
		snprintf(out, size, "%llu.%02llu", whole, frac);
	else
		snprintf(out, size, "%llu", whole);
}

struct result {
	unsigned long long best, worst;
	unsigned long n;	/* operations per batch, the divisor */
	long other;		/* the switch figures: batches that alternated strictly, else -1 */
	int failed;		/* nonzero: which step failed (the line says missing=failed_N) */
};

static inline void take(struct result *r, unsigned long long t)
{
	if (t < r->best)
		r->best = t;
	if (t > r->worst)
		r->worst = t;
}

static inline void report(const char *op, const struct result *r, unsigned long batches)
{
	char per[32], spread[32];

	if (r->failed) {
		printf("BENCH abi=%s op=%s missing=failed_%d\n", ABI, op, r->failed);
		return;
	}
	put_ratio(per, sizeof(per), r->best, r->n);
	put_ratio(spread, sizeof(spread), r->worst - r->best, r->n);
	if (r->other >= 0)
		printf("BENCH abi=%s op=%s n=%lu batches=%lu per_op=%s spread=%s alternating=%ld\n", ABI, op,
		       r->n, batches, per, spread, r->other);
	else
		printf("BENCH abi=%s op=%s n=%lu batches=%lu per_op=%s spread=%s\n", ABI, op, r->n,
		       batches, per, spread);
}

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1

static inline long futex(volatile int *word, int op, int val)
{
	return sys(futex, word, op, val, 0, 0, 0);
}

/*
 * The futex ping-pong of bench_procs and bench_smp: hand a turn word back and forth, n
 * times. This side waits while the word is not 'mine', then gives the turn to 'theirs' and
 * wakes the other side: one hand-over each time round.
 */
static inline void futex_turns(volatile int *turn, int mine, int theirs, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		while (*turn != mine)
			futex(turn, FUTEX_WAIT, theirs);
		*turn = theirs;
		futex(turn, FUTEX_WAKE, 1);
	}
}

/*
 * The turn-0 side's n round trips, in counter ticks: it first waits for the other side's
 * last hand-over (as its loop would), then hands over n times and waits for the n-th back.
 */
static inline unsigned long long futex_round_trips(volatile int *turn, unsigned long n)
{
	unsigned long long t0;

	while (*turn != 0)
		futex(turn, FUTEX_WAIT, 1);
	t0 = read_counter();
	futex_turns(turn, 0, 1, n);
	while (*turn != 0)
		futex(turn, FUTEX_WAIT, 1);
	return read_counter() - t0;
}

#endif
