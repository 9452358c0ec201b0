// SPDX-License-Identifier: GPL-2.0
/* String helpers over the arch's raw user copies (see include/linux/uaccess.h). */
#include <linux/uaccess.h>
#include <linux/kernel.h>

/*
 * Copy a NUL-terminated string of at most count bytes. Returns its length (without the NUL)
 * or count when no NUL came within count bytes (dst is then not terminated, as in Linux),
 * or -EFAULT. Reads one chunk at a time, never past the end of a user page it was not
 * asked to reach.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long done = 0;

	if (count <= 0)
		return 0;
	while (done < count) {
		unsigned long addr = (unsigned long)src + done;
		long chunk = min(count - done, (long)(PAGE_SIZE - (addr & (PAGE_SIZE - 1))));

		if (copy_from_user(dst + done, (const void __user *)addr, chunk)) {
			/* Part of the chunk may be readable: retry byte by byte to find the NUL. */
			for (long i = 0; i < chunk; i++) {
				if (copy_from_user(dst + done + i, (const char __user *)addr + i, 1))
					return -EFAULT;
				if (!dst[done + i])
					return done + i;
			}
		}
		for (long i = 0; i < chunk; i++)
			if (!dst[done + i])
				return done + i;
		done += chunk;
	}
	return count;
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
