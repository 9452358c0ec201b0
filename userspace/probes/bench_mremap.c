/*
 * mremap's cost (docs/benchmarks.md, "mremap"): instructions per operation under QEMU's
 * icount, booted as /init on Ferry and on Debian's Linux 6.1 alike.
 *
 *   mremap_move_2m     a 2 MiB private mapping, every page written, moved with
 *                      MREMAP_MAYMOVE | MREMAP_FIXED to a free range and back (per move:
 *                      512 page-table entries moved, nothing copied)
 *   mremap_grow_shrink one page grown to two in place and shrunk back (per pair: what
 *                      realloc of a large block does when there is room after it)
 *
 * Each: one warm-up, then 8 batches of n operations; the smallest batch counts.
 */
#include <ferry/bench.h>

#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define P		4096UL
#define BATCHES		8

static long map(unsigned long len)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#else
	return sys(mmap, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
}

static void bench_move(void)
{
	struct result r = { .best = ~0ULL, .n = 16, .other = -1 };
	long a = map(2 << 20), b = map(2 << 20), x = a, y = b;

	sys(munmap, b, 2 << 20);		/* the other place: free */
	for (unsigned long i = 0; i < (2 << 20); i += P)
		*(volatile char *)(a + i) = 1;
	for (int batch = -1; batch < BATCHES && !r.failed; batch++) {
		unsigned long long t0 = read_counter();

		for (unsigned long k = 0; k < r.n; k++) {
			if (sys(mremap, x, 2 << 20, 2 << 20, MREMAP_MAYMOVE | MREMAP_FIXED, y) != y)
				r.failed = 1;
			long t = x;

			x = y;
			y = t;
		}
		if (batch >= 0)
			take(&r, read_counter() - t0);
	}
	if (*(volatile char *)(x + (1 << 20)) != 1)
		r.failed = 2;
	report("mremap_move_2m", &r, BATCHES);
	sys(munmap, x, 2 << 20);
}

static void bench_grow_shrink(void)
{
	struct result r = { .best = ~0ULL, .n = 32, .other = -1 };
	long a = map(2 * P);

	sys(munmap, a + P, P);
	*(volatile char *)a = 1;
	for (int batch = -1; batch < BATCHES && !r.failed; batch++) {
		unsigned long long t0 = read_counter();

		for (unsigned long k = 0; k < r.n; k++)
			if (sys(mremap, a, P, 2 * P, 0, 0) != a || sys(mremap, a, 2 * P, P, 0, 0) != a)
				r.failed = 1;
		if (batch >= 0)
			take(&r, read_counter() - t0);
	}
	report("mremap_grow_shrink", &r, BATCHES);
	sys(munmap, a, P);
}

int main(void)
{
	bench_move();
	bench_grow_shrink();
	return 0;
}
