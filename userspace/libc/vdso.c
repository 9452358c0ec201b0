/*
 * vdso: the vDSO a program finds through AT_SYSINFO_EHDR, checked the way glibc uses it and
 * against the syscalls it stands in for (issue 14's vDSO work, docs/vdso.md):
 *   - the image: an ELF shared object with the ABI's names at Linux's version (found here
 *     with the same hash-free walk of .dynsym, .gnu.version and .gnu.version_d that a
 *     libc's lookup amounts to);
 *   - /proc/self/maps: [vvar] read-only right below [vdso], Linux 6.1's size; arm's [sigpage];
 *   - each clock the vDSO serves, read through it and through the syscall alternately many
 *     times: the readings never go backwards across the two (they share one computation),
 *     and the coarse ones stay within a tick of the fine ones;
 *   - what the vDSO passes on to the kernel: the CPU-time clocks, a bad clock id (-EINVAL,
 *     the raw return value, as Linux's vDSO gives it), clock_getres of every id;
 *   - gettimeofday, time and getcpu (where the ABI has them), the 32-bit-time calls of i386
 *     and arm, and glibc's own clock_gettime(), which goes through the vDSO.
 * Without a vDSO (a kernel giving no AT_SYSINFO_EHDR) the first check fails and the rest
 * are skipped as failures, so the count shows it.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <ferry/vdso.h>

/* <sys/stat.h> and <sys/mount.h> need the kernel's asm/ headers too. */
int mkdir(const char *path, unsigned int mode);
int mount(const char *src, const char *dst, const char *type, unsigned long flags,
	  const void *data);

static int n, failed;

/* <errno.h> needs the kernel's asm/ headers, which the host lacks for i386. */
int *__errno_location(void);

static void check(int ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	n++;
	failed += !ok;
	printf("%sok %d ", ok ? "" : "not ", n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* 64-bit seconds and nanoseconds on every ABI: the kernel's __kernel_timespec. */
struct ts64 {
	int64_t sec;
	int64_t nsec;
};
struct ts32 {
	int32_t sec;
	int32_t nsec;
};
struct tv {
	long sec;
	long usec;
};
struct tz {
	int minuteswest;
	int dsttime;
};

/* The syscalls with 64-bit time, and the ABI's vDSO names (Linux 6.1's). */
#if defined(__x86_64__)
#define NR_CLOCK_GETTIME	228
#define NR_CLOCK_GETRES		229
#define NR_GETTIMEOFDAY		96
#define NR_TIME			201
#define NR_GETCPU		309
#define VDSO_VERSION		"LINUX_2.6"
#define SYM_GETTIME		"__vdso_clock_gettime"
#define SYM_GETRES		"__vdso_clock_getres"
#define SYM_GETTIMEOFDAY	"__vdso_gettimeofday"
#define SYM_TIME		"__vdso_time"
#define SYM_GETCPU		"__vdso_getcpu"
#define VVAR_PAGES		4
#elif defined(__i386__)
#define NR_CLOCK_GETTIME	403	/* clock_gettime64 */
#define NR_CLOCK_GETRES		406	/* clock_getres_time64 */
#define NR_CLOCK_GETTIME32	265
#define NR_GETTIMEOFDAY		78
#define NR_TIME			13
#define NR_GETCPU		318
#define VDSO_VERSION		"LINUX_2.6"
#define SYM_GETTIME		"__vdso_clock_gettime64"
#define SYM_GETTIME32		"__vdso_clock_gettime"
#define SYM_GETRES32		"__vdso_clock_getres"
#define SYM_GETTIMEOFDAY	"__vdso_gettimeofday"
#define SYM_TIME		"__vdso_time"
#define SYM_GETCPU		"__vdso_getcpu"
#define VVAR_PAGES		4
#elif defined(__aarch64__)
#define NR_CLOCK_GETTIME	113
#define NR_CLOCK_GETRES		114
#define NR_GETTIMEOFDAY		169
#define VDSO_VERSION		"LINUX_2.6.39"
#define SYM_GETTIME		"__kernel_clock_gettime"
#define SYM_GETRES		"__kernel_clock_getres"
#define SYM_GETTIMEOFDAY	"__kernel_gettimeofday"
#define SYM_SIGRETURN		"__kernel_rt_sigreturn"
#define VVAR_PAGES		2
#elif defined(__arm__)
#define NR_CLOCK_GETTIME	403	/* clock_gettime64 */
#define NR_CLOCK_GETRES		406	/* clock_getres_time64 */
#define NR_CLOCK_GETTIME32	263
#define NR_GETTIMEOFDAY		78
#define VDSO_VERSION		"LINUX_2.6"
#define SYM_GETTIME		"__vdso_clock_gettime64"
#define SYM_GETTIME32		"__vdso_clock_gettime"
#define SYM_GETRES32		"__vdso_clock_getres"
#define SYM_GETTIMEOFDAY	"__vdso_gettimeofday"
#define VVAR_PAGES		2
#endif

#define NSEC	1000000000LL
#define TICK_NS	(NSEC / 100)		/* CONFIG_HZ=100 on Ferry (Debian's 6.1: 250) */
/* How far a coarse clock may trail: the time since the last tick, which under TCG on a busy
 * host can be several tick periods (a timer interrupt delivered late), not just one. */
#define COARSE_SLACK_NS	(10 * TICK_NS)
#define ROUNDS	2000

static struct vdso_image_info img;
#define eh	(img.eh)

static void *vdso_sym(const char *name, const char *version)
{
	return vdso_lookup(&img, name, version);
}

/* ---- the two ways to a clock ---- */
typedef long (*gettime_fn)(long clk, void *ts);
static gettime_fn vgettime;

static long sys_gettime(int clk, struct ts64 *ts)
{
	return syscall(NR_CLOCK_GETTIME, clk, ts) ? -*__errno_location() : 0;
}

static int64_t ns(const struct ts64 *t)
{
	return t->sec * NSEC + t->nsec;
}

/* Alternate vDSO and syscall readings of clk: never backwards, nsec in range. */
static void compare_clock(int clk, const char *name)
{
	struct ts64 a, b;
	int64_t prev = 0, worst = 0;
	int back = 0, bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		bad += vgettime(clk, &a) != 0 || a.nsec < 0 || a.nsec >= NSEC;
		bad += sys_gettime(clk, &b) != 0;
		if (ns(&a) < prev || ns(&b) < ns(&a)) {
			back++;
			worst = ns(&a) < prev ? prev - ns(&a) : ns(&a) - ns(&b);
		}
		prev = ns(&b);
	}
	check(!bad && !back, "%s: vDSO and syscall alternately %d times: never backwards "
	      "(%d steps back, worst %lld ns; %d errors)", name, ROUNDS, back, (long long)worst, bad);
}

/* A coarse clock: never backwards either, and within a tick of its fine clock. */
static void compare_coarse(int clk, int fine, const char *name)
{
	struct ts64 c, s, f;
	int64_t prev = 0, worst = 0;
	int back = 0, bad = 0;

	for (int i = 0; i < ROUNDS; i++) {
		bad += vgettime(clk, &c) != 0 || sys_gettime(clk, &s) != 0 || vgettime(fine, &f) != 0;
		if (ns(&c) < prev || ns(&s) < ns(&c))
			back++;
		if (ns(&f) - ns(&c) > worst)
			worst = ns(&f) - ns(&c);
		if (ns(&f) < ns(&c))
			bad++;
		prev = ns(&s);
	}
	check(!bad && !back && worst <= COARSE_SLACK_NS, "%s: never backwards, behind its fine "
	      "clock by at most %lld ns (allowed %lld; %d back, %d errors)", name, (long long)worst,
	      (long long)COARSE_SLACK_NS, back, bad);
}

/* [vvar] then [vdso], adjacent; their sizes; arm's [sigpage]. */
static void check_maps(void)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[512];

	if (!f) {	/* run as /init: nothing has mounted /proc yet */
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
		f = fopen("/proc/self/maps", "r");
	}
	unsigned long vvar_start = 0, vvar_end = 0, vdso_start = 0, vdso_end = 0, s, e;
	int sigpage = 0;
	char perms[8];

	while (f && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &s, &e, perms) != 3)
			continue;
		if (strstr(line, "[vvar]") && !strcmp(perms, "r--p"))
			vvar_start = s, vvar_end = e;
		if (strstr(line, "[vdso]") && !strcmp(perms, "r-xp"))
			vdso_start = s, vdso_end = e;
		if (strstr(line, "[sigpage]") && !strcmp(perms, "r-xp"))
			sigpage = 1;
	}
	if (f)
		fclose(f);
	check(vdso_start == (unsigned long)eh && vdso_end > vdso_start,
	      "/proc/self/maps: [vdso] r-xp at AT_SYSINFO_EHDR (%#lx-%#lx)", vdso_start, vdso_end);
	check(vvar_end == vdso_start && vvar_end - vvar_start == VVAR_PAGES * 4096UL,
	      "/proc/self/maps: [vvar] r--p right below it, %d pages as Linux 6.1 (%#lx-%#lx)",
	      VVAR_PAGES, vvar_start, vvar_end);
#ifdef __arm__
	check(sigpage, "/proc/self/maps: [sigpage] r-xp (handlers without SA_RESTORER return there)");
#else
	(void)sigpage;
#endif
}

int main(void)
{
	static const struct { int clk; const char *name; } hres[] = {
		{ CLOCK_MONOTONIC, "CLOCK_MONOTONIC" }, { CLOCK_REALTIME, "CLOCK_REALTIME" },
		{ CLOCK_BOOTTIME, "CLOCK_BOOTTIME" }, { CLOCK_MONOTONIC_RAW, "CLOCK_MONOTONIC_RAW" },
		{ CLOCK_TAI, "CLOCK_TAI" },
	};
	struct ts64 a, b;
	long r;

	printf("KTAP version 1\n");
	if (!vdso_parse_image(getauxval(AT_SYSINFO_EHDR), &img)) {
		check(0, "AT_SYSINFO_EHDR: a vDSO mapped, an ELF shared object with .dynsym and versions");
		printf("# vdso: %d passed, %d failed\n", n - failed, failed);
		return 1;
	}
	check(1, "AT_SYSINFO_EHDR %p: an ELF shared object, %lu dynamic symbols", (void *)eh,
	      img.nsyms);
	vgettime = (gettime_fn)vdso_sym(SYM_GETTIME, VDSO_VERSION);
	check(vgettime != NULL, "%s@%s", SYM_GETTIME, VDSO_VERSION);
	if (!vgettime)
		return 1;
	check_maps();

	for (unsigned i = 0; i < sizeof(hres) / sizeof(hres[0]); i++)
		compare_clock(hres[i].clk, hres[i].name);
	compare_coarse(CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC, "CLOCK_MONOTONIC_COARSE");
	compare_coarse(CLOCK_REALTIME_COARSE, CLOCK_REALTIME, "CLOCK_REALTIME_COARSE");

	/* Passed on to the kernel. */
	r = vgettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	r |= sys_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	check(r == 0 && ns(&b) >= ns(&a) && ns(&a) > 0,
	      "CLOCK_PROCESS_CPUTIME_ID through the vDSO: the syscall's answer (%ld, %lld <= %lld)",
	      r, (long long)ns(&a), (long long)ns(&b));
	r = vgettime(CLOCK_THREAD_CPUTIME_ID, &a);
	check(r == 0 && a.nsec < NSEC, "CLOCK_THREAD_CPUTIME_ID through the vDSO: %ld", r);
	r = vgettime(100, &a);
	check(r == -22 && sys_gettime(100, &b) == -22,
	      "clock id 100: -EINVAL from the vDSO (%ld) and the syscall", r);
	r = vgettime(-6, &a);	/* a CPU clock id (negative): the kernel's to judge */
	check(r == sys_gettime(-6, &b), "clock id -6: the vDSO gives what the syscall gives (%ld)", r);

	{	/* clock_getres: the vDSO's own answer and the kernel's agree for every id. */
		static const int ids[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 100 };
		int diff = 0;
#ifdef SYM_GETRES
		gettime_fn vgetres = (gettime_fn)vdso_sym(SYM_GETRES, VDSO_VERSION);
#else
		gettime_fn vgetres = (gettime_fn)vdso_sym(SYM_GETRES32, VDSO_VERSION);
#endif
		for (unsigned i = 0; vgetres && i < sizeof(ids) / sizeof(ids[0]); i++) {
			struct ts64 s = { 0, 0 };
#ifdef SYM_GETRES
			struct ts64 v = { 0, 0 };
			long rv = vgetres(ids[i], &v), rs = syscall(NR_CLOCK_GETRES, ids[i], &s) ? -*__errno_location() : 0;

			diff += rv != rs || (!rv && (v.sec != s.sec || v.nsec != s.nsec));
#else
			struct ts32 v = { 0, 0 };
			long rv = vgetres(ids[i], &v), rs = syscall(NR_CLOCK_GETRES, ids[i], &s) ? -*__errno_location() : 0;

			diff += rv != rs || (!rv && (v.sec != s.sec || v.nsec != s.nsec));
#endif
		}
		check(vgetres && !diff, "clock_getres through the vDSO = the syscall's for ids 0-8, 11, 12, 100 "
		      "(%d differ)", diff);
	}

	{	/* gettimeofday: realtime in microseconds, the time zone UTC. */
		long (*vgtod)(struct tv *, struct tz *) = (void *)vdso_sym(SYM_GETTIMEOFDAY, VDSO_VERSION);
		struct tv t = { 0, 0 };
		struct tz z = { 1, 1 };

		vgettime(CLOCK_REALTIME, &a);
		r = vgtod ? vgtod(&t, &z) : -1;
		vgettime(CLOCK_REALTIME, &b);
		check(r == 0 && t.usec >= 0 && t.usec < 1000000 && z.minuteswest == 0 && z.dsttime == 0 &&
		      (int64_t)t.sec * NSEC + t.usec * 1000 >= ns(&a) / 1000 * 1000 &&
		      (int64_t)t.sec * NSEC + t.usec * 1000 <= ns(&b),
		      "%s: between two CLOCK_REALTIME readings, tz 0/0 (%ld)", SYM_GETTIMEOFDAY, r);
		struct tv s;
		r = syscall(NR_GETTIMEOFDAY, &s, NULL);
		check(r == 0 && (int64_t)s.sec * 1000000 + s.usec >= (int64_t)t.sec * 1000000 + t.usec,
		      "gettimeofday syscall after it: not earlier");
	}

#ifdef SYM_TIME
	{
		long (*vtime)(long *) = (void *)vdso_sym(SYM_TIME, VDSO_VERSION);
		long t1 = 0, t2, s;

		t2 = vtime ? vtime(&t1) : -1;
		s = syscall(NR_TIME, NULL);
		check(vtime && t1 == t2 && (s == t2 || s == t2 + 1),
		      "%s: %ld, the syscall %ld (the same second, or the next)", SYM_TIME, t2, s);
	}
#endif
#ifdef SYM_GETCPU
	{
		long (*vgetcpu)(unsigned *, unsigned *, void *) = (void *)vdso_sym(SYM_GETCPU, VDSO_VERSION);
		unsigned c = 99, nd = 99, sc = 98, snd = 98;

		r = vgetcpu ? vgetcpu(&c, &nd, NULL) : -1;
		check(r == 0 && syscall(NR_GETCPU, &sc, &snd, NULL) == 0 && c == sc && nd == snd,
		      "%s: cpu %u node %u, as the syscall", SYM_GETCPU, c, nd);
	}
#endif
#ifdef SYM_GETTIME32
	{	/* The original 32-bit-seconds call, beside the 64-bit one. */
		gettime_fn v32 = (gettime_fn)vdso_sym(SYM_GETTIME32, VDSO_VERSION);
		struct ts32 t = { 0, 0 }, s = { 0, 0 };

		vgettime(CLOCK_MONOTONIC, &a);
		r = v32 ? v32(CLOCK_MONOTONIC, &t) : -1;
		syscall(NR_CLOCK_GETTIME32, CLOCK_MONOTONIC, &s);
		check(r == 0 && (int64_t)t.sec * NSEC + t.nsec >= ns(&a) &&
		      (int64_t)s.sec * NSEC + s.nsec >= (int64_t)t.sec * NSEC + t.nsec,
		      "%s (32-bit seconds): between clock_gettime64 and the clock_gettime syscall", SYM_GETTIME32);
		r = v32 ? v32(100, &t) : -1;
		check(r == -22, "%s(100): -EINVAL (%ld)", SYM_GETTIME32, r);
	}
#endif
#ifdef SYM_SIGRETURN
	check(vdso_sym(SYM_SIGRETURN, VDSO_VERSION) != NULL, "%s@%s", SYM_SIGRETURN, VDSO_VERSION);
#endif
#ifdef __i386__
	check(vdso_sym("__kernel_vsyscall", "LINUX_2.5") == (void *)getauxval(AT_SYSINFO),
	      "__kernel_vsyscall@LINUX_2.5 is AT_SYSINFO");
#endif

	{	/* glibc's clock_gettime() (through the vDSO) between two syscalls. */
		struct timespec g;
		int bad = 0;

		for (int i = 0; i < ROUNDS; i++) {
			sys_gettime(CLOCK_MONOTONIC, &a);
			clock_gettime(CLOCK_MONOTONIC, &g);
			sys_gettime(CLOCK_MONOTONIC, &b);
			bad += (int64_t)g.tv_sec * NSEC + g.tv_nsec < ns(&a) ||
			       (int64_t)g.tv_sec * NSEC + g.tv_nsec > ns(&b);
		}
		check(!bad, "glibc clock_gettime(CLOCK_MONOTONIC) between two syscalls, %d times (%d not)",
		      ROUNDS, bad);
	}
	printf("1..%d\n# vdso: %d passed, %d failed\n", n, n - failed, failed);
	return failed;
}
