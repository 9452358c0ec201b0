/*
 * The kernel services the fuzzed parsers call, for the libFuzzer harnesses in this folder:
 * a panic is a crash the fuzzer must report (abort), printk output is dropped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\npanic: the parser gave up on its input instead of refusing it\n");
	abort();
}

int printk(const char *fmt, ...)
{
	return 0;
}

/* Kernel string helpers glibc 2.36 lacks (lib/string.c has the kernel's own). */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t n = 0;

	while (src[n])
		n++;
	if (size) {
		size_t k = n < size - 1 ? n : size - 1;

		for (size_t i = 0; i < k; i++)
			dst[i] = src[i];
		dst[k] = '\0';
	}
	return n;
}
