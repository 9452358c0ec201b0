/*
 * Shared by the example programs (prog_*.c, issue 14): ordinary glibc programs whose whole
 * output is the same on every kernel and ABI, so the script suite (programs.sh) can compare
 * them with Linux 6.1 line for line. Each check prints one KTAP line naming what was done
 * and what came back; nothing that varies (pids, addresses, times, temp names) is printed.
 */
#ifndef PROG_H
#define PROG_H
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#if defined(__i386__) && !__has_include(<asm/errno.h>)
/* The host's i386 glibc headers lack the kernel's asm/ (linux-libc-dev:i386 is not
 * installed): the errno numbers are asm-generic's, which is what asm/errno.h holds. */
#define _BITS_ERRNO_H 1
#include <asm-generic/errno.h>
#define _LINUX_STAT_H 1
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int prog_n, prog_failed;
#define PROG_UNUSED __attribute__((unused))

PROG_UNUSED static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++prog_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	prog_failed += !ok;
}

/* Line-buffered stdout (a fork must not copy unwritten lines) and the KTAP header. */
PROG_UNUSED static void prog_begin(const char *name)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("KTAP version 1\n# %s\n", name);
}

/* The plan last (the count is known only at the end); the status is the failures' count. */
PROG_UNUSED static int prog_end(void)
{
	printf("1..%d\n# %d passed, %d failed\n", prog_n, prog_n - prog_failed, prog_failed);
	return prog_failed;
}

/* A fresh scratch directory under /tmp (made if missing: as /init there is none yet). */
PROG_UNUSED static char *prog_scratch(const char *name)
{
	static char dir[64];

	mkdir("/tmp", 01777);
	snprintf(dir, sizeof(dir), "/tmp/%s.XXXXXX", name);
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp under /tmp: %s\n", strerror(errno));
		exit(1);
	}
	return dir;
}

#endif
