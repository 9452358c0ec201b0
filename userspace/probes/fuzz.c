/*
 * fuzz: the syscall fuzzer (issue 16), one source for every ABI. Forked workers make calls
 * with numbers across and beyond this ABI's table and arguments drawn from interesting values
 * (fuzz_args.h), each through an entry route of the ABI picked at random (ferry/fuzz_routes.h).
 * The parent only forks, reaps and counts, so a worker the kernel kills does not end the run.
 *
 *   fuzz [seed=S] [time=SECONDS] [calls=N] [workers=N]    a run; prints its seed first
 *   fuzz seed=S worker=W [verbose]                         replay worker W of run S alone
 *
 * Worker W of seed S makes the same calls with the same arguments in every run of the same
 * program on the same kernel: its generator is seeded from (S, W) and nothing else. What it
 * cannot replay exactly is a race between two workers (two run at a time).
 *
 * Deny-list, only calls that would end the run itself (each reason next to it in deny()):
 * exit and exit_group (the worker would end: the thread children made by clone are sent
 * there on purpose instead), reboot with the magic Linux accepts (the machine would stop),
 * and the calls that signal, trace, reconfigure or write into the parent by its pid: kill,
 * tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo, ptrace, prlimit64, process_vm_writev,
 * pidfd_open. Everything else is called, whatever it does to the worker.
 *
 * At the end: calls made, distinct syscalls reached (numbers that did not answer -ENOSYS, per
 * table), workers lost and why (signal, exit status, or killed at their deadline), with each
 * lost worker's replay arguments and its last call. Workers run in /tmp/fz, which the parent
 * empties afterwards, so the kernel's self-check (cmdline mm_selfcheck) finds the free pages
 * it counted at init's first fork.
 */
#include <ferry/probe.h>
#include <ferry/fuzz_routes.h>

#define ENOSYS		38
#define ECHILD		10
#define SIGKILL		9
#define WNOHANG		1
#define CLOCK_MONOTONIC	1
#define AT_FDCWD	(-100)
#define AT_REMOVEDIR	0x200
#define O_RDONLY	0
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#define O_NONBLOCK	04000
#if defined(__arm__) || defined(__aarch64__)
#define O_DIRECTORY	040000
#define O_NOFOLLOW	0100000
#else
#define O_DIRECTORY	0200000
#define O_NOFOLLOW	0400000
#endif
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_ANONYMOUS	0x20

#define PAGE		4096UL
#define PAR		3		/* workers at a time */
#define TABLE_SLOTS	1024		/* numbers counted as "reached" per table */
#define TABLES		2		/* x86_64: the 64-bit table and int $0x80's i386 one */

/* What a running worker leaves for the parent: in a MAP_SHARED page, one slot each. */
struct slot {
	long worker;		/* -1: free */
	long pid;
	long calls;		/* made so far */
	long nr, route, args[6];	/* the call in progress (or last made) */
	long long deadline_ns;
	unsigned char reached[TABLES][TABLE_SLOTS / 8];	/* numbers that did not give ENOSYS */
};

struct shared {
	struct slot slot[PAR];
};

/* The union of the slots' reached[] over the run, kept by the parent (no atomics needed:
 * each worker writes only its own slot). */
static unsigned char reached[TABLES][TABLE_SLOTS / 8];

static struct shared *sh;
static unsigned long long seed;
static long parent_pid, parent_pgrp;
static int verbose;

static long long now_ns(void)
{
	long ts[2] = { 0, 0 };

	sys(clock_gettime, CLOCK_MONOTONIC, ts);
	return (long long)ts[0] * 1000000000LL + ts[1];
}

static void *map(unsigned long len, int prot, int flags)
{
#if defined(__i386__) || defined(__arm__)
	long r = sys(mmap2, 0, len, prot, flags, -1, 0);
#else
	long r = sys(mmap, 0, len, prot, flags, -1, 0);
#endif
	return (unsigned long)r > -4096UL ? 0 : (void *)r;
}

#include "fuzz_args.h"

/*
 * The shared page, between two PROT_NONE guard pages. A worker's call with a huge length
 * from one of its buffers (a read() into it, say) is a legitimate user write that runs up
 * through memory until it meets a page the worker may not write: the buffers' unmapped
 * neighbour pages do not stop it for sure, since any small fuzzed mmap(NULL, ...) is placed
 * in the highest gap and fills one. A guard page is mapped, so never handed out again; only
 * a munmap or mprotect of exactly its address would lift it.
 */
static struct shared *map_shared(void)
{
	char *m = map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);

	_Static_assert(sizeof(struct shared) <= PAGE, "the slots fit one page");
	if (!m || sys(mprotect, m, PAGE, 0) || sys(mprotect, m + 2 * PAGE, PAGE, 0))
		return 0;
	return (struct shared *)(m + PAGE);
}

/* ---- the deny-list ------------------------------------------------------------------------ */

/* The numbers the deny-list needs, per table: this ABI's from <asm/unistd.h>; for x86_64's
 * int $0x80 route, the i386 table's (Linux's fixed ABI numbers, written out here because the
 * i386 header cannot be included beside the x86_64 one). */
struct deny_nrs {
	long exit, exit_group, reboot, kill, tkill, tgkill, sigqueue, tgsigqueue, ptrace,
	     prlimit64, vm_writev, pidfd_open;
};

static const struct deny_nrs deny_tables[TABLES] = {
	{ __NR_exit, __NR_exit_group, __NR_reboot, __NR_kill, __NR_tkill, __NR_tgkill,
	  __NR_rt_sigqueueinfo, __NR_rt_tgsigqueueinfo, __NR_ptrace, __NR_prlimit64,
	  __NR_process_vm_writev, __NR_pidfd_open },
	{ 1, 252, 88, 37, 238, 270, 178, 335, 26, 340, 348, 434 },	/* i386, for int80 on x86_64 */
};

static int table_of(int route)
{
#if defined(__x86_64__)
	return route == 1;
#else
	(void)route;
	return 0;
#endif
}

static int targets_parent(long pid)
{
	int p = (int)pid;

	return p == (int)parent_pid || p == -(int)parent_pgrp;
}

/* A number the kernel may take as n: itself, its low 32 bits (Linux reads an int), those
 * without x32's bit, and arm's OABI numbering (0x900000 + n). */
static int same_call(long nr, long n)
{
	unsigned int low = (unsigned int)nr;

	return nr == n || low == n || (low & ~0x40000000u) == n || low - 0x900000u == n;
}

static const char *deny(int table, long nr, const long *a)
{
	const struct deny_nrs *d = &deny_tables[table];

	if (same_call(nr, d->exit) || same_call(nr, d->exit_group))
		return "exit";		/* ends the worker */
	if (same_call(nr, d->reboot) && (unsigned int)a[0] == 0xfee1deadu)
		return "reboot";	/* with Linux's magic: the machine stops */
	if ((same_call(nr, d->kill) || same_call(nr, d->tkill) || same_call(nr, d->sigqueue) ||
	     same_call(nr, d->tgsigqueue) || same_call(nr, d->prlimit64) ||
	     same_call(nr, d->vm_writev) || same_call(nr, d->pidfd_open)) && targets_parent(a[0]))
		return "parent";	/* signals, limits or memory of the parent */
	if (same_call(nr, d->tgkill) && (targets_parent(a[0]) || targets_parent(a[1])))
		return "parent";
	if (same_call(nr, d->ptrace) && targets_parent(a[1]))
		return "parent";	/* attach/stop the parent */
	return 0;
}

/* ---- a worker ----------------------------------------------------------------------------- */

/* /dev/null and /dev/zero, opened by the parent once: a worker may rename or remove the
 * names, never what the next worker gets. */
static long null_fd = -1, zero_fd = -1;

/*
 * The workers share these two open files with the parent (fds 0-2 are dups of null_fd), so
 * what a worker attaches to an open file outlives it: a flock() or an OFD lock (struct
 * file_lock, kmalloc-64) stays until the file's last close, as on Linux. At the end the
 * parent closes both, which drops them, and opens them again, so the kernel's count of
 * objects compares the same open files with its baseline.
 */
static int open_dev_files(void)
{
	if (null_fd >= 0)
		sys(close, null_fd);
	if (zero_fd >= 0)
		sys(close, zero_fd);
	null_fd = sys(openat, AT_FDCWD, "/dev/null", O_RDWR);
	zero_fd = sys(openat, AT_FDCWD, "/dev/zero", O_RDWR);
	return null_fd >= 0 && zero_fd >= 0;
}

static void open_pool_fds(void)
{
	static long pipefd[2];

	/* No console: a read of fd 0 would wait for a keyboard, writes would flood the log.
	 * Without /dev/null the worker must not start at all. */
	for (int fd = 0; fd < (verbose ? 1 : 3); fd++)	/* verbose: 1 and 2 stay the console */
		if (sys(dup3, null_fd, fd, 0) != fd)
			for (;;)
				sys(exit_group, 3);
	nfds = 0;
	fds[nfds++] = sys(openat, AT_FDCWD, "/tmp/fz/file", O_RDWR);
	fds[nfds++] = sys(openat, AT_FDCWD, "/tmp/fz", O_RDONLY | O_DIRECTORY);
	fds[nfds++] = zero_fd;
	if (sys(pipe2, pipefd, O_NONBLOCK) == 0) {
		fds[nfds++] = pipefd[0];
		fds[nfds++] = pipefd[1];
	}
	fds[nfds++] = 0;
}

__attribute__((noreturn)) static void worker(long w, long calls, struct slot *s)
{
	long me;

	/* Two draws apart per worker would only shift one sequence: hash (seed, w) instead. */
	rng_state = seed;
	rng_state = rnd() ^ (0xd1b54a32d192ed03ULL * (unsigned long long)(w + 1));
	rng_state = rnd();
	sys(setsid);
	sys(chdir, "/tmp/fz");
	open_pool_fds();
	fill_buffers();
	me = sys(gettid);
	for (long i = 0; i < calls; i++) {
		int route = pick_route(), table = table_of(route);
		long nr = pick_nr(), a[6], ret;
		const char *why;

		for (int k = 0; k < 6; k++)
			a[k] = pick_arg();
		why = deny(table, nr, a);
		if (why) {
			if (verbose)
				printf("# %ld: nr %ld denied (%s)\n", i, nr, why);
			continue;
		}
		s->nr = nr;
		s->route = route;
		memcpy(s->args, a, sizeof(a));
		if (verbose)
			printf("# %ld: %s nr %ld (%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n", i,
			       routes[route].name, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		ret = routes[route].call(nr, a);
		/* A new thread or process made by a fuzzed clone/fork: it has no slot of its
		 * own and leaves at once (exit of this thread only). */
		if (ret == 0 && sys(gettid) != me)
			for (;;)
				sys(exit, 0);
		s->calls = i + 1;
		if (ret != -ENOSYS && nr >= 0 && nr < TABLE_SLOTS)
			s->reached[table][nr / 8] |= 1 << (nr % 8);
		if (verbose)
			printf("#     = %ld\n", ret);
	}
	exit(0);
}

/* ---- the parent --------------------------------------------------------------------------- */

static long started, lost, total_calls, max_calls, by_cause[3];	/* signal, exit status, deadline */
static int replay_shown;

static void report_loss(const struct slot *s, int status, int deadline)
{
	int cause = deadline ? 2 : (status & 0x7f) ? 0 : 1;

	lost++;
	by_cause[cause]++;
	if (replay_shown++ >= 20)
		return;
	printf("# fuzz: lost worker %ld (replay: seed=%llu worker=%ld): ", s->worker, seed, s->worker);
	if (deadline)
		printf("killed at its deadline");
	else if (status & 0x7f)
		printf("killed by signal %d", status & 0x7f);
	else
		printf("exit status %d", (status >> 8) & 0xff);
	printf(" after %ld calls, last nr %ld via %s\n", s->calls, s->nr, routes[s->route].name);
}

static void reap(int block)
{
	for (;;) {
		int status = 0;
		long pid = sys(wait4, -1, &status, block ? 0 : WNOHANG, 0);

		if (pid <= 0)
			return;
		for (int i = 0; i < PAR; i++) {
			struct slot *s = &sh->slot[i];

			if (s->worker < 0 || s->pid != pid)
				continue;
			/* The slot is the worker's to write; a worker that wrote over it (a huge
			 * length from its buffers can reach the page) gets counted, not trusted. */
			if (s->calls < 0 || s->calls > max_calls || s->route < 0 || s->route >= NR_ROUTES) {
				printf("# fuzz: worker %ld (replay: seed=%llu worker=%ld) overwrote its slot\n",
				       s->worker, seed, s->worker);
				s->calls = 0;
				s->route = 0;
			}
			total_calls += s->calls;
			for (int t = 0; t < TABLES; t++)
				for (int k = 0; k < TABLE_SLOTS / 8; k++)
					reached[t][k] |= s->reached[t][k];
			if (status != 0)
				report_loss(s, status, s->deadline_ns < 0);
			s->worker = -1;
		}
		block = 0;	/* an orphan reparented to init: nothing to count */
	}
}

static void kill_overdue(void)
{
	long long t = now_ns();

	for (int i = 0; i < PAR; i++) {
		struct slot *s = &sh->slot[i];

		if (s->worker >= 0 && s->deadline_ns > 0 && t > s->deadline_ns) {
			s->deadline_ns = -1;		/* marks the loss as the deadline's */
			sys(kill, s->pid, SIGKILL);
		}
	}
}

static long start_worker(long w, long calls, long long deadline)
{
	struct slot *s = 0;
	long pid;

	for (int i = 0; i < PAR && !s; i++)
		if (sh->slot[i].worker < 0)
			s = &sh->slot[i];
	if (!s)
		return -1;
	memset(s, 0, sizeof(*s));
	s->worker = w;
	s->deadline_ns = deadline;
	pid = sys(clone, 17 /* SIGCHLD */, 0, 0, 0, 0);
	if (pid == 0)
		worker(w, calls, s);
	if (pid < 0) {
		s->worker = -1;
		return pid;
	}
	s->pid = pid;
	started++;
	return pid;
}

static void sleep_ms(long ms)
{
	long ts[2] = { 0, ms * 1000000 };

	sys(nanosleep, ts, 0);
}

/* Remove everything under dirfd (the workers' files), depth first. 0 when all went. */
static int empty_dir(int dirfd, int depth)
{
	static char dents[8][2048];
	int failed = 0, removed = 1;
	long n;

	if (depth >= 8)
		return 1;
	/* Read from the top again after each pass that removed something (entries move
	 * under a reader); done when a pass finds only "." and "..". */
	while (removed && !failed) {
		removed = 0;
		sys(lseek, dirfd, 0, 0);
		while ((n = sys(getdents64, dirfd, dents[depth], sizeof(dents[depth]))) > 0) {
			for (long off = 0; off < n;) {
				char *d = dents[depth] + off;
				unsigned short reclen = *(unsigned short *)(d + 16);
				unsigned char type = d[18];
				char *name = d + 19;

				off += reclen;
				if (!strcmp(name, ".") || !strcmp(name, ".."))
					continue;
				if (type == 4 /* DT_DIR */) {
					int sub = sys(openat, dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

					if (sub >= 0) {
						failed |= empty_dir(sub, depth + 1);
						sys(close, sub);
					}
					failed |= sys(unlinkat, dirfd, name, AT_REMOVEDIR) != 0;
				} else {
					failed |= sys(unlinkat, dirfd, name, 0) != 0;
				}
				removed = 1;
			}
		}
	}
	return failed;
}

/*
 * A worker's cwd can leave /tmp/fz ("..", "/" are in the name pool, so is chdir): what it
 * made in / or /tmp has a name the run did not start with. snapshot() keeps the names a
 * folder holds before the run, sweep() removes every other one afterwards.
 */
struct snapshot {
	const char *dir;
	char names[2048];	/* NUL-separated, an empty name at the end */
};
static struct snapshot snaps[2] = { { "/" }, { "/tmp" } };

static int list_dir(const char *dir, char *out, size_t size)
{
	static char dents[2048];
	int fd = sys(openat, AT_FDCWD, dir, O_RDONLY | O_DIRECTORY), used = 0;
	long n;

	if (fd < 0)
		return -1;
	while ((n = sys(getdents64, fd, dents, sizeof(dents))) > 0)
		for (long off = 0; off < n; off += *(unsigned short *)(dents + off + 16)) {
			const char *name = dents + off + 19;
			size_t len = strlen(name) + 1;

			if (used + len + 1 < size) {
				memcpy(out + used, name, len);
				used += len;
			}
		}
	out[used] = 0;
	sys(close, fd);
	return 0;
}

static int listed(const char *names, const char *name)
{
	for (const char *p = names; *p; p += strlen(p) + 1)
		if (!strcmp(p, name))
			return 1;
	return 0;
}

static int sweep(const struct snapshot *sn)
{
	static char now[2048];
	int failed = 0, dirfd = sys(openat, AT_FDCWD, sn->dir, O_RDONLY | O_DIRECTORY);

	if (dirfd < 0 || list_dir(sn->dir, now, sizeof(now)))
		return 1;
	for (const char *p = now; *p; p += strlen(p) + 1) {
		if (listed(sn->names, p))
			continue;
		if (sys(unlinkat, dirfd, p, 0) != 0) {
			int sub = sys(openat, dirfd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

			if (sub >= 0) {
				failed |= empty_dir(sub, 1);
				sys(close, sub);
			}
			failed |= sys(unlinkat, dirfd, p, AT_REMOVEDIR) != 0;
		}
	}
	sys(close, dirfd);
	return failed;
}

/* Make the parent's stack and buffers resident before the kernel's baseline is taken. */
static void __attribute__((noinline)) touch_stack(void)
{
	volatile char deep[32768];

	for (unsigned long i = 0; i < sizeof(deep); i += 256)
		deep[i] = 0;
}

static void set_up_scratch(void)
{
	sys(mkdirat, AT_FDCWD, "/tmp", 0777);
	sys(mkdirat, AT_FDCWD, "/tmp/fz", 0777);
	long fd = sys(openat, AT_FDCWD, "/tmp/fz/file", O_RDWR | O_CREAT | O_TRUNC, 0666);

	sys(close, fd);
}

static int clean_scratch(void)
{
	int dirfd = sys(openat, AT_FDCWD, "/tmp/fz", O_RDONLY | O_DIRECTORY), failed;

	if (dirfd < 0) {	/* a worker renamed or removed it: make it again */
		set_up_scratch();
		return 0;
	}
	failed = empty_dir(dirfd, 0);
	sys(close, dirfd);
	for (int i = 0; i < 2; i++)
		failed |= sweep(&snaps[i]);
	set_up_scratch();
	return failed;
}

static int count_reached(int table)
{
	int n = 0;

	for (int i = 0; i < TABLE_SLOTS / 8; i++)
		n += __builtin_popcount(reached[table][i]);
	return n;
}

int main(int argc, char **argv)
{
	unsigned long secs = probe_arg(argc, argv, "time", 5), calls = probe_arg(argc, argv, "calls", 400);
	unsigned long max_workers = probe_arg(argc, argv, "workers", ~0UL >> 1);
	long replay = (long)probe_arg(argc, argv, "worker", ~0UL);
	unsigned char *r = (unsigned char *)getauxval(AT_RANDOM);
	long long end;
	int unclean;

	for (int i = 1; i < argc; i++)
		verbose |= !strcmp(argv[i], "verbose");
	max_calls = calls;
	if (r)
		memcpy(&seed, r, sizeof(seed));		/* AT_RANDOM may be unaligned */
	seed = r ? seed % 1000000000ULL : 1;
	seed = probe_arg(argc, argv, "seed", seed);
#if defined(__i386__)
	fz_vsyscall_entry = getauxval(AT_SYSINFO);
	route_ok[1] = fz_vsyscall_entry != 0;
#endif
	printf("# fuzz: abi=%s seed=%llu time=%lus calls=%lu per worker (replay: seed=%llu)\n",
	       ABI_NAME, seed, secs, calls, seed);
	parent_pid = sys(getpid);
	parent_pgrp = sys(getpgid, 0);
	sh = map_shared();
	if (!sh || set_up_buffers()) {
		printf("# fuzz: no memory for the shared page or the buffers\n");
		return 1;
	}
	set_up_scratch();
	for (int i = 0; i < 2; i++)
		list_dir(snaps[i].dir, snaps[i].names, sizeof(snaps[i].names));
	if (!open_dev_files()) {	/* /init of a bare initramfs: no /dev yet */
		sys(mkdirat, AT_FDCWD, "/dev", 0755);
		sys(mount, "devtmpfs", "/dev", "devtmpfs", 0, 0);
	}
	if (!open_dev_files()) {
		printf("# fuzz: no /dev/null or /dev/zero (%ld, %ld)\n", null_fd, zero_fd);
		return 1;
	}
	for (int i = 0; i < PAR; i++)
		sh->slot[i].worker = -1;
	touch_stack();
	probe_routes();		/* the first fork: the kernel's baseline (mm_selfcheck) */

	if (replay >= 0) {
		start_worker(replay, calls, 0);
		reap(1);
		printf("# fuzz: replayed worker %ld: %ld calls, %s\n", replay, total_calls,
		       lost ? "lost" : "ended normally");
		return clean_scratch() || !open_dev_files() || lost;
	}
	end = now_ns() + (long long)secs * 1000000000LL;
	for (long w = 0; now_ns() < end && w < (long)max_workers;) {
		long long deadline = now_ns() + 400000000LL;	/* a worker's own budget: 0.4 s */

		reap(0);
		kill_overdue();
		if (start_worker(w, calls, deadline) >= 0) {
			w++;
			if (w % 64 == 0)
				printf("# fuzz: %ld workers, %ld calls\n", w, total_calls);
		} else {
			sleep_ms(5);
		}
	}
	/* Let the last workers finish (or reach their deadline), then reap everything. */
	for (int busy = 1; busy;) {
		busy = 0;
		reap(0);
		kill_overdue();
		for (int i = 0; i < PAR; i++)
			busy |= sh->slot[i].worker >= 0;
		if (busy)
			sleep_ms(5);
	}
	while (sys(wait4, -1, 0, WNOHANG, 0) > 0)	/* orphans of lost workers */
		;
	unclean = clean_scratch();
	if (!open_dev_files())
		printf("# fuzz: could not open /dev/null and /dev/zero again\n");
	printf("# fuzz: abi=%s seed=%llu calls=%ld distinct=%d", ABI_NAME, seed, total_calls,
	       count_reached(0) + count_reached(1));
	for (int t = 0; t < TABLES; t++)
		if (count_reached(t))
			printf(" %s=%d", t ? "i386_table" : "table", count_reached(t));
	printf(" workers=%ld lost=%ld (signal %ld, exit status %ld, deadline %ld)\n", started, lost,
	       by_cause[0], by_cause[1], by_cause[2]);
	if (unclean)
		printf("# fuzz: could not empty /tmp/fz\n");
	/* Every worker reaped: nothing may be left (ECHILD). */
	if (sys(wait4, -1, 0, WNOHANG, 0) != -ECHILD) {
		printf("# fuzz: children left after the run\n");
		return 1;
	}
	return unclean;
}
