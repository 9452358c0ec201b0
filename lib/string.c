// SPDX-License-Identifier: GPL-2.0
/*
 * String and memory functions. The string ones are plain byte loops: short, obviously right,
 * and never hot. memset, memcpy and forward memmove move a word per step once the pointers
 * are aligned (a backward memmove, for an overlap, stays byte by byte): boot zeroes the page map and the page tables with them and exec copies segments,
 * and a byte loop there cost millions of instructions (docs/benchmarks.md, boot figures).
 * Word accesses are only made at aligned addresses, so this is safe before the MMU is on
 * (arm64 Device memory faults on unaligned access) and on any CPU.
 */
#include <linux/string.h>

/* A word that may alias anything: the kernel builds with -fno-strict-aliasing, tests may not. */
typedef unsigned long __attribute__((may_alias)) word_t;
#define WORD		sizeof(word_t)
#define WORD_ALIGNED(p)	(((unsigned long)(p) & (WORD - 1)) == 0)

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	word_t pattern = (unsigned char)c * (~0UL / 0xff);	/* c in every byte */

	for (; n && !WORD_ALIGNED(p); n--)
		*p++ = (unsigned char)c;
	for (; n >= 4 * WORD; n -= 4 * WORD, p += 4 * WORD) {
		((word_t *)p)[0] = pattern;
		((word_t *)p)[1] = pattern;
		((word_t *)p)[2] = pattern;
		((word_t *)p)[3] = pattern;
	}
	for (; n >= WORD; n -= WORD, p += WORD)
		*(word_t *)p = pattern;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

/* Words when source and destination can both be aligned; otherwise bytes. */
void *memcpy(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	if (((unsigned long)dp & (WORD - 1)) == ((unsigned long)sp & (WORD - 1))) {
		for (; n && !WORD_ALIGNED(dp); n--)
			*dp++ = *sp++;
		for (; n >= 4 * WORD; n -= 4 * WORD, dp += 4 * WORD, sp += 4 * WORD) {
			((word_t *)dp)[0] = ((const word_t *)sp)[0];
			((word_t *)dp)[1] = ((const word_t *)sp)[1];
			((word_t *)dp)[2] = ((const word_t *)sp)[2];
			((word_t *)dp)[3] = ((const word_t *)sp)[3];
		}
		for (; n >= WORD; n -= WORD, dp += WORD, sp += WORD)
			*(word_t *)dp = *(const word_t *)sp;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;

	/*
	 * Forward copying is safe unless the destination starts inside the source: with
	 * dp < sp, each store lands below every byte still to be read, word or byte.
	 */
	if (dp <= sp || dp >= sp + n)
		return memcpy(d, s, n);
	while (n--)		/* overlapping, destination above: copy backwards */
		dp[n] = sp[n];
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *pa = a, *pb = b;

	for (; n; n--, pa++, pb++)
		if (*pa != *pb)
			return *pa - *pb;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* Copy with truncation; always NUL-terminates when size > 0; returns strlen(s). */
size_t strlcpy(char *d, const char *s, size_t size)
{
	size_t len = strlen(s);

	if (size) {
		size_t n = len >= size ? size - 1 : len;

		memcpy(d, s, n);
		d[n] = '\0';
	}
	return len;
}

char *strstr(const char *h, const char *n)
{
	size_t nl = strlen(n);

	for (; *h; h++)
		if (!strncmp(h, n, nl))
			return (char *)h;
	return nl ? NULL : (char *)h;
}
