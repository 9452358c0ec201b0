/*
 * bench_files: what the common file operations cost, in cycle-counter ticks, for
 * scripts/bench.py (issue 12's figures). Booted as /init on Ferry and on Linux; it builds its
 * own tree first:
 *
 *   /tmp/a/b/c/f       4 KiB (the path three directories deep, and the cached file read)
 *   /tmp/d100/         100 empty regular files, e00 .. e99
 *
 * Each figure is a loop of n operations between two counter reads, divided by n, in several
 * batches after one warm-up operation; the smallest batch counts (ferry/bench.h). Output:
 *
 *   BENCH abi=x86_64 op=open_close n=64 batches=8 per_op=1234 spread=0
 *
 * open_close      openat(AT_FDCWD, "/tmp/a/b/c/f", O_RDONLY) and close of the fd it returns
 * newfstatat      newfstatat(AT_FDCWD, "/tmp/a/b/c/f", &st, 0): the 64-bit ABIs' call; i386
 *                 and arm make the same request through fstatat64 (their form, as glibc's
 *                 fstatat does)
 * read_4k         pread64 of the whole 4 KiB file at offset 0, from the page cache
 * pipe_roundtrip  one byte from the parent to a child through one pipe and back through
 *                 another: two reads that sleep, two writes that wake, two context switches
 * getdents64_100  lseek(fd, 0, SEEK_SET) and one getdents64 into a 16 KiB buffer that
 *                 returns all 102 records of /tmp/d100 (".", ".." and the 100 files)
 *
 * A step that fails prints missing=failed_N for its figure and the probe goes on, so the
 * figures a kernel can give are printed even while other calls are missing.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>
#include <ferry/bench.h>

#define AT_FDCWD	-100
#define O_RDONLY	0
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#if defined(__x86_64__) || defined(__i386__)
#define O_DIRECTORY	0200000
#else
#define O_DIRECTORY	040000
#endif
#define SIGCHLD		17
#define ENTRIES		100

/* "/tmp" unless argv[1] names another top (so the probe can run on a host, in a folder of its own) */
static char deep[128], d100[128];

static char page[4096] __attribute__((aligned(4096)));
static unsigned char statbuf[256];
static char dents[16384];

static int build_tree(const char *top)
{
	static const char *const dirs[] = { "", "/a", "/a/b", "/a/b/c", "/d100" };
	char name[160];
	long fd;

	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", top, dirs[i]);
		sys(mkdirat, AT_FDCWD, name, 0755);	/* EEXIST is fine */
	}
	snprintf(deep, sizeof(deep), "%s/a/b/c/f", top);
	snprintf(d100, sizeof(d100), "%s/d100", top);
	fd = sys(openat, AT_FDCWD, deep, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return 1;
	memset(page, 'f', sizeof(page));
	if (sys(write, fd, page, sizeof(page)) != sizeof(page))
		return 2;
	sys(close, fd);
	for (int i = 0; i < ENTRIES; i++) {
		snprintf(name, sizeof(name), "%s/e%02d", d100, i);
		fd = sys(openat, AT_FDCWD, name, O_RDWR | O_CREAT, 0644);
		if (fd < 0)
			return 3;
		sys(close, fd);
	}
	return 0;
}

static int open_close_once(void *arg)
{
	long fd = sys(openat, AT_FDCWD, deep, O_RDONLY, 0);

	(void)arg;
	return fd < 0 || sys(close, fd) ? -1 : 0;
}

static int fstatat_once(void *arg)
{
	(void)arg;
#if defined(__i386__) || defined(__arm__)
	return sys(fstatat64, AT_FDCWD, deep, statbuf, 0) ? -1 : 0;
#else
	return sys(newfstatat, AT_FDCWD, deep, statbuf, 0) ? -1 : 0;
#endif
}

static int read_once(void *arg)
{
	long fd = *(long *)arg;

#if defined(__arm__)
	/* the 64-bit offset in an even register pair (r4, r5): r3 is skipped */
	return sys(pread64, fd, page, sizeof(page), 0, 0, 0) == sizeof(page) ? 0 : -1;
#else
	return sys(pread64, fd, page, sizeof(page), 0, 0) == sizeof(page) ? 0 : -1;
#endif
}

static int getdents_once(void *arg)
{
	long fd = *(long *)arg, n, count = 0;

	if (sys(lseek, fd, 0, 0))
		return -1;
	n = sys(getdents64, fd, dents, sizeof(dents));
	for (long pos = 0; pos > -1 && pos < n; count++)
		pos += *(unsigned short *)(dents + pos + 16);	/* d_reclen */
	return count == ENTRIES + 2 ? 0 : -1;
}

/* n operations per batch, after one warm-up; the smallest batch counts. */
static struct result bench(int (*once)(void *), void *arg, unsigned long n, unsigned long batches)
{
	struct result r = { ~0ULL, 0, n, -1, 0 };

	if (once(arg))
		return (struct result){ .failed = 1 };
	for (unsigned long b = 0; b < batches && !r.failed; b++) {
		unsigned long long t0 = read_counter();

		for (unsigned long i = 0; i < n; i++)
			if (once(arg))
				r.failed = 2;
		take(&r, read_counter() - t0);
	}
	return r;
}

/* p[0]/p[1]: parent to child; q[0]/q[1]: child to parent. The child echoes until EOF. */
static struct result bench_pipe(unsigned long n, unsigned long batches)
{
	struct result r = { ~0ULL, 0, n, -1, 0 };
	int p[2], q[2], status;
	char c = 'x';
	long pid;

	if (sys(pipe2, p, 0) || sys(pipe2, q, 0))
		return (struct result){ .failed = 1 };
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		sys(close, p[1]);
		sys(close, q[0]);
		while (sys(read, p[0], &c, 1) == 1)
			if (sys(write, q[1], &c, 1) != 1)
				break;
		for (;;)
			sys(exit_group, 0);
	}
	sys(close, p[0]);
	sys(close, q[1]);
	if (pid < 0)
		return (struct result){ .failed = 2 };
	if (sys(write, p[1], &c, 1) != 1 || sys(read, q[0], &c, 1) != 1)	/* warm up */
		r.failed = 3;
	for (unsigned long b = 0; b < batches && !r.failed; b++) {
		unsigned long long t0 = read_counter();

		for (unsigned long i = 0; i < n; i++)
			if (sys(write, p[1], &c, 1) != 1 || sys(read, q[0], &c, 1) != 1)
				r.failed = 4;
		take(&r, read_counter() - t0);
	}
	sys(close, p[1]);	/* the child reads EOF and exits */
	if (sys(wait4, pid, &status, 0, 0) != pid)
		r.failed = 5;
	sys(close, q[0]);
	return r;
}

int main(int argc, char **argv)
{
	struct result r;
	long fd, dfd;
	int err;

	printf("BENCH abi=%s probe=bench_files\n", ABI);
	err = build_tree(argc > 1 ? argv[1] : "/tmp");
	if (err) {
		static const char *const ops[] = { "open_close", "newfstatat", "read_4k",
						   "getdents64_100" };

		for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			printf("BENCH abi=%s op=%s missing=tree_%d\n", ABI, ops[i], err);
	} else {
		r = bench(open_close_once, 0, 64, 8);
		report("open_close", &r, 8);
		r = bench(fstatat_once, 0, 64, 8);
		report("newfstatat", &r, 8);
		fd = sys(openat, AT_FDCWD, deep, O_RDONLY, 0);
		r = bench(read_once, &fd, 64, 8);
		report("read_4k", &r, 8);
		sys(close, fd);
		dfd = sys(openat, AT_FDCWD, d100, O_RDONLY | O_DIRECTORY, 0);
		r = bench(getdents_once, &dfd, 16, 8);
		report("getdents64_100", &r, 8);
		sys(close, dfd);
	}
	r = bench_pipe(64, 8);
	report("pipe_roundtrip", &r, 8);
	printf("BENCH done\n");
	return 0;
}
