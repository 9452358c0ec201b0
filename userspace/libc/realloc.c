/*
 * realloc: glibc keeps blocks above its mmap threshold in mappings of their own and resizes
 * them with mremap(MREMAP_MAYMOVE) (malloc.c's mremap_chunk). A large block reallocated up
 * and down, several such blocks side by side (so that growing in place is blocked and the
 * block must move), and glibc's own mremap() wrapper with MREMAP_FIXED; the contents are
 * checked after every step. Without mremap (ENOSYS) glibc falls back to malloc + copy +
 * free, so the data checks would pass: the block's address staying put when it grows into
 * free room, and the direct mremap() calls, are what need the system call.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/mman.h>

static int n, failed;

static void check(int ok, const char *what)
{
	n++;
	failed += !ok;
	printf("%sok %d %s\n", ok ? "" : "not ", n, what);
}

/* <errno.h> needs the kernel's asm/ headers, which the host lacks for i386. */
int *__errno_location(void);
#define EINVAL 22

/* Word i of a block tagged t. */
static unsigned word(unsigned t, size_t i)
{
	return t * 0x9e3779b1u + (unsigned)i;
}

static void fill(unsigned *p, size_t from, size_t to, unsigned t)
{
	for (size_t i = (from + 96) / 97 * 97; i < to; i += 97)	/* the words holds() reads */
		p[i] = word(t, i);
}

static int holds(const unsigned *p, size_t to, unsigned t)
{
	for (size_t i = 0; i < to; i += 97)
		if (p[i] != word(t, i))
			return 0;
	return 1;
}

#define MIB (1024 * 1024 / sizeof(unsigned))	/* words in a MiB */

int main(void)
{
	unsigned *a, *b, *c, *q;
	void *m, *t, *r;

	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n1..8\n");
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);	/* fixed: no dynamic threshold */

	a = malloc(MIB * sizeof(unsigned));
	if (!a) {
		check(0, "malloc 1 MiB");
		return 1;
	}
	fill(a, 0, MIB, 1);
	a = realloc(a, 8 * MIB * sizeof(unsigned));
	check(a && holds(a, MIB, 1), "realloc 1 -> 8 MiB keeps the first MiB");
	fill(a, 0, 8 * MIB, 2);
	a = realloc(a, MIB / 2 * sizeof(unsigned));
	check(a && holds(a, MIB / 2, 2), "realloc 8 MiB -> 512 KiB keeps the first 512 KiB");
	a = realloc(a, 48 * MIB * sizeof(unsigned));
	check(a && holds(a, MIB / 2, 2), "realloc 512 KiB -> 48 MiB keeps them");
	fill(a, 0, 48 * MIB, 3);

	/* Three blocks side by side: each growth of the lower ones meets a neighbour. */
	b = malloc(MIB * sizeof(unsigned));
	c = malloc(MIB * sizeof(unsigned));
	fill(b, 0, MIB, 4);
	fill(c, 0, MIB, 5);
	for (int i = 2; i <= 6; i++) {
		b = realloc(b, i * MIB * sizeof(unsigned));
		c = realloc(c, i * MIB * sizeof(unsigned));
		if (!b || !c)
			break;
		fill(b, (i - 1) * MIB, i * MIB, 4);
		fill(c, (i - 1) * MIB, i * MIB, 5);
	}
	check(b && c && holds(b, 6 * MIB, 4) && holds(c, 6 * MIB, 5) && holds(a, 48 * MIB, 3),
	      "two blocks grown in turn to 6 MiB, past each other: every block's contents");
	free(b);
	free(c);
	a = realloc(a, 4 * MIB * sizeof(unsigned));
	check(a && holds(a, 4 * MIB, 3), "realloc 48 -> 4 MiB");
	free(a);

	/* glibc's mremap(): growing into free room keeps the address. */
	m = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap((char *)m + (4 << 20), 4 << 20);
	q = m;
	fill(q, 0, 4 * MIB, 6);
	r = mremap(m, 4 << 20, 8 << 20, 0);
	check(r == m && holds(q, 4 * MIB, 6), "mremap() grows 4 -> 8 MiB in place");
	if (r != m) {		/* go on with an 8 MiB mapping all the same */
		munmap(m, 4 << 20);
		m = mmap(NULL, 8 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		fill(m, 0, 4 * MIB, 6);
	}
	t = mmap(NULL, 8 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	r = mremap(m, 8 << 20, 8 << 20, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	check(r == t && holds(t, 4 * MIB, 6) && ((unsigned *)t)[5 * MIB] == 0,
	      "mremap(MREMAP_FIXED) moves it onto another mapping");
	r = mremap(t, 8 << 20, 16 << 20, 0x10);
	check(r == MAP_FAILED && *__errno_location() == EINVAL, "mremap() with an unknown flag: EINVAL");
	munmap(t, 8 << 20);
	printf("# realloc: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
