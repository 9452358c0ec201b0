/*
 * selfcheck_growth: init's own memory may grow after mm_selfcheck's baseline (pid 1's first
 * fork) without that being a leak. Run as /init with "mm_selfcheck" on the command line: it
 * forks once (the baseline), reaps the child, then touches pages of its own it never
 * touched before -- two by its own stores, one by the kernel's (a read() into it), as the
 * fuzzer's parent did when its cleanup first read a folder two levels deep (docs/fuzzing.md,
 * arm seed=3 worker=200 calls=8). The kernel's verdict must still be "4 passed": before the
 * fix, memory_back_to_baseline counted these three pages as in use (tests/boot/cases_fuzz.py).
 */
#include <ferry/probe.h>

static char untouched[4][4096] __attribute__((aligned(4096)));

int main(void)
{
	int status = -1;
	int fds[2] = { -1, -1 };
	long got = -1, pid = sys(clone, 17 /* SIGCHLD */, 0, 0, 0, 0);

	if (pid == 0)
		sys(exit, 0);
	sys(wait4, pid, &status, 0, 0);
	((volatile char *)untouched[0])[0] = 1;
	((volatile char *)untouched[1])[100] = 1;
	if (sys(pipe2, fds, 0) == 0 && sys(write, fds[1], "sixteen bytes...", 16) == 16)
		got = sys(read, fds[0], untouched[2], 16);	/* the kernel's store */
	sys(close, fds[0]);	/* the pipe's buffer goes: only init's own pages are new */
	sys(close, fds[1]);
	printf("# selfcheck_growth: child status %#x, read %ld; init touched new pages after the "
	       "baseline\n", status, got);
	return status != 0 || got != 16;
}
