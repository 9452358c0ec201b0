// SPDX-License-Identifier: GPL-2.0
/* String helpers over the arch's raw user copies (see include/linux/uaccess.h). */
#include <linux/uaccess.h>
#include <linux/kernel.h>

/* Bytes of a word that are zero, each marked by its top bit; exact up to the first one. */
#define ONES	(~0UL / 0xff)
#define HIGHS	(ONES << 7)

static inline unsigned long zero_bytes(unsigned long v)
{
	return (v - ONES) & ~v & HIGHS;
}

/*
 * Copy a NUL-terminated string of at most count bytes. Returns its length (without the NUL),
 * or count when no NUL came within count bytes (dst is then not terminated, as in Linux),
 * or -EFAULT. As Linux's do_strncpy_from_user: a word at a time (a path of 13 bytes is two
 * loads, where a byte loop would be 14 and a copy of the whole count hundreds), testing each
 * word for a zero byte; both arches are little-endian, so the first zero is the lowest
 * marked byte. A word load that faults may have crossed into a missing page after the
 * string's end: the loop then goes on byte by byte and only a byte that faults is EFAULT.
 * Nothing at or above the task's user limit is read: reaching it without a NUL is EFAULT.
 */
static long do_strncpy_from_user(char *dst, const char __user *src, long count,
				 unsigned long max)
{
	long res = 0;

	while (max - res >= sizeof(unsigned long)) {
		unsigned long v, z;

		if (get_user_word(&v, src + res))
			break;
		/* Whole (dst has room up to max); the builtin is one store, not a call. */
		__builtin_memcpy(dst + res, &v, sizeof(v));
		z = zero_bytes(v);
		if (z)
			return res + (__builtin_ctzl(z) >> 3);
		res += sizeof(v);
	}
	for (; (unsigned long)res < max; res++) {
		unsigned char c;

		if (get_user_byte(&c, src + res))
			return -EFAULT;
		dst[res] = c;
		if (!c)
			return res;
	}
	return res >= count ? count : -EFAULT;	/* at the user limit without a NUL */
}

/* One uaccess window (SMAP's stac/clac) around the whole loop, closed on every return. */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src, limit = user_addr_max();
	long res;

	if (count <= 0)
		return 0;
	if (addr >= limit)
		return -EFAULT;
	__uaccess_begin();
	res = do_strncpy_from_user(dst, src, count, min((unsigned long)count, limit - addr));
	__uaccess_end();
	return res;
}

/* Length including the NUL, 0 on a fault, n + 1 when longer than n. */
long strnlen_user(const char __user *s, long n)
{
	char c;

	for (long i = 0; i <= n; i++) {
		if (get_user(c, s + i))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	static const char zeros[256];

	while (n) {
		unsigned long chunk = min(n, sizeof(zeros));
		unsigned long left = copy_to_user(to, zeros, chunk);

		if (left)
			return n - chunk + left;	/* exactly the bytes not cleared */
		to = (char __user *)to + chunk;
		n -= chunk;
	}
	return 0;
}
