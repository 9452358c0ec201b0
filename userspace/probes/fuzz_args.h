/*
 * The syscall fuzzer's choices (included by fuzz.c only): its generator, the numbers it calls
 * and the argument values it passes, each drawn from a class of "interesting" values:
 *
 *   small integers, boundaries (0, -1, INT_MAX, page sizes, high halves), lengths up to huge,
 *   file descriptors (its own valid ones, closed, negative, huge, AT_FDCWD), flag words,
 *   pointers into its own buffers (any alignment, next to a page boundary), pointers that
 *   must give EFAULT (NULL, unmapped, read-only for writes, kernel, non-canonical,
 *   misaligned at the end of a page), and path names it keeps in its own page.
 *
 * The generator is splitmix64: 64 bits of state, every output a function of the seed and
 * the draw count alone, so a worker's calls replay exactly from (seed, worker).
 */

#if defined(__x86_64__)
#define ABI_NAME "x86_64"
#elif defined(__i386__)
#define ABI_NAME "i386"
#elif defined(__aarch64__)
#define ABI_NAME "arm64"
#else
#define ABI_NAME "arm"
#endif

#define TABLE_END	460	/* above the last number of every table (Linux 6.1: 450) */

static unsigned long long rng_state;

static unsigned long long rnd(void)
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

#define PICK(table) (table)[rnd() % (sizeof(table) / sizeof((table)[0]))]

/* Routes that work on this CPU and kernel (i386: vsyscall needs AT_SYSINFO, syscall32 an AMD
 * CPU or a kernel that enables it); probe_routes() tries the doubtful ones in a child. */
static int route_ok[NR_ROUTES] = { [0 ... NR_ROUTES - 1] = 1 };

static void probe_routes(void)
{
	for (int r = 1; r < NR_ROUTES; r++) {
		long args[6] = { 0 }, pid;
		int status = -1;

		if (!route_ok[r])
			continue;
		pid = sys(clone, 17 /* SIGCHLD */, 0, 0, 0, 0);
		if (pid == 0) {
			routes[r].call(__NR_getpid, args);
			for (;;)
				sys(exit_group, 0);
		}
		sys(wait4, pid, &status, 0, 0);
		route_ok[r] = status == 0;
		if (!route_ok[r])
			printf("# fuzz: route %s does not work here (status %#x): not used\n",
			       routes[r].name, status);
	}
}

static int pick_route(void)
{
	int r;

	do
		r = rnd() % NR_ROUTES;
	while (!route_ok[r]);
	return r;
}

/* Numbers: mostly across the table, the rest just beyond it and in the ranges where a kernel
 * might mistake a bad number for a good one (negative, high half, x32's bit, ARM's private
 * and OABI numbers). */
static long pick_nr(void)
{
	unsigned long long x = rnd();
	long n = (long)((x >> 8) % TABLE_END);

	switch (x & 15) {
	case 0:
		return -(long)((x >> 8) % 4096) - 1;	/* negative */
	case 1:
		return TABLE_END + (long)((x >> 8) % 600);	/* beyond the table */
	case 2:
#if defined(__x86_64__) || defined(__aarch64__)
		return (long)((x >> 40) << 32) | n;		/* a high half */
#else
		return (long)(0x80000000UL | n);
#endif
	case 3:
#if defined(__x86_64__)
		return 0x40000000L | n;				/* x32's bit */
#elif defined(__arm__)
		return (x & 16) ? 0x0f0000 + (long)((x >> 8) % 8) : 0x900000 + n;
#else
		return n;
#endif
	default:
		return n;
	}
}

/* ---- the fuzzer's memory: set up in the parent, before any worker, so every worker has the
 * same layout; filled per worker from its own generator. ---- */
static char *buf;		/* BUF_PAGES read-write pages, an unmapped page after them */
static char *ro_page;		/* a read-only page */
static char *hole;		/* a page that was mapped and is not any more */
static char *paths;		/* path names, one page */
#define BUF_PAGES	4
static int fds[8], nfds;

static int set_up_buffers(void)
{
	char *m = map(8 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS);

	if (!m)
		return -1;
	buf = m;
	sys(munmap, m + BUF_PAGES * PAGE, PAGE);		/* the page after buf */
	ro_page = m + 5 * PAGE;
	paths = m + 6 * PAGE;
	hole = m + 7 * PAGE;
	sys(munmap, hole, PAGE);
	for (int i = 0; i < BUF_PAGES; i++)			/* resident before the baseline */
		buf[i * PAGE] = 0;
	paths[0] = 0;
	ro_page[0] = 0;
	sys(mprotect, ro_page, PAGE, PROT_READ);
	return 0;
}

/* Names the workers may create, rename or remove: all inside /tmp/fz (their cwd), so the
 * parent can take them away afterwards; plus some that must fail or exist read-only. No
 * name outside /tmp/fz that a worker could rename or remove: /dev/null gone would give the
 * next workers the console (the fuzzer opens it once, in the parent). */
static const char *const path_names[] = {
	"fz_a", "fz_b", "fz_dir/fz_c", "/tmp/fz/fz_d", "./fz_e", "fz_dir", "", ".", "..", "/",
	"/proc/self/maps", "/proc/self/status", "/proc/self/fd/3", "/tmp/fz/file",
	"fz_a/", "fz_link",
};
static int path_off[sizeof(path_names) / sizeof(path_names[0]) + 2];

static void fill_buffers(void)
{
	char *p = paths;
	int i = 0;

	for (unsigned long k = 0; k < BUF_PAGES * PAGE / 8; k++) {
		unsigned long long v = rnd();

		memcpy(buf + k * 8, &v, 8);
	}
	/* No '/' in the random bytes: a name the kernel reads from them stays relative
	 * (inside /tmp/fz). */
	for (unsigned long k = 0; k < BUF_PAGES * PAGE; k++)
		if (buf[k] == '/')
			buf[k] = 'x';
	/* The first words as (pointer, length) pairs into buf, as iovecs and similar arrays. */
	for (int k = 0; k < 16; k++) {
		long *w = (long *)buf + 2 * k;

		w[0] = (long)(buf + 512 + k * 64);
		w[1] = (long)(rnd() % 96);
	}
	for (; i < (int)(sizeof(path_names) / sizeof(path_names[0])); i++) {
		path_off[i] = p - paths;
		for (const char *s = path_names[i]; (*p++ = *s++);)
			;
	}
	path_off[i++] = p - paths;			/* a name of 300 characters */
	memset(p, 'n', 300);
	p[300] = 0;
	p += 301;
	path_off[i] = p - paths;			/* a path of 3000, longer than NAME_MAX */
	for (int k = 0; k < 3000; k++)
		p[k] = (k % 8 == 7) ? '/' : 'd';
	p[3000] = 0;
}

static long pick_pointer(void)
{
	static const unsigned long kernel[] = {
#if defined(__x86_64__)
		0xffff888000000000UL, 0xffffffff81000000UL, 0xffffffffff600000UL,
		0xfffffffffffff000UL, 0x00007ffffffff000UL,
		0x0000800000000000UL, 0x8000000000000000UL, 0xdead000000000000UL,	/* non-canonical */
#elif defined(__aarch64__)
		0xffff000000000000UL, 0xffff800008000000UL, 0xfffffffffffff000UL,
		0x0001000000000000UL, 0x8000000000000000UL, 0x00ff000000000000UL,
		0x0000fffffffff000UL,
#else
		0xc0000000UL, 0xffff0000UL, 0xfffff000UL, 0xffffffffUL, 0x80000000UL,
		0xbffff000UL,
#endif
	};
	unsigned long long x = rnd();

	switch (x % 10) {
	case 0:
		return 0;
	case 1:
		return (long)(hole + (x >> 8) % PAGE);
	case 2:
		return (long)(ro_page + ((x >> 8) % 2 ? 0 : (x >> 16) % PAGE));
	case 3:
		return (long)(buf + BUF_PAGES * PAGE - 1 - (x >> 8) % 16);	/* across into the gap */
	case 4:
		return (long)(PICK(kernel) + ((x >> 8) % 2 ? 0 : (x >> 16) % 64));
	case 5:
		return (long)(buf + BUF_PAGES * PAGE);		/* the unmapped page itself */
	default:						/* inside buf, any alignment */
		return (long)(buf + (x >> 8) % (BUF_PAGES * PAGE - 64));
	}
}

static long pick_arg(void)
{
	static const long bounds[] = {
		0, -1, 1, 2, 0x7fffffff, (long)0x80000000UL, (long)0xffffffffUL, 0x7fff, 0xffff,
		4095, 4096, 4097, 1L << 20, 1L << 30, -4096, -4095, AT_FDCWD, -2,
		(long)(~0UL >> 1), (long)((~0UL >> 1) + 1),
	};
	static const long lengths[] = {
		0, 1, 7, 8, 64, 4095, 4096, 4097, 8192, 65536, 1L << 20, 0x7fffffff,
		(long)0x80000000UL, -1L, (long)(~0UL >> 1),
	};
	unsigned long long x = rnd();

	switch (x % 12) {
	case 0:
		return (long)((x >> 8) % 17);			/* small */
	case 1:
		return PICK(bounds);
	case 2:
		return PICK(lengths);
	case 3:
		return nfds && (x >> 8) % 4 ? fds[(x >> 16) % nfds] :
		       (long)PICK(((const long[]){ 0, 1, 2, -1, 1023, 1024, 65535, 0x7fffffff, AT_FDCWD }));
	case 4:							/* a flag word */
		return (long)(1UL << ((x >> 8) % (8 * sizeof(long)))) |
		       ((x >> 16) % 2 ? (long)((x >> 24) & 0xfff) : 0);
	case 5:
		return (long)rnd();				/* anything */
	case 6:
#if defined(__x86_64__) || defined(__aarch64__)
		return (long)((x >> 40) << 32) | (long)((x >> 8) % 17);	/* a high half */
#else
		return (long)(x >> 32);
#endif
	case 7:
	case 8:
		return pick_pointer();
	case 9:
		return (long)(paths + path_off[(x >> 8) % (sizeof(path_off) / sizeof(path_off[0]))]);
	default:
		return (long)(buf + ((x >> 8) % (BUF_PAGES * PAGE / 64)) * 64);	/* aligned */
	}
}
