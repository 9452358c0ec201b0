// SPDX-License-Identifier: GPL-2.0
/* Number parsing for command-line values: decimal, 0x hex, 0 octal, and K/M/G suffixes. */
#include <linux/kernel.h>

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* base 0: guess from the prefix, as C does. */
unsigned long long simple_strtoull(const char *s, char **end, unsigned int base)
{
	unsigned long long v = 0;
	int d;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if ((s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	while ((d = digit_value(*s)) < (int)base) {
		v = v * base + d;
		s++;
	}
	if (end)
		*end = (char *)s;
	return v;
}

long long simple_strtoll(const char *s, char **end, unsigned int base)
{
	if (*s == '-')
		return -(long long)simple_strtoull(s + 1, end, base);
	return simple_strtoull(s, end, base);
}

/* Whole-string parse: 0 on success, -1 when there is junk or nothing to parse. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	char *end;

	if (!*s)
		return -1;
	*res = simple_strtoull(s, &end, base);
	if (end == s || (*end && !(*end == '\n' && !end[1])))
		return -1;
	return 0;
}

/* "64M" -> 64 << 20; accepts K, M, G, T (either case). */
unsigned long long memparse(const char *s, char **end)
{
	char *e;
	unsigned long long v = simple_strtoull(s, &e, 0);

	switch (*e) {
	case 'T': case 't': v <<= 10; /* fall through */
	case 'G': case 'g': v <<= 10; /* fall through */
	case 'M': case 'm': v <<= 10; /* fall through */
	case 'K': case 'k': v <<= 10; e++;
	}
	if (end)
		*end = e;
	return v;
}
