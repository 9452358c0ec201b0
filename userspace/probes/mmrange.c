/*
 * Calls whose cost must follow what is mapped, not the size of the range they name, and
 * bad pointers that must be -EFAULT (issue 9):
 *   - mprotect and munmap of a 2^44-byte reservation with a few pages touched in it; brk
 *     grown over as much and shrunk back. Each call must return within a second (they used
 *     to take hours); munmap of ranges with nothing in them is in mmlimits, which qemu-user
 *     cannot run;
 *   - gettimeofday with a bad time-zone or time pointer -> -EFAULT;
 *   - sysinfo fills Linux's layout for the ABI (the compat one on i386);
 *   - lengths that wrap when page-aligned and ranges past the top get Linux's errno:
 *     munmap(addr, (size_t)-1) -EINVAL (it used to align to 0 and return 0), mprotect
 *     -ENOMEM, mmap -ENOMEM; MAP_FIXED past the top -ENOMEM (was -EINVAL); no
 *     MAP_ANONYMOUS with fd -1 -EBADF (was -ENODEV);
 *   - a PROT_NONE page is out of reach of the kernel's user copies too (-EFAULT; on x86 it
 *     stayed present and readable), and mprotect back to read-write finds its data;
 *   - 70000 brk steps of a page each (one heap area; it used to be an area a step, refused
 *     past MAX_MAP_COUNT).
 * i386 and arm get the same calls scaled to their 4 GiB. The results match Linux's under qemu-user.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000
#define MAP_FIXED	0x10
#define MAP_POPULATE	0x8000
#define EBADF		9
#define ENOMEM		12
#define EFAULT		14
#define EINVAL		22
#define PAGE		4096UL
/* An address or -errno: addresses above 2 GiB are negative as a 32-bit long. */



/* Run one call and say how long it took; a second is far more than it may need. */
#define TIMED(ok_expr, what, ...) do {						\
	long long t0 = now_ms(), ms;						\
	int ok_ = (ok_expr);							\
										\
	ms = now_ms() - t0;							\
	ktap_result(ok_ && ms < 1000, what " (%lld ms)", ##__VA_ARGS__, ms);	\
} while (0)

static long map_at(unsigned long addr, unsigned long len, int prot, int flags, int fd)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, addr, len, prot, flags, fd, 0);
#else
	return sys(mmap, addr, len, prot, flags, fd, 0);
#endif
}

static long map_anon(unsigned long len, int prot, int extra)
{
	return map_at(0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1);
}

/* The last page below the top of the ABI's user space (Linux's TASK_SIZE). */
#if defined(__x86_64__)
#define USER_TOP	0x7ffffffff000UL
#elif defined(__aarch64__)
#define USER_TOP	(1UL << 48)
#else
#define USER_TOP	0UL		/* 4 GiB, wrapped: 32-bit Linux stops a page or more below */
#endif

static void bad_lengths(void)
{
	long p = map_anon(PAGE, PROT_READ | PROT_WRITE, 0), r;
	const int anon = MAP_PRIVATE | MAP_ANONYMOUS;

	r = sys(munmap, 0x10000, -1UL);
	ktap_result(r == -EINVAL, "munmap(0x10000, (size_t)-1) = -EINVAL (%ld)", r);
	r = sys(munmap, p, 0);
	ktap_result(r == -EINVAL, "munmap(p, 0) = -EINVAL (%ld)", r);
	r = sys(mprotect, p, -1UL, PROT_READ);
	ktap_result(r == -ENOMEM, "mprotect(p, (size_t)-1) = -ENOMEM (%ld)", r);
	r = map_at(0, -1UL, PROT_READ, anon, -1);
	ktap_result(r == -ENOMEM, "mmap(0, (size_t)-1) = -ENOMEM (%ld)", r);
	r = map_at(USER_TOP - PAGE, 2 * PAGE, PROT_READ | PROT_WRITE, anon | MAP_FIXED, -1);
	ktap_result(r == -ENOMEM, "mmap(top - page, 2 pages, MAP_FIXED) = -ENOMEM (%ld)", r);
	r = map_at(0, PAGE, PROT_READ, MAP_PRIVATE, -1);
	ktap_result(r == -EBADF, "mmap(fd -1, no MAP_ANONYMOUS) = -EBADF (%ld)", r);
	ktap_result(!FAILED(p) && ((volatile char *)p)[0] == 0 && sys(munmap, p, PAGE) == 0,
		    "the page is still there, then munmap = 0");
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

/*
 * Linux clears the whole structure before filling it: on 64-bit ABIs the 4 bytes of padding
 * before totalhigh and the 4 at the end must read 0, never kernel stack. (The 32-bit layout
 * has no padding.)
 */
static int sysinfo_unnamed_bytes_zero(void)
{
	struct sysinfo si, named;
	const unsigned char *a = (const void *)&si, *b = (const void *)&named;

	memset(&si, 0xa5, sizeof(si));
	memset(&named, 0, sizeof(named));
	if (sys(sysinfo, &si))
		return 0;
	named.uptime = si.uptime;
	for (int i = 0; i < 3; i++)
		named.loads[i] = si.loads[i];
	named.totalram = si.totalram;
	named.freeram = si.freeram;
	named.sharedram = si.sharedram;
	named.bufferram = si.bufferram;
	named.totalswap = si.totalswap;
	named.freeswap = si.freeswap;
	named.procs = si.procs;
	named.pad = si.pad;		/* Linux clears pad and _f too; qemu-user leaves them */
	memcpy(named._f, si._f, sizeof(si._f));
	named.totalhigh = si.totalhigh;
	named.freehigh = si.freehigh;
	named.mem_unit = si.mem_unit;
	for (unsigned int i = 0; i < sizeof(si); i++)
		if (a[i] != b[i]) {
			printf("# sysinfo byte %u is %#x\n", i, a[i]);
			return 0;
		}
	return 1;
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
	/* Not init, 32-bit: qemu-user, which cuts the host's sizes to 32 bits (see compat.c). */
	if (sizeof(long) == 4 && si.freeram > si.totalram && sys(getpid) != 1) {
		ktap_result(1, "sysinfo # SKIP qemu-user cut the host's 64-bit sizes to 32 bits "
			    "(totalram %lu, freeram %lu)", si.totalram, si.freeram);
	} else {
		ktap_result(si.mem_unit >= 1 && si.totalram > 0 && si.freeram <= si.totalram &&
			    si.procs >= 1 && si.uptime >= 0,
			    "sysinfo: total %lu, free %lu, unit %u, %u procs", si.totalram,
			    si.freeram, si.mem_unit, si.procs);
	}
	ktap_result(sys(sysinfo, 1) == -EFAULT, "sysinfo((void *)1) = -EFAULT");
	ktap_result(sysinfo_unnamed_bytes_zero(),
		    "sysinfo: every byte outside the named fields is 0 (no kernel stack)");
}

/*
 * PROT_NONE takes every access away, the kernel's user copies included; the data comes back
 * with the access. (x86 used to leave such a page present and user-accessible.)
 */
static void prot_none(void)
{
	long p = map_anon(PAGE, PROT_READ | PROT_WRITE, 0), q, r;

	if (!FAILED(p))
		((volatile char *)p)[0] = '\n';
	r = FAILED(p) ? p : sys(mprotect, p, PAGE, PROT_NONE);
	ktap_result(r == 0, "mprotect(p, PROT_NONE) = 0 (%ld)", r);
	r = FAILED(p) ? p : sys(write, 1, p, 1);
	ktap_result(r == -EFAULT, "write(1, p, 1) from the PROT_NONE page = -EFAULT (%ld)", r);
	r = FAILED(p) ? p : sys(sysinfo, p);
	ktap_result(r == -EFAULT, "sysinfo(p) into the PROT_NONE page = -EFAULT (%ld)", r);
	r = FAILED(p) ? p : sys(mprotect, p, PAGE, PROT_READ | PROT_WRITE);
	ktap_result(r == 0 && ((volatile char *)p)[0] == '\n',
		    "mprotect back to PROT_READ | PROT_WRITE: the data is still there (%ld)", r);
	ktap_result(!FAILED(p) && sys(munmap, p, PAGE) == 0, "munmap of it = 0");
	q = map_anon(2 * PAGE, PROT_NONE, MAP_POPULATE);
	r = FAILED(q) ? q : sys(write, 1, q, 1);
	ktap_result(r == -EFAULT, "mmap(PROT_NONE | MAP_POPULATE): write(1, q, 1) = -EFAULT (%ld)",
		    r);
	ktap_result(!FAILED(q) && sys(munmap, q, 2 * PAGE) == 0, "munmap of it = 0");
}

/*
 * 70000 breaks a page apart, more than MAX_MAP_COUNT: Linux widens one heap area each time.
 * Each step used to record an area of its own, each slower than the last, until the cap.
 */
static void many_breaks(void)
{
	long start = sys(brk, 0), cur = start;
	long long t0 = now_ms(), ms;
	int steps;

	for (steps = 0; steps < 70000; steps++, cur += PAGE)
		if (sys(brk, cur + PAGE) != cur + PAGE)
			break;
	ms = now_ms() - t0;
	ktap_result(steps == 70000, "70000 brk steps of a page: %d granted (%lld ms)", steps, ms);
	if (steps) {
		((volatile char *)start)[0] = 1;
		((volatile char *)cur)[-1] = 2;
	}
	TIMED(sys(brk, start) == start, "brk back to the start, its first and last page touched");
}

int main(void)
{
	ktap_plan(5 + 8 + 7 + 7 + 2);
	huge_ranges();
	bad_pointers();
	bad_lengths();
	prot_none();
	many_breaks();
	return ktap_finish();
}
