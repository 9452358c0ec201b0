/*
 * Every resource a user can make the kernel allocate is bounded, and running out is the
 * process's error (issue 16, "Boundaries"). The ones no other probe runs out of:
 *   - open files: open "/" until EMFILE, exactly at RLIMIT_NOFILE, then close them all
 *     and open one again;
 *   - memory maps: split one PROT_NONE reservation into areas (every other page made
 *     readable) until mprotect says ENOMEM, at Linux's vm.max_map_count (65530) areas or
 *     fewer; then unmap it and map again;
 *   - pipe buffers: an ordinary user (uid 65534, RLIMIT_NOFILE raised to 4096 first, as
 *     root) makes pipes until its pages pass fs.pipe-user-pages-soft (16384: 1024 pipes of
 *     16 pages); the next pipe gets 2 pages (F_GETPIPE_SZ 8192) and a non-blocking write
 *     into it stops at 8192 bytes with EAGAIN.
 * Each runs in a child, so everything it took goes back at its exit; booted with
 * mm_selfcheck on the command line, the kernel then checks its page allocator, slabs and
 * areas at every exit and at the end compares the pages and objects in use with the
 * baseline it took at the first fork (docs/fuzzing.md): the "kernel still fine afterwards".
 * The others are bounded and tested elsewhere: pids (forkbomb), tmpfs size (files_core),
 * argv size (exec), a pipe filled (pipes), trace records (a fixed ring: tchan, ktrace).
 * Boot test only (tests/boot/cases_limits.py): under qemu-user these would be the host's.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define EAGAIN		11
#define ENOMEM		12
#define EMFILE		24
#define O_RDONLY	0
#define O_NONBLOCK	04000
#if defined(__aarch64__) || defined(__arm__)
#define O_DIRECTORY	040000
#else
#define O_DIRECTORY	0200000
#endif
#define PROT_NONE	0
#define PROT_READ	1
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define RLIMIT_NOFILE	7
#define F_GETPIPE_SZ	1032
#define PAGE		4096UL
#define MAX_MAP_COUNT	65530		/* Linux's default vm.max_map_count */
#define NOBODY		65534

struct rlimit64 {
	unsigned long long cur, max;
};

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

/*
 * Run fn in a child (its fd table and address space go at its exit, before mm_selfcheck's
 * final count); fn prints its figures as '#' lines and returns a bit per failed check.
 * Here one KTAP line per check, in order, named by names[].
 */
static void in_child(int (*fn)(void), const char *const names[], int n)
{
	int status = -1;
	long pid = do_fork();

	if (pid == 0)
		sys(exit_group, fn());
	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid || (status & 0x7f))
		printf("# the child ended with wait status %#x\n", status);
	for (int i = 0; i < n; i++)
		ktap_result(!(status & 0x7f) && !((status >> 8) & (1 << i)), "%s", names[i]);
}

static long map_anon(unsigned long len, int prot)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#else
	return sys(mmap, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
}

static int open_until_emfile(void)
{
	struct rlimit64 lim;
	long fd = 0, last = -1, n = 0;
	int failed = 0;

	long got = sys(prlimit64, 0, RLIMIT_NOFILE, 0, &lim);

	if (got) {
		printf("# prlimit64(RLIMIT_NOFILE): %ld\n", got);
		return 3;
	}
	while (n < 100000) {
		fd = sys(openat, -100, "/", O_RDONLY | O_DIRECTORY, 0);
		if (fd < 0)
			break;
		last = fd;
		n++;
	}
	printf("# open: %ld opened, the last fd %ld, RLIMIT_NOFILE %llu, then %ld\n",
	       n, last, lim.cur, fd);
	if (fd != -EMFILE || last != (long)lim.cur - 1)
		failed |= 1;
	for (long i = 3; i <= last; i++)
		sys(close, i);
	fd = sys(openat, -100, "/", O_RDONLY | O_DIRECTORY, 0);
	printf("# open after closing them: %ld\n", fd);
	if (fd != 3)
		failed |= 2;
	return failed;
}

static int mprotect_until_enomem(void)
{
	/* Twice as many pages as areas allowed: every other page split off runs out first. */
	unsigned long pages = 2UL * 65536;
#if defined(__i386__) || defined(__arm__)
	pages = 2UL * 34000;		/* 265 MiB of address space (no memory), still past the limit */
#endif
	unsigned long len = pages * PAGE;
	long base = map_anon(len, PROT_NONE), r = 0, splits = 0, again;
	int failed = 0;

	if (base < 0 && base > -4096) {
		printf("# a %lu MiB PROT_NONE reservation: %ld\n", len >> 20, base);
		return 3;
	}
	/*
	 * From the top down: the kernel keeps areas in a sorted list it walks from the lowest
	 * (mm/user.c find_vma), so splitting the reservation's high end first keeps each
	 * lookup short; bottom-up, the run is quadratic and takes minutes under TCG.
	 */
	for (long p = (long)pages - 1; p >= 1; p -= 2) {	/* signed: p reaches -1 */
		r = sys(mprotect, base + p * PAGE, PAGE, PROT_READ);
		if (r)
			break;
		splits++;
	}
	printf("# mprotect of every other page: %ld made readable, then %ld\n", splits, r);
	/*
	 * The reservation is now at most 2 * splits + 1 areas; with the probe's own few
	 * (text, data, stack: well under 64) they reached the limit and no more.
	 */
	if (r != -ENOMEM || 2 * splits + 1 > MAX_MAP_COUNT || 2 * splits + 1 < MAX_MAP_COUNT - 64)
		failed |= 1;
	r = sys(munmap, base, len);
	again = map_anon(64 * PAGE, PROT_READ);
	printf("# munmap of the reservation: %ld; a new mapping: %#lx\n", r, again);
	if (r || (again < 0 && again > -4096))
		failed |= 2;
	return failed;
}

static int pipes_past_soft_limit(void)
{
	struct rlimit64 lim = { 4096, 4096 };
	int fds[2], made, small = -1, failed = 0;
	long r = sys(prlimit64, 0, RLIMIT_NOFILE, &lim, 0), size = 0, wrote = 0, w = 0;
	static char buf[4096];

	if (r || sys(setresuid, NOBODY, NOBODY, NOBODY)) {
		printf("# RLIMIT_NOFILE 4096 and uid %d: %ld\n", NOBODY, r);
		return 3;
	}
	for (made = 0; made < 1100; made++) {
		if (sys(pipe2, fds, O_NONBLOCK))
			break;
		size = sys(fcntl, fds[1], F_GETPIPE_SZ, 0);
		if (size != 16 * (long)PAGE) {
			small = made;
			break;
		}
	}
	printf("# uid %d: the first pipe without 16 pages is number %d, with %ld bytes\n",
	       NOBODY, small, size);
	if (small != 1024 || size != 2 * (long)PAGE)
		failed |= 1;
	while ((w = sys(write, fds[1], buf, sizeof(buf))) > 0)
		wrote += w;
	printf("# that pipe took %ld bytes, then %ld\n", wrote, w);
	if (wrote != 2 * (long)PAGE || w != -EAGAIN)
		failed |= 2;
	return failed;
}

static const char *const open_names[] = {
	"open until EMFILE: exactly RLIMIT_NOFILE descriptors",
	"after closing them, the lowest fd is free again",
};
static const char *const map_names[] = {
	"areas split off until mprotect gives ENOMEM, at most vm.max_map_count (65530)",
	"the reservation unmaps, and a new mapping works",
};
static const char *const pipe_names[] = {
	"uid 65534 past fs.pipe-user-pages-soft: pipe 1024 gets 2 pages, not 16",
	"that pipe fills at 8192 bytes, then EAGAIN",
};

/* "only=N" (after -- on the kernel command line) runs test N alone (1 open, 2 maps, 3 pipes). */
int main(int argc, char **argv)
{
	unsigned long only = probe_arg(argc, argv, "only", 0);

	ktap_plan(only ? 2 : 8);
	/* Each test in a child: the first fork is also mm_selfcheck's baseline. */
	if (!only || only == 1)
		in_child(open_until_emfile, open_names, 2);
	if (!only || only == 2)
		in_child(mprotect_until_enomem, map_names, 2);
	if (!only || only == 3)
		in_child(pipes_past_soft_limit, pipe_names, 2);
	if (!only)
		in_child(open_until_emfile, open_names, 2);	/* all of it came back: again */
	return ktap_finish();
}
