/*
 * Driving Linux's ftrace from a libc-free init: tracefs files written whole, and a failure
 * line naming the program. Used by ftrace_init.c (make compare's linux-kernel column) and
 * ftrace_bench.c (make bench LINUX=1); both run on Debian's Linux, never on Ferry. The
 * includer defines TRACEFS_PROG, the name its failure lines start with.
 */
#ifndef FERRY_TRACEFS_H
#define FERRY_TRACEFS_H

#include <ferry/probe.h>

#define O_WRONLY	1
#define O_TRUNC		01000
#define AT_FDCWD	-100
#define TRACING		"/tracing"	/* where the init mounts tracefs */

static void fail(const char *what, long err)
{
	printf(TRACEFS_PROG ": %s failed: %ld\n", what, err);
	exit(1);
}

/* Write text to a tracefs file (the whole file: O_TRUNC), or give up. */
static void put(const char *file, const char *text)
{
	char path[128];
	long fd, n;

	snprintf(path, sizeof(path), TRACING "/%s", file);
	fd = sys(openat, AT_FDCWD, path, O_WRONLY | O_TRUNC, 0);
	if (fd < 0)
		fail(path, fd);
	n = sys(write, fd, text, strlen(text));
	if (n < 0)
		fail(path, n);
	sys(close, fd);
}

/* Mount tracefs at TRACING with the tracer stopped, or give up. */
static void tracefs_mount(void)
{
	long r = sys(mkdirat, AT_FDCWD, TRACING, 0755);

	if (r < 0)
		fail("mkdir " TRACING, r);
	r = sys(mount, "nodev", TRACING, "tracefs", 0, 0);
	if (r < 0)
		fail("mount tracefs", r);
	put("tracing_on", "0");
}

#endif
