/*
 * Running out of memory is the caller's error, never the kernel's (issue 9):
 *   - mmap(1 GiB, MAP_POPULATE) with less RAM than that fails with -ENOMEM, twice: the
 *     first failure must give back every page and table it took (the second used to meet
 *     one of its pages with no area recorded, and the kernel oopsed);
 *   - the free-page count (sysinfo's freeram) is back where it was after each failure;
 *   - a fresh 1 MiB mapping then takes a first touch on every page;
 *   - x86_64: the same through int $0x80 (i386 mmap2 from a 64-bit program), whose
 *     addresses must be 32-bit ones (below 4 GiB), as Linux gives a compat call.
 *   - 1 MiB populated, made PROT_NONE and unmapped: every frame back;
 *   - munmap of 2^40 and 2^44 bytes with nothing in them, and of everything between the
 *     program and its stack, each within a second (they took 12 s, minutes, 20 minutes).
 * The probe sizes its request from sysinfo's totalram, so it asks for more than the machine
 * has wherever it runs. It is a boot test only: qemu-user shares the host's memory (and
 * Linux's overcommit check refuses such a request up front), and passes a guest munmap of
 * a range it never mapped to the host, over qemu's own code.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define PROT_NONE	0
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define MAP_POPULATE	0x8000
#define ENOMEM		12
#define PAGE		4096UL
#define MIB		(1UL << 20)

static unsigned long free_bytes(void)
{
	struct sysinfo si;

	if (sys(sysinfo, &si))
		return 0;
	return si.freeram * si.mem_unit;
}

static unsigned long total_bytes(void)
{
	struct sysinfo si;

	if (sys(sysinfo, &si))
		return 0;
	return si.totalram * si.mem_unit;
}

static long map_anon(unsigned long len, int extra)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
#else
	return sys(mmap, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
#endif
}

#if defined(__x86_64__)
/*
 * int $0x80 from 64-bit code: the i386 table, args in ebx ecx edx esi edi ebp. The sixth
 * (mmap2's page offset) is always 0 here, so ebp is just cleared around the call.
 */
static long int80(long nr, long a, long b, long c, long d, long e)
{
	long ret;

	__asm__ __volatile__("push %%rbp\n\t"
			     "xor %%ebp, %%ebp\n\t"
			     "int $0x80\n\t"
			     "pop %%rbp"
			     : "=a"(ret)
			     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
			     : "memory", "r8", "r9", "r10", "r11");
	return ret;
}
#define I386_MMAP2	192
#define I386_MUNMAP	91
#endif

/* Two populating requests larger than memory: both -ENOMEM, nothing kept. */
static void two_failures(const char *route, long (*map)(unsigned long len), unsigned long len)
{
	unsigned long before = free_bytes();
	long r1 = map(len), after1 = free_bytes();
	long r2 = map(len), after2 = free_bytes();

	ktap_result(r1 == -ENOMEM, "%s: mmap(%lu MiB, MAP_POPULATE) -> -ENOMEM (%ld)", route,
		    len / MIB, r1);
	ktap_result(after1 == before, "%s: free memory back after the failure (%lu -> %lu KiB)",
		    route, before >> 10, after1 >> 10);
	ktap_result(r2 == -ENOMEM, "%s: the same again -> -ENOMEM, no oops (%ld)", route, r2);
	ktap_result(after2 == before, "%s: free memory back after the second failure (%lu KiB)",
		    route, after2 >> 10);
}

static long native_populate(unsigned long len)
{
	return map_anon(len, MAP_POPULATE);
}

#if defined(__x86_64__)
static long int80_populate(unsigned long len)
{
	return int80(I386_MMAP2, 0, len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1);
}

static void compat_layout(void)
{
	long p = int80(I386_MMAP2, 0, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		       -1);

	ktap_result(!FAILED(p) && (unsigned long)p < (1UL << 32) && !(p & (PAGE - 1)),
		    "int80 mmap2 from 64-bit: a 32-bit address (%#lx)", p);
	if (!FAILED(p)) {
		((volatile char *)p)[0] = 1;
		((volatile char *)p)[PAGE] = 2;
	}
	ktap_result(!FAILED(p) && int80(I386_MUNMAP, p, 2 * PAGE, 0, 0, 0) == 0,
		    "int80 munmap of it = 0");
}
#endif


/* munmap of [start, start + len), where nothing is mapped: 0, and at once. */
static void unmap_nothing(unsigned long start, unsigned long len, const char *what)
{
	long long t0 = now_ms(), ms;
	long r = sys(munmap, start, len);

	ms = now_ms() - t0;
	ktap_result(r == 0 && ms < 1000, "munmap(%#lx, %#lx) %s = %ld (%lld ms)", start, len, what,
		    r, ms);
}

static void huge_unmaps(void)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	/* From 'low' (well above the program) to 64 MiB under the stack. */
	unsigned long upto = (sp & ~((1UL << 26) - 1)) - (1UL << 26);
#if defined(__i386__) || defined(__arm__)
	unsigned long low = 1UL << 30;

	unmap_nothing(low, 1UL << 30, "of nothing");
	unmap_nothing(low, 3UL << 29, "of nothing");
#else
	unsigned long low = 1UL << 32;

	unmap_nothing(low, 1UL << 40, "of nothing");
	unmap_nothing(low, 1UL << 44, "of nothing");
#endif
	unmap_nothing(low, upto - low, "up to the stack");
}

int main(void)
{
	unsigned long total = total_bytes(), len, before;
	long p;
	int touched = 0;

#if defined(__x86_64__)
	ktap_plan(3 + 4 + 4 + 2 + 3 + 1);
#else
	ktap_plan(3 + 4 + 3 + 1);
#endif
	huge_unmaps();
	/* Four times all of RAM, at least 1 GiB (the 256 MiB boot tests ask for exactly that). */
	len = (total / MIB + 1) * MIB * 4;
	if (len < 1024 * MIB)
		len = 1024 * MIB;
#if defined(__i386__) || defined(__arm__)
	if (len > 2048 * MIB)
		len = 2048 * MIB;	/* what a 32-bit address space can be asked for */
#endif
	two_failures("native", native_populate, len);
#if defined(__x86_64__)
	two_failures("int80", int80_populate, len);
	compat_layout();
#endif
	/* What was handed back must be usable: a first touch on every page of 1 MiB. */
	before = free_bytes();
	p = map_anon(MIB, 0);
	if (!FAILED(p))
		for (unsigned long off = 0; off < MIB; off += PAGE, touched++)
			((volatile char *)p)[off] = (char)off;
	ktap_result(!FAILED(p) && touched == MIB / PAGE, "1 MiB mapped and every page touched (%d)",
		    touched);
	ktap_result(!FAILED(p) && sys(munmap, p, MIB) == 0, "munmap of it = 0");
	ktap_result(free_bytes() == before, "free memory back after munmap (%lu KiB)",
		    before >> 10);
	/* PROT_NONE pages keep their frames until munmap, which frees them. */
	p = map_anon(MIB, MAP_POPULATE);
	long prot = FAILED(p) ? p : sys(mprotect, p, MIB, PROT_NONE);
	long unmap = FAILED(p) ? p : sys(munmap, p, MIB);
	ktap_result(!prot && !unmap && free_bytes() == before,
		    "1 MiB populated, then PROT_NONE, then munmap: free memory back (%lu KiB)",
		    free_bytes() >> 10);
	return ktap_finish();
}
