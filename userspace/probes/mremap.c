/*
 * mremap as Linux 6.1 answers it (issues 11 and 12): the flags and alignments it rejects and
 * the order of its errno (EINVAL before EFAULT before ENOMEM), shrinking, growing in place,
 * growing into a neighbour (ENOMEM without MREMAP_MAYMOVE, a move with it), an old range
 * running into the next area (EFAULT), MREMAP_FIXED (what was at the target unmapped, an
 * overlap EINVAL), MREMAP_DONTUNMAP (private: the old range reads zeroes; shared: it still
 * shows the data), old_size 0 (a second view of shared memory; EINVAL on private memory),
 * private copy-on-write pages and shared pages keeping their sharing with a forked child
 * across a move, file mappings private (copies kept, unwritten pages still the file's) and
 * shared, a move across page-table boundaries checked page by page, and RLIMIT_AS and
 * RLIMIT_DATA. The data are checked after every move.
 *
 * Where Linux's answers come from: the boot case runs it on Ferry on every ABI, and the
 * same binaries ran on Debian's Linux 6.1 (scripts/trace/linux_kernel.py --keep-logs) with
 * the same results. qemu-user implements mremap itself; where it differs from Linux the
 * check says so and SKIPs under it (Ferry must not SKIP): it ignores RLIMIT_AS and
 * RLIMIT_DATA, and it answers an address past the guest's space with ENOMEM, not EINVAL.
 * The x86_64 build also runs natively on the host (tests/host/test_mm_native.py).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	1
#define MAP_PRIVATE	2
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define MREMAP_DONTUNMAP 4
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#define AT_FDCWD	-100
#define EFAULT		14
#define EINVAL		22
#define ENOMEM		12
#define SIGCHLD		17
#define MS_ASYNC	1
#define RLIMIT_DATA	2
#define RLIMIT_AS	9
#define P		4096UL
#define MIB		(1UL << 20)

static const char *path = "/tmp/mremap.dat";

static long map(unsigned long addr, unsigned long len, int prot, int flags, long fd)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, addr, len, prot, flags, fd, 0);
#else
	return sys(mmap, addr, len, prot, flags, fd, 0);
#endif
}

static long anon(unsigned long len, int flags)
{
	return map(0, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1);
}

static long mre(long addr, unsigned long old_len, unsigned long new_len, long flags, long to)
{
	return sys(mremap, addr, old_len, new_len, flags, to);
}

static int mapped(long r)
{
	return r > 0 || r < -4096;
}

/* Whether the page at a is mapped (msync: ENOMEM for a hole). */
static int is_mapped(long a)
{
	return sys(msync, a, P, MS_ASYNC) == 0;
}

/* Page i of the area at base holds the pattern of (tag, i): a word per 512 bytes. */
static void fill(long base, int pages, unsigned tag)
{
	for (int i = 0; i < pages; i++)
		for (unsigned long j = 0; j < P; j += 512)
			*(volatile unsigned *)(base + i * P + j) = tag * 65536 + i * 8 + j / 512;
}

static int holds(long base, int pages, unsigned tag)
{
	for (int i = 0; i < pages; i++)
		for (unsigned long j = 0; j < P; j += 512)
			if (*(volatile unsigned *)(base + i * P + j) != tag * 65536 + i * 8 + j / 512)
				return 0;
	return 1;
}

static int zeroes(long base, int pages)
{
	for (int i = 0; i < pages; i++)
		for (unsigned long j = 0; j < P; j += 512)
			if (*(volatile unsigned *)(base + i * P + j))
				return 0;
	return 1;
}

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

static int wait_child(long pid)
{
	int status = -1;

	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

struct rlimit64 {
	unsigned long long cur, max;
};

/* Set a soft limit (the hard one stays infinite); 1 if it took (qemu-user: not applied). */
static int set_limit(int resource, unsigned long long cur)
{
	struct rlimit64 r = { cur, ~0ULL }, back = { 0, 0 };

	if (sys(prlimit64, 0, resource, &r, 0))
		return 0;
	sys(prlimit64, 0, resource, 0, &back);
	return back.cur == cur;
}

static void check_errors(void)
{
	long a = anon(2 * P, MAP_PRIVATE), hole = anon(P, MAP_PRIVATE), r[8];

	sys(munmap, hole, P);
	r[0] = mre(a, P, P, 8, 0);
	r[1] = mre(a, P, P, MREMAP_FIXED, a + 8 * P);
	r[2] = mre(a, P, P, MREMAP_DONTUNMAP, 0);
	r[3] = mre(a, P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	r[4] = mre(a, P, P + 1, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	ktap_result(r[0] == -EINVAL && r[1] == -EINVAL && r[2] == -EINVAL && r[3] == -EINVAL &&
		    r[4] == -EINVAL,
		    "EINVAL: unknown flag 8, FIXED without MAYMOVE, DONTUNMAP without MAYMOVE, "
		    "DONTUNMAP with a size change (also one the rounding would hide) "
		    "(%ld %ld %ld %ld %ld)", r[0], r[1], r[2], r[3], r[4]);
	r[0] = mre(a + 1, P, P, 0, 0);
	r[1] = mre(a, P, 0, 0, 0);
	r[2] = mre(hole, P, 0, MREMAP_MAYMOVE, 0);
	r[3] = mre(hole + 1, P, 2 * P, 8, 0);
	r[4] = mre(a, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + 8 * P + 1);
	ktap_result(r[0] == -EINVAL && r[1] == -EINVAL && r[2] == -EINVAL && r[3] == -EINVAL &&
		    r[4] == -EINVAL,
		    "EINVAL: a misaligned address, new size 0 (before the hole's EFAULT), a misaligned "
		    "FIXED target (%ld %ld %ld %ld %ld)", r[0], r[1], r[2], r[3], r[4]);
	r[0] = mre(hole, P, P, 0, 0);
	r[1] = mre(hole, P, 2 * P, MREMAP_MAYMOVE, 0);
	r[2] = mre(hole, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, a + 8 * P);
	r[3] = mre(a, 3 * P, 4 * P, MREMAP_MAYMOVE, 0);
	ktap_result(r[0] == -EFAULT && r[1] == -EFAULT && r[2] == -EFAULT && r[3] == -EFAULT,
		    "EFAULT: nothing mapped at the address (resize, move, FIXED), an old range past "
		    "its area's end (%ld %ld %ld %ld)", r[0], r[1], r[2], r[3]);
	r[0] = mre(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)~(P - 1));
	r[1] = mre(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, (long)~(P - 1) - P);
	if (r[0] == -ENOMEM)	/* on Ferry the boot case rejects the SKIP */
		ktap_result(1, "FIXED target past the top of user space # SKIP qemu-user says "
			    "ENOMEM for an address past its guest space (%ld %ld)", r[0], r[1]);
	else
		ktap_result(r[0] == -EINVAL && r[1] == -EINVAL,
			    "EINVAL: a FIXED target range past the top of user space (%ld %ld)",
			    r[0], r[1]);
	sys(munmap, a, 2 * P);
}

static void check_shrink_grow(void)
{
	long a = anon(4 * P, MAP_PRIVATE), r1, r2;

	fill(a, 4, 1);
	r1 = mre(a, 4 * P, 2 * P, 0, 0);
	r2 = mre(a, 2 * P, 2 * P, 0, 0);
	ktap_result(r1 == a && r2 == a && holds(a, 2, 1) && !is_mapped(a + 2 * P) &&
		    !is_mapped(a + 3 * P),
		    "shrink 4 -> 2 pages: the same address, the data kept, the tail unmapped; "
		    "same size: the address (%ld %ld)", r1 - a, r2 - a);
	r1 = mre(a, 2 * P, 4 * P, 0, 0);
	ktap_result(r1 == a && holds(a, 2, 1) && zeroes(a + 2 * P, 2),
		    "grow 2 -> 4 pages in place into the free pages after it: data kept, new "
		    "pages zero (%ld)", r1 - a);
	fill(a, 4, 2);
	r1 = mre(a, 4 * P - 100, 2 * P + 1, 0, 0);
	r2 = mre(a, 1, 3 * P, 0, 0);
	ktap_result(r1 == a && r2 == -ENOMEM && holds(a, 3, 2) && !is_mapped(a + 3 * P),
		    "sizes round up to pages: 4 -> 3 pages; 1 byte is 1 page, which does not end "
		    "the 3-page area, so it cannot grow in place (ENOMEM %ld)", r2);
	sys(munmap, a, 4 * P);

	/* An area whose last page was made read-only: two areas side by side. */
	a = anon(3 * P, MAP_PRIVATE);
	fill(a, 3, 3);
	sys(mprotect, a + 2 * P, P, PROT_READ);
	r1 = mre(a, 2 * P, 3 * P, 0, 0);
	r2 = mre(a, 3 * P, 4 * P, MREMAP_MAYMOVE, 0);
	ktap_result(r1 == -ENOMEM && r2 == -EFAULT && holds(a, 3, 3),
		    "growing into the next area: ENOMEM without MAYMOVE; an old range that "
		    "crosses into it: EFAULT (%ld %ld)", r1, r2);
	r1 = mre(a, 2 * P, 5 * P, MREMAP_MAYMOVE, 0);
	ktap_result(mapped(r1) && r1 != a && holds(r1, 2, 3) && zeroes(r1 + 2 * P, 3) &&
		    !is_mapped(a) && !is_mapped(a + P) && is_mapped(a + 2 * P) &&
		    *(volatile unsigned *)(a + 2 * P) == 3 * 65536 + 16,
		    "with MAYMOVE it moves: the data at the new address, the old range unmapped, "
		    "the neighbour untouched");
	/* the shrink unmaps the tail even where other areas lie (Linux's do_munmap) */
	r2 = mre(r1, 5 * P, P, 0, 0);
	ktap_result(r2 == r1 && holds(r1, 1, 3) && !is_mapped(r1 + P),
		    "shrink 5 -> 1 page after the move (%ld)", r2 - r1);
	sys(munmap, r1, P);
	sys(munmap, a + 2 * P, P);
}

static void check_fixed(void)
{
	long t = anon(8 * P, MAP_PRIVATE), s = anon(4 * P, MAP_PRIVATE), r1, r2;

	fill(t, 8, 4);
	fill(s, 4, 5);
	r1 = mre(s, 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t + 2 * P);
	ktap_result(r1 == t + 2 * P && holds(t + 2 * P, 4, 5) && holds(t, 2, 4) &&
		    *(volatile unsigned *)(t + 6 * P) == 4 * 65536 + 48 && !is_mapped(s),
		    "FIXED: moved onto what was at the target (replaced), the pages around it kept, "
		    "the source unmapped");
	r1 = mre(t + 2 * P, 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t + 4 * P);
	r2 = mre(t + 2 * P, 4 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t + P);
	ktap_result(r1 == -EINVAL && r2 == -EINVAL && holds(t + 2 * P, 4, 5),
		    "FIXED: old and new ranges overlapping EINVAL, data unchanged (%ld %ld)", r1, r2);
	r1 = mre(t + 2 * P, 4 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, s);
	ktap_result(r1 == s && holds(s, 2, 5) && !is_mapped(t + 2 * P) && !is_mapped(t + 5 * P) &&
		    is_mapped(t + 6 * P),
		    "FIXED with a shrink: 2 pages at the target, the old 4 unmapped");
	sys(munmap, t, 8 * P);
	sys(munmap, s, 2 * P);
}

static void check_dontunmap(void)
{
	long a = anon(2 * P, MAP_PRIVATE), s = anon(2 * P, MAP_SHARED), t, r1, r2;

	fill(a, 2, 6);
	r1 = mre(a, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	ktap_result(mapped(r1) && r1 != a && holds(r1, 2, 6) && is_mapped(a) && zeroes(a, 2),
		    "DONTUNMAP, private: the data moved, the old range still mapped and empty");
	t = anon(2 * P, MAP_PRIVATE);
	r2 = mre(r1, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP | MREMAP_FIXED, t);
	ktap_result(r2 == t && holds(t, 2, 6) && zeroes(r1, 2),
		    "DONTUNMAP with FIXED: onto the target (%ld)", r2 - t);
	fill(s, 2, 7);
	r1 = mre(s, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	ktap_result(mapped(r1) && r1 != s && holds(r1, 2, 7) && holds(s, 2, 7),
		    "DONTUNMAP, shared anonymous: the new range and the old one both show the "
		    "shared data (%ld)", mapped(r1) ? 0 : r1);
	if (mapped(r1)) {
		*(volatile unsigned *)r1 = 99;
		ktap_result(*(volatile unsigned *)s == 99,
			    "DONTUNMAP, shared anonymous: still one memory");
	} else {
		ktap_result(0, "DONTUNMAP, shared anonymous: still one memory");
	}
	sys(munmap, a, 2 * P);
	sys(munmap, t, 2 * P);
	sys(munmap, s, 2 * P);
	if (mapped(r1))
		sys(munmap, r1, 2 * P);
}

static void check_duplicate(void)
{
	long s = anon(2 * P, MAP_SHARED), a = anon(2 * P, MAP_PRIVATE), r1, r2, r3;

	fill(s, 2, 8);
	r1 = mre(s, 0, 2 * P, MREMAP_MAYMOVE, 0);
	r2 = mre(a, 0, 2 * P, MREMAP_MAYMOVE, 0);
	r3 = mre(s, 0, 2 * P, 0, 0);
	ktap_result(mapped(r1) && r1 != s && holds(r1, 2, 8) && holds(s, 2, 8) && r2 == -EINVAL &&
		    r3 == -ENOMEM,
		    "old size 0: a second mapping of shared memory; private EINVAL; without "
		    "MAYMOVE ENOMEM (%ld %ld)", r2, r3);
	if (mapped(r1)) {
		*(volatile unsigned *)r1 = 11;
		*(volatile unsigned *)(s + P) = 12;
		ktap_result(*(volatile unsigned *)s == 11 && *(volatile unsigned *)(r1 + P) == 12,
			    "old size 0: stores through either mapping are seen by the other");
		sys(munmap, r1, 2 * P);
	} else {
		ktap_result(0, "old size 0: stores through either mapping are seen by the other");
	}
	sys(munmap, s, 2 * P);
	sys(munmap, a, 2 * P);
}

/* After a fork: the parent moves its mappings; the child's views must not change. */
static void check_fork(void)
{
	long a = anon(2 * P, MAP_PRIVATE), s = anon(2 * P, MAP_SHARED), pid, r1, r2;
	int go[2], st;
	char c = 0;

	fill(a, 2, 9);
	fill(s, 2, 10);
	sys(pipe2, go, 0);
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		sys(read, go[0], &c, 1);
		if (!holds(a, 2, 9) || *(volatile unsigned *)s != 77)
			_exit_now(1);
		*(volatile unsigned *)(s + P) = 78;
		*(volatile unsigned *)a = 79;
		_exit_now(0);
	}
	r1 = mre(a, 2 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, anon(4 * P, MAP_PRIVATE));
	r2 = mre(s, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, anon(2 * P, MAP_PRIVATE));
	if (mapped(r1))
		*(volatile unsigned *)(r1 + P) = 80;	/* copy-on-write: the child keeps 9's */
	if (mapped(r2))
		*(volatile unsigned *)r2 = 77;		/* shared: the child sees it */
	sys(write, go[1], &c, 1);
	st = wait_child(pid);
	ktap_result(st == 0 && mapped(r1) && *(volatile unsigned *)r1 == 9 * 65536 &&
		    *(volatile unsigned *)(r1 + P) == 80 && zeroes(r1 + 2 * P, 2),
		    "after fork, a moved private mapping stays copy-on-write both ways (child %d)", st);
	ktap_result(st == 0 && mapped(r2) && *(volatile unsigned *)(r2 + P) == 78,
		    "after fork, a moved shared mapping is still shared with the child");
	sys(close, go[0]);
	sys(close, go[1]);
	if (mapped(r1))
		sys(munmap, r1, 4 * P);
	if (mapped(r2))
		sys(munmap, r2, 2 * P);
}

static int file_byte(long fd, unsigned long off)
{
	unsigned char c = 0xee;

	sys(lseek, fd, off, 0);
	return sys(read, fd, &c, 1) == 1 ? c : -1;
}

static void put_file_byte(long fd, unsigned long off, unsigned char c)
{
	sys(lseek, fd, off, 0);
	sys(write, fd, &c, 1);
}

static void check_files(void)
{
	static unsigned char buf[4 * P];
	volatile unsigned char *m, *n;
	long fd, t, r1;

	for (unsigned long i = 0; i < sizeof(buf); i++)
		buf[i] = 'A' + i / P;
	fd = sys(openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd == -2) {
		path = "/mremap.dat";
		fd = sys(openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	}
	if (fd < 0 || sys(write, fd, buf, sizeof(buf)) != (long)sizeof(buf)) {
		for (int i = 0; i < 4; i++)
			ktap_result(0, "create %s: %ld", path, fd);
		return;
	}
	/* Private: page 0 written (a copy), pages 1-2 still the file's. */
	m = (volatile unsigned char *)map(0, 3 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd);
	m[0] = 'p';
	(void)m[P];
	t = anon(3 * P, MAP_PRIVATE);
	r1 = mre((long)m, 3 * P, 3 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	n = (volatile unsigned char *)t;
	put_file_byte(fd, P + 1, 'w');
	ktap_result(r1 == t && n[0] == 'p' && n[1] == 'A' && n[P] == 'B' && n[P + 1] == 'w' &&
		    n[2 * P] == 'C' && file_byte(fd, 0) == 'A',
		    "private file mapping moved: its copied page kept, the others still the file's "
		    "pages at the same offsets (a later write() shows through)");
	/* Moved from its middle: the offset follows. */
	r1 = mre(t + P, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, anon(2 * P, MAP_PRIVATE));
	n = (volatile unsigned char *)r1;
	/* Dropped, the pages come again from the file: at the offset the move kept. */
	sys(madvise, r1, 2 * P, 4 /* MADV_DONTNEED */);
	ktap_result(mapped(r1) && n[0] == 'B' && n[1] == 'w' && n[P] == 'C' &&
		    ((volatile char *)t)[0] == 'p' && !is_mapped(t + P),
		    "private file mapping, its last 2 pages moved: file pages 1 and 2 there");
	if (mapped(r1))
		sys(munmap, r1, 2 * P);
	sys(munmap, t, P);

	/* Shared: moved, grown in place within the file, still the file. */
	m = (volatile unsigned char *)map(0, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd);
	t = anon(4 * P, MAP_PRIVATE);
	sys(munmap, t + 2 * P, 2 * P);
	r1 = mre((long)m, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	n = (volatile unsigned char *)t;
	n[2] = 's';
	put_file_byte(fd, 3, 'u');
	ktap_result(r1 == t && n[0] == 'A' && file_byte(fd, 2) == 's' && n[3] == 'u',
		    "shared file mapping moved: stores reach the file, write()s the mapping");
	r1 = mre(t, 2 * P, 4 * P, 0, 0);
	ktap_result(r1 == t && n[P + 1] == 'w' && n[3 * P] == 'D',
		    "shared file mapping grown in place: the file's next pages (%ld)", r1 - t);
	sys(munmap, t, 4 * P);
	sys(close, fd);
	sys(unlinkat, AT_FDCWD, path, 0);
}

/* 600 pages (across 2 MiB page tables) moved to an address 5 pages past a 2 MiB boundary. */
static void check_large(void)
{
	long a = anon(610 * P, MAP_PRIVATE), t0, t, r1, r2;
	int ok = mapped(a);

	if (ok) {
		sys(munmap, a + 600 * P, 10 * P);	/* room for the way back */
		fill(a, 600, 12);
	}
	t0 = anon(1200 * P, MAP_PRIVATE);
	t = ((t0 + 2 * MIB - 1) & ~(2 * MIB - 1)) + 5 * P;
	r1 = mre(a, 600 * P, 600 * P, MREMAP_MAYMOVE | MREMAP_FIXED, t);
	ok = ok && r1 == t && holds(t, 600, 12) && !is_mapped(a) && !is_mapped(a + 599 * P);
	r2 = mre(t, 600 * P, 601 * P, MREMAP_MAYMOVE | MREMAP_FIXED, a + 3 * P);
	ok = ok && r2 == a + 3 * P && holds(a + 3 * P, 600, 12) && zeroes(a + 603 * P, 1);
	ktap_result(ok, "600 pages moved across page tables, twice (+5 and -3 pages off "
		    "their alignment): every page's data (%ld %ld)", r1 - t, r2 - a);
	sys(munmap, t0, 1200 * P);
	sys(munmap, a + 3 * P, 601 * P);
}

static void check_limits(void)
{
	long a, r1, r2, r3;

	if (!set_limit(RLIMIT_AS, 64 * MIB)) {
		ktap_result(1, "RLIMIT_AS # SKIP the limit did not take (qemu-user ignores it)");
		ktap_result(1, "RLIMIT_DATA # SKIP the limit did not take (qemu-user ignores it)");
		return;
	}
	a = anon(32 * MIB, MAP_PRIVATE);
	r1 = mre(a, 32 * MIB, 64 * MIB, MREMAP_MAYMOVE, 0);
	r2 = mre(a, 32 * MIB, 32 * MIB, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0);
	r3 = mre(a, 32 * MIB, 36 * MIB, MREMAP_MAYMOVE, 0);
	ktap_result(mapped(a) && r1 == -ENOMEM && r2 == -ENOMEM && mapped(r3),
		    "RLIMIT_AS 64 MiB: 32 -> 64 MiB ENOMEM, DONTUNMAP of 32 MiB ENOMEM (it keeps "
		    "the old range), 32 -> 36 MiB works (%ld %ld)", r1, r2);
	sys(munmap, mapped(r3) ? r3 : a, mapped(r3) ? 36 * MIB : 32 * MIB);
	set_limit(RLIMIT_AS, ~0ULL);
	set_limit(RLIMIT_DATA, 4 * MIB);
	a = anon(2 * MIB, MAP_PRIVATE);
	r1 = mre(a, 2 * MIB, 8 * MIB, MREMAP_MAYMOVE, 0);
	r2 = map(0, 2 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1);
	r3 = mapped(r2) ? mre(r2, 2 * MIB, 8 * MIB, MREMAP_MAYMOVE, 0) : r2;
	ktap_result(mapped(a) && r1 == -ENOMEM && mapped(r3),
		    "RLIMIT_DATA 4 MiB: private writable 2 -> 8 MiB ENOMEM (%ld); read-only grows "
		    "(%ld)", r1, mapped(r3) ? 0 : r3);
	set_limit(RLIMIT_DATA, ~0ULL);
	sys(munmap, a, 2 * MIB);
	if (mapped(r3))
		sys(munmap, r3, 8 * MIB);
}

int main(void)
{
	ktap_plan(28);
	check_errors();
	check_shrink_grow();
	check_fixed();
	check_dontunmap();
	check_duplicate();
	check_fork();
	check_files();
	check_large();
	check_limits();
	return ktap_finish();
}
