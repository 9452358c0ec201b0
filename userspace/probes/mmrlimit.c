/*
 * RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK as Linux enforces them (issue 11):
 *   - RLIMIT_AS counts every area (PROT_NONE ones too): mmap past it is ENOMEM, a MAP_FIXED
 *     mapping that replaces pages counts only what it adds, brk past it keeps the old break,
 *     and the stack cannot grow past it (SIGSEGV);
 *   - RLIMIT_DATA counts private writable memory only: mmap of such memory past it is
 *     ENOMEM, read-only or shared memory is not counted, mprotect to writable is ENOMEM,
 *     brk past it keeps the old break; a soft limit of 0 lets memory up to the hard limit
 *     through (Linux's Valgrind rule);
 *   - RLIMIT_STACK set after exec still bounds the stack's growth (SIGSEGV beyond it).
 * Each limit is set with prlimit64 and read back first: qemu-user accepts RLIMIT_AS,
 * RLIMIT_DATA and RLIMIT_STACK but applies none of them to its guest (the host process
 * would starve), so there those checks SKIP; Linux's answers for them come from the x86_64
 * and i386 builds run natively on the host (tests/host/test_mm_native.py). Ferry must not
 * SKIP (the boot case rejects it).
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
#define ENOMEM		12
#define SIGCHLD		17
#define SIGSEGV		11
#define RLIMIT_DATA	2
#define RLIMIT_STACK	3
#define RLIMIT_AS	9
#define MIB		(1UL << 20)
#define INF		(~0ULL)

struct rlimit64 {
	unsigned long long cur, max;
};

static long map(unsigned long addr, unsigned long len, int prot, int flags)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, addr, len, prot, flags | MAP_ANONYMOUS, -1, 0);
#else
	return sys(mmap, addr, len, prot, flags | MAP_ANONYMOUS, -1, 0);
#endif
}

static int mapped(long r)
{
	return r > 0 || r < -4096;
}

/* Set a soft limit (the hard one stays infinite, so it can be raised again); 1 if it holds. */
static int set_limit(int resource, unsigned long long cur)
{
	struct rlimit64 r = { cur, INF }, back = { 0, 0 };

	if (sys(prlimit64, 0, resource, &r, 0))
		return 0;
	sys(prlimit64, 0, resource, 0, &back);
	return back.cur == cur;
}

static void skip(const char *what)
{
	ktap_result(1, "%s # SKIP the limit did not take (qemu-user ignores it)", what);
}

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

/* Run fn in a child; its wait status. */
static int in_child(void (*fn)(void))
{
	int status = -1;
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0) {
		fn();
		_exit_now(0);
	}
	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

/* Write a byte at 'below' bytes under this frame: the stack must grow to reach it. */
static void __attribute__((noinline)) touch_below(unsigned long below)
{
	char here;
	volatile char *p = (volatile char *)((unsigned long)&here - below);

	*p = 1;
}

static void touch_512k(void)
{
	touch_below(512 * 1024);
}

/* Fill RLIMIT_AS up to the last page, then grow the stack by 512 KiB. */
static void fill_then_grow(void)
{
	for (unsigned long len = 64 * MIB; len >= 4096;)
		if (!mapped(map(0, len, PROT_NONE, MAP_PRIVATE)))
			len /= 2;
	touch_512k();
}

static void check_as(void)
{
	const char *what = "RLIMIT_AS 64 MiB";
	long a, b, c, brk0, brk1;
	int st;

	if (!set_limit(RLIMIT_AS, 64 * MIB)) {
		for (int i = 0; i < 6; i++)
			skip(what);
		return;
	}
	a = map(0, 32 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	b = map(0, 40 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	c = map(0, 40 * MIB, PROT_NONE, MAP_PRIVATE);
	ktap_result(mapped(a) && b == -ENOMEM && c == -ENOMEM,
		    "%s: 32 MiB mapped, 40 MiB more ENOMEM (%ld), PROT_NONE too (%ld)", what, b, c);
	b = mapped(a) ? map(a, 32 * MIB, PROT_READ, MAP_PRIVATE | MAP_FIXED) : -1;
	ktap_result(b == a, "%s: MAP_FIXED over the 32 MiB counts only new pages (%#lx)", what,
		    (unsigned long)b);
	brk0 = sys(brk, 0);
	brk1 = sys(brk, brk0 + 40 * MIB);
	ktap_result(brk1 == brk0, "%s: brk 40 MiB up keeps the old break", what);
	brk1 = sys(brk, brk0 + MIB);
	ktap_result(brk1 == brk0 + (long)MIB && sys(brk, brk0) == brk0,
		    "%s: brk 1 MiB up and back works", what);
	if (mapped(a))
		sys(munmap, a, 32 * MIB);
	b = map(0, 40 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ktap_result(mapped(b) && !sys(munmap, b, 40 * MIB), "%s: after munmap 40 MiB fits", what);
	st = in_child(fill_then_grow);
	ktap_result((st & 0x7f) == SIGSEGV,
		    "%s: the stack cannot grow once the limit is reached: SIGSEGV (status %#x)",
		    what, st);
	set_limit(RLIMIT_AS, INF);
}

static void check_data(void)
{
	const char *what = "RLIMIT_DATA 16 MiB";
	long a, b, brk0, brk1;

	if (!set_limit(RLIMIT_DATA, 16 * MIB)) {
		for (int i = 0; i < 5; i++)
			skip(what);
		return;
	}
	a = map(0, 32 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	b = map(0, 8 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ktap_result(a == -ENOMEM && mapped(b) && !sys(munmap, b, 8 * MIB),
		    "%s: private writable 32 MiB ENOMEM (%ld), 8 MiB fits", what, a);
	a = map(0, 32 * MIB, PROT_READ, MAP_PRIVATE);
	b = mapped(a) ? sys(mprotect, a, 32 * MIB, PROT_READ | PROT_WRITE) : 0;
	ktap_result(mapped(a) && b == -ENOMEM,
		    "%s: read-only 32 MiB fits, mprotect to writable ENOMEM (%ld)", what, b);
	if (mapped(a))
		sys(munmap, a, 32 * MIB);
	a = map(0, 32 * MIB, PROT_READ | PROT_WRITE, MAP_SHARED);
	ktap_result(mapped(a) && !sys(munmap, a, 32 * MIB),
		    "%s: shared writable 32 MiB is not data: fits", what);
	brk0 = sys(brk, 0);
	brk1 = sys(brk, brk0 + 32 * MIB);
	ktap_result(brk1 == brk0 && sys(brk, brk0 + MIB) == brk0 + (long)MIB &&
		    sys(brk, brk0) == brk0, "%s: brk 32 MiB up keeps the old break, 1 MiB works",
		    what);
	set_limit(RLIMIT_DATA, 0);
	a = map(0, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ktap_result(mapped(a) && !sys(munmap, a, MIB),
		    "RLIMIT_DATA soft 0, hard infinite: 1 MiB still fits (Linux's Valgrind rule)");
	set_limit(RLIMIT_DATA, INF);
}

static void check_stack(void)
{
	const char *what = "RLIMIT_STACK 256 KiB after exec";
	int st;

	if (!set_limit(RLIMIT_STACK, 256 * 1024)) {
		skip(what);
		return;
	}
	st = in_child(touch_512k);
	ktap_result((st & 0x7f) == SIGSEGV, "%s: growing 512 KiB below is SIGSEGV (status %#x)",
		    what, st);
	set_limit(RLIMIT_STACK, 8 * MIB);
}

int main(void)
{
	int st;
	long a;

	ktap_plan(14);
	st = in_child(touch_512k);
	ktap_result(st == 0, "the stack grows 512 KiB below its frame (status %#x)", st);
	check_as();
	check_data();
	check_stack();
	a = map(0, 80 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ktap_result(mapped(a) && !sys(munmap, a, 80 * MIB), "limits back to infinite: 80 MiB fits");
	return ktap_finish();
}
