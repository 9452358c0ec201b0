/*
 * Calls whose cost must follow what is mapped, not the size of the range they name, and
 * bad pointers that must be -EFAULT (issue 9):
 *   - mprotect and munmap of a 2^44-byte reservation with a few pages touched in it; brk
 *     grown over as much and shrunk back. Each call must return within a second (they used
 *     to take hours); munmap of ranges with nothing in them is in mmlimits, which qemu-user
 *     cannot run;
 *   - gettimeofday with a bad time-zone or time pointer -> -EFAULT;
 *   - sysinfo fills Linux's layout for the ABI (the compat one on i386).
 * i386 and arm get the same calls scaled to their 4 GiB. The results match Linux's under qemu-user.
 */
#include <ferry/probe.h>

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000
#define EFAULT		14
#define PAGE		4096UL
/* An address or -errno: addresses above 2 GiB are negative as a 32-bit long. */
#define FAILED(r)	((unsigned long)(r) > -4096UL)
#define CLOCK_MONOTONIC	1

struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

struct timespec64 {
	long long tv_sec, tv_nsec;
};

static long long now_ms(void)
{
	struct timespec64 ts;

#if defined(__i386__) || defined(__arm__)
	sys(clock_gettime64, CLOCK_MONOTONIC, &ts);
#else
	sys(clock_gettime, CLOCK_MONOTONIC, &ts);
#endif
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Run one call and say how long it took; a second is far more than it may need. */
#define TIMED(ok_expr, what, ...) do {						\
	long long t0 = now_ms(), ms;						\
	int ok_ = (ok_expr);							\
										\
	ms = now_ms() - t0;							\
	ktap_result(ok_ && ms < 1000, what " (%lld ms)", ##__VA_ARGS__, ms);	\
} while (0)

static long map_anon(unsigned long len, int prot, int extra)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
#else
	return sys(mmap, 0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
#endif
}

static void huge_ranges(void)
{
#if defined(__i386__) || defined(__arm__)
	unsigned long huge = 3UL << 29;
#else
	unsigned long huge = 1UL << 44;
#endif
	long area, got;

	/* A reservation of 'huge' bytes, with pages touched at its start, middle and end. */
	area = map_anon(huge, PROT_READ | PROT_WRITE, MAP_NORESERVE);
	ktap_result(!FAILED(area), "mmap(%#lx, MAP_NORESERVE) = %#lx", huge, area);
	if (FAILED(area)) {
		ktap_result(0, "mprotect skipped");
		ktap_result(0, "munmap skipped");
	} else {
		((volatile char *)area)[0] = 1;
		((volatile char *)area)[huge / 2] = 2;
		((volatile char *)area)[huge - 1] = 3;
		TIMED(sys(mprotect, area, huge, PROT_READ) == 0, "mprotect of all of it = 0");
		TIMED(sys(munmap, area, huge) == 0, "munmap of all of it = 0");
	}

	/*
	 * brk up by 'huge' and back. Linux counts the memory a break commits and refuses a
	 * break larger than RAM + swap (the old break comes back); either way the shrink
	 * must be quick and land where it started.
	 */
	long start = sys(brk, 0);

	got = sys(brk, start + huge);
	ktap_result(got == (long)(start + huge) || got == start, "brk(+%#lx) = %s", huge,
		    got == start ? "refused (the old break)" : "granted");
	TIMED(sys(brk, start) == start, "brk back to the start = %#lx", (unsigned long)start);
}

static void bad_pointers(void)
{
	struct { long sec, usec; } tv;
	struct { int minuteswest, dsttime; } tz;
	struct sysinfo si;

	ktap_result(sys(gettimeofday, 0, 1) == -EFAULT, "gettimeofday(NULL, (void *)1) = -EFAULT");
	ktap_result(sys(gettimeofday, 1, 0) == -EFAULT, "gettimeofday((void *)1, NULL) = -EFAULT");
	ktap_result(sys(gettimeofday, &tv, 1) == -EFAULT, "gettimeofday(&tv, (void *)1) = -EFAULT");
	ktap_result(sys(gettimeofday, &tv, &tz) == 0 && sys(gettimeofday, 0, 0) == 0,
		    "gettimeofday(&tv, &tz) = 0, (NULL, NULL) = 0");

	memset(&si, 0xa5, sizeof(si));
	ktap_result(sys(sysinfo, &si) == 0, "sysinfo = 0");
	ktap_result(si.mem_unit >= 1 && si.totalram > 0 && si.freeram <= si.totalram &&
		    si.procs >= 1 && si.uptime >= 0,
		    "sysinfo: total %lu, free %lu, unit %u, %u procs", si.totalram, si.freeram,
		    si.mem_unit, si.procs);
	ktap_result(sys(sysinfo, 1) == -EFAULT, "sysinfo((void *)1) = -EFAULT");
}

int main(void)
{
	ktap_plan(5 + 7);
	huge_ranges();
	bad_pointers();
	return ktap_finish();
}
