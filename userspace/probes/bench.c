/*
 * bench: the cost of every syscall route of this ABI, in cycle-counter ticks, for
 * scripts/bench.py. Under QEMU's -icount (x86: shift=0, arm64: shift=4) one tick is one
 * guest instruction, so the figures are exact and repeat run after run. Runs unchanged on
 * Linux (same static ELF, same output).
 *
 * Method: for each route, a loop of N calls between two counter reads, minus the same loop
 * with the call left out (the "empty" loop: same instructions otherwise). The loops are
 * written in assembly so the two shapes cannot drift apart. Each route is measured in
 * several batches after one warm-up call; the smallest batch wins, so a timer interrupt
 * landing in one batch does not count. Output, one line per figure:
 *
 *   BENCH abi=x86_64 counter=rdtsc first_user=123456        counter at the first instruction
 *   BENCH abi=x86_64 route=syscall call=getpid n=64 per_call=131 spread=0
 *   BENCH abi=x86_64 op=page_fault n=16 per_op=1234 spread=0
 *
 * Two routes per ABI pass four arguments, loaded from memory in both loops (LOOP4): write32
 * is write(1, wbuf, 32), 31 bytes and a newline to the console, and openat30 is
 * openat(AT_FDCWD, path, O_RDONLY) of a 30-byte path that does not exist (ENOENT, so no file
 * descriptor piles up and no close is needed). They are there for the tracer's figures
 * (issue 15): a traced write captures its 32 bytes, a traced openat its path.
 *
 * clock_gettime_vdso and clock_gettime_syscall: clock_gettime(CLOCK_MONOTONIC) through the vDSO
 * (the function found by name and version, called as a libc calls it) and through the syscall
 * (64-bit time: clock_gettime64 on i386 and arm), each a loop of n calls minus an empty loop
 * of n iterations, per call; missing=no_vdso without AT_SYSINFO_EHDR.
 *
 * read32=1 adds one more row on the ABI's main route: read(fd, rbuf, 32) from /dev/zero (it
 * mounts devtmpfs on /dev first), 32 bytes copied out to user memory (bench.py --smap-only, the cost of SMAP/PAN's uaccess
 * window). Without the argument the output is as it always was.
 *
 * page_fault: the first write to each of n pages of a fresh anonymous mmap (demand paging:
 * a fault, a zeroed frame, the write retried) minus a second write to the same pages, per
 * page; the smallest of the batches, each on a new mapping.
 *
 * per_call is (min batch - min empty batch) / n; spread is (max - min batch) / n, the cost of
 * whatever interrupted the worst batch. Arguments: n=N (calls per batch), batches=B,
 * once [route=R] [call=C] (run the chosen routes twice each, through the bench_once_* functions
 * whose _begin/_end labels scripts/bench/breakdown.py single-steps between; the first call warms
 * up, the second is the one to step).
 *
 * The counter: x86 rdtsc; arm64 CNTVCT_EL0 (EL0 may read it when CNTKCTL_EL1.EL0VCTEN is set,
 * as Linux and Ferry do); arm the same counter as AArch32 reads it (CNTVCT, "mrrc p15, 1"). The first-instruction reading comes from bench_entry below, the
 * ELF entry point of this probe only (userspace/Makefile links it with -e bench_entry), which
 * reads the counter and jumps to the shared runtime's _start.
 */
#include <ferry/probe.h>
#include <ferry/vdso.h>

#define BAD_NR 0x7fff		/* beyond every table: the -ENOSYS path */

unsigned long long first_user;	/* set by bench_entry, before anything else runs */
unsigned long vsyscall;		/* i386: AT_SYSINFO, __kernel_vsyscall in the vDSO */
static char buf[4096] __attribute__((aligned(4096)));	/* uname's struct (390 bytes) */

/* loop_<kind>(n, arg, nr): counter ticks for n iterations of "nr, arg -> call -> count down". */
typedef unsigned long long (*loop_fn)(unsigned long n, void *arg, unsigned long nr);

#if defined(__x86_64__)
__asm__(".text\n.globl bench_entry\nbench_entry:\n"
	"rdtsc\n mov %eax, first_user(%rip)\n mov %edx, first_user+4(%rip)\n jmp _start\n");

#define LOOP(name, insn) LOOP_ARGS(name, "mov %r13, %rdi\n", insn)
/* LOOP4: arg points to four longs, loaded into the first four argument registers. */
#define LOOP4(name, insn) LOOP_ARGS(name, "mov 0(%r13), %rdi\n mov 8(%r13), %rsi\n"	\
	"mov 16(%r13), %rdx\n mov 24(%r13), %r10\n", insn)
#define LOOP_ARGS(name, args, insn)						\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n" \
	"mov %rdi, %r12\n mov %rsi, %r13\n mov %rdx, %r15\n"			\
	"rdtsc\n shl $32, %rdx\n or %rax, %rdx\n mov %rdx, %r14\n"		\
	"1: mov %r15, %rax\n" args insn "\n dec %r12\n jnz 1b\n"		\
	"rdtsc\n shl $32, %rdx\n or %rdx, %rax\n sub %r14, %rax\n"		\
	"pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n ret\n")
#define ONCE(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %rbx\n mov %rdx, %rax\n mov %rsi, %rdi\n"				\
	".globl " #name "_begin\n" #name "_begin:\n" insn "\n"			\
	".globl " #name "_end\n" #name "_end:\n pop %rbx\n ret\n")

#elif defined(__i386__)
__asm__(".text\n.globl bench_entry\nbench_entry:\n"
	"rdtsc\n mov %eax, first_user\n mov %edx, first_user+4\n jmp _start\n"
	/* Linux's 32-bit syscall convention, as its vDSO (and ours) uses it: argument 2 in EBP,
	 * the caller's EBP at ESP; Linux returns to its vDSO landing pad, which pops the same
	 * three words and returns, so this stub works on both kernels. */
	".globl syscall32_stub\nsyscall32_stub:\n"
	"push %ecx\n push %edx\n push %ebp\n mov %ecx, %ebp\n syscall\n"
	"pop %ebp\n pop %edx\n pop %ecx\n ret\n");

#define LOOP(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %ebx\n push %esi\n push %edi\n push %ebp\n"			\
	"mov 20(%esp), %esi\n mov 24(%esp), %edi\n"				\
	"rdtsc\n push %edx\n push %eax\n"					\
	"1: mov 36(%esp), %eax\n mov %edi, %ebx\n" insn "\n dec %esi\n jnz 1b\n" \
	"rdtsc\n sub 0(%esp), %eax\n sbb 4(%esp), %edx\n add $8, %esp\n"	\
	"pop %ebp\n pop %edi\n pop %esi\n pop %ebx\n ret\n")
/* LOOP4: arg points to four longs for EBX, ECX, EDX and ESI; ESI is an argument here, so the
 * count lives in EBP (int $0x80 takes no sixth argument from it). */
#define LOOP4(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %ebx\n push %esi\n push %edi\n push %ebp\n"			\
	"mov 20(%esp), %ebp\n mov 24(%esp), %edi\n"				\
	"rdtsc\n push %edx\n push %eax\n"					\
	"1: mov 36(%esp), %eax\n mov 0(%edi), %ebx\n mov 4(%edi), %ecx\n"	\
	"mov 8(%edi), %edx\n mov 12(%edi), %esi\n" insn "\n dec %ebp\n jnz 1b\n" \
	"rdtsc\n sub 0(%esp), %eax\n sbb 4(%esp), %edx\n add $8, %esp\n"	\
	"pop %ebp\n pop %edi\n pop %esi\n pop %ebx\n ret\n")
#define ONCE(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %ebx\n mov 12(%esp), %ebx\n mov 16(%esp), %eax\n"			\
	".globl " #name "_begin\n" #name "_begin:\n" insn "\n"			\
	".globl " #name "_end\n" #name "_end:\n pop %ebx\n ret\n")

#elif defined(__aarch64__)
__asm__(".text\n.globl bench_entry\nbench_entry:\n"
	"mrs x9, cntvct_el0\n adrp x10, first_user\n str x9, [x10, :lo12:first_user]\n b _start\n");

#define LOOP(name, insn) LOOP_ARGS(name, "mov x0, x20\n", insn)
/* LOOP4: arg points to four longs, loaded into x0-x3. */
#define LOOP4(name, insn) LOOP_ARGS(name, "ldp x0, x1, [x20]\n ldp x2, x3, [x20, #16]\n", insn)
#define LOOP_ARGS(name, args, insn)						\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"stp x19, x20, [sp, #-32]!\n stp x21, x22, [sp, #16]\n"		\
	"mov x19, x0\n mov x20, x1\n mov x21, x2\n"				\
	"isb\n mrs x22, cntvct_el0\n"						\
	"1: mov x8, x21\n" args insn "\n subs x19, x19, #1\n b.ne 1b\n"	\
	"isb\n mrs x0, cntvct_el0\n sub x0, x0, x22\n"				\
	"ldp x21, x22, [sp, #16]\n ldp x19, x20, [sp], #32\n ret\n")
#define ONCE(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"mov x8, x2\n mov x0, x1\n"						\
	".globl " #name "_begin\n" #name "_begin:\n" insn "\n"			\
	".globl " #name "_end\n" #name "_end:\n ret\n")

#elif defined(__arm__)
#if defined(__thumb__)
#define ISA ".thumb\n.thumb_func\n"
#else
#define ISA ".arm\n"
#endif
#define FUNC(name) ".text\n.syntax unified\n" ISA ".globl " #name "\n.type " #name ", %function\n" #name ":\n"
__asm__(FUNC(bench_entry)
	"mrrc p15, 1, r2, r3, c14\n ldr r1, =first_user\n strd r2, r3, [r1]\n b _start\n.ltorg\n");

/* n in r0, arg in r1, nr in r2; the 64-bit tick count comes back in r0:r1. */
#define LOOP(name, insn) LOOP_ARGS(name, "mov r0, r5\n", insn)
/* LOOP4: arg points to four longs, loaded into r0-r3. */
#define LOOP4(name, insn) LOOP_ARGS(name, "ldm r5, {r0-r3}\n", insn)
#define LOOP_ARGS(name, args, insn)						\
__asm__(FUNC(name)								\
	"push {r4-r10, lr}\n"							\
	"mov r4, r0\n mov r5, r1\n mov r6, r2\n"					\
	"isb\n mrrc p15, 1, r8, r9, c14\n"					\
	"1: mov r7, r6\n" args insn "\n subs r4, r4, #1\n bne 1b\n"		\
	"isb\n mrrc p15, 1, r0, r1, c14\n subs r0, r0, r8\n sbc r1, r1, r9\n"	\
	"pop {r4-r10, pc}\n")
#define ONCE(name, insn)							\
__asm__(FUNC(name)								\
	"push {r7, lr}\n mov r7, r2\n mov r0, r1\n"				\
	".globl " #name "_begin\n" #name "_begin:\n" insn "\n"			\
	".globl " #name "_end\n" #name "_end:\n pop {r7, pc}\n")
#endif

struct route {
	const char *route, *call;
	loop_fn loop, once;	/* once: 0 where breakdown.py has no use for it (LOOP4 routes) */
	unsigned long nr;
	void *arg;
	loop_fn empty;		/* the loop without the call: loop_empty unless set (loop4_empty) */
};

#define AT_FDCWD	-100
#define O_RDONLY	0
/* 31 bytes and a newline: one console line per call, so BENCH lines still start lines. */
static char wbuf[32] = "bench write32: thirty-one bytes\n";
/* 30 bytes; its first component does not exist, so the call fails with ENOENT. */
static const char opath[] = "/bench-openat/thirty-byte-path";
static unsigned long write_args[4] = { 1, (unsigned long)wbuf, 32, 0 };
static unsigned long openat_args[4] = { (unsigned long)AT_FDCWD, (unsigned long)opath, O_RDONLY, 0 };
static char rbuf[32];
static unsigned long read_args[4] = { 0, (unsigned long)rbuf, 32, 0 };	/* fd set in main */

#define DECL(kind) \
	unsigned long long loop_##kind(unsigned long, void *, unsigned long); \
	unsigned long long bench_once_##kind(unsigned long, void *, unsigned long)

LOOP(loop_empty, "");
DECL(empty);
LOOP4(loop4_empty, "");
unsigned long long loop4_empty(unsigned long, void *, unsigned long);
#define IO_ROUTES(route, loop4)							\
	{ route, "write32", loop4, 0, __NR_write, write_args, loop4_empty },	\
	{ route, "openat30", loop4, 0, __NR_openat, openat_args, loop4_empty }
#define READ_ROUTE(name, loop4)							\
	static const struct route read_route =					\
		{ name, "read32", loop4, 0, __NR_read, read_args, loop4_empty }

#if defined(__x86_64__)
LOOP(loop_syscall, "syscall");
LOOP(loop_int80, "int $0x80");
LOOP4(loop4_syscall, "syscall");
unsigned long long loop4_syscall(unsigned long, void *, unsigned long);
ONCE(bench_once_syscall, "syscall");
ONCE(bench_once_int80, "int $0x80");
DECL(syscall);
DECL(int80);
static struct route routes[] = {
	{ "syscall", "getpid", loop_syscall, bench_once_syscall, __NR_getpid, 0 },
	{ "syscall", "uname", loop_syscall, bench_once_syscall, __NR_uname, buf },
	{ "syscall", "enosys", loop_syscall, bench_once_syscall, BAD_NR, 0 },
	{ "int80", "getpid", loop_int80, bench_once_int80, 20, 0 },	/* i386 getpid */
	IO_ROUTES("syscall", loop4_syscall),
};
READ_ROUTE("syscall", loop4_syscall);
#elif defined(__i386__)
LOOP(loop_int80, "int $0x80");
LOOP4(loop4_int80, "int $0x80");
unsigned long long loop4_int80(unsigned long, void *, unsigned long);
LOOP(loop_vsyscall, "call *vsyscall");
LOOP(loop_syscall32, "call syscall32_stub");
ONCE(bench_once_int80, "int $0x80");
ONCE(bench_once_vsyscall, "call *vsyscall");
ONCE(bench_once_syscall32, "call syscall32_stub");
DECL(int80);
DECL(vsyscall);
DECL(syscall32);
static struct route routes[] = {
	{ "int80", "getpid", loop_int80, bench_once_int80, __NR_getpid, 0 },
	{ "int80", "uname", loop_int80, bench_once_int80, __NR_uname, buf },
	{ "int80", "enosys", loop_int80, bench_once_int80, BAD_NR, 0 },
	{ "vsyscall", "getpid", loop_vsyscall, bench_once_vsyscall, __NR_getpid, 0 },
	{ "vsyscall", "uname", loop_vsyscall, bench_once_vsyscall, __NR_uname, buf },
	{ "syscall32", "getpid", loop_syscall32, bench_once_syscall32, __NR_getpid, 0 },
	IO_ROUTES("int80", loop4_int80),
};
READ_ROUTE("int80", loop4_int80);
#elif defined(__aarch64__)
LOOP(loop_svc, "svc #0");
LOOP4(loop4_svc, "svc #0");
unsigned long long loop4_svc(unsigned long, void *, unsigned long);
ONCE(bench_once_svc, "svc #0");
DECL(svc);
static struct route routes[] = {
	{ "svc", "getpid", loop_svc, bench_once_svc, __NR_getpid, 0 },
	{ "svc", "uname", loop_svc, bench_once_svc, __NR_uname, buf },
	{ "svc", "enosys", loop_svc, bench_once_svc, BAD_NR, 0 },
	IO_ROUTES("svc", loop4_svc),
};
READ_ROUTE("svc", loop4_svc);
#elif defined(__arm__)
LOOP(loop_svc32, "svc #0");
LOOP4(loop4_svc32, "svc #0");
unsigned long long loop4_svc32(unsigned long, void *, unsigned long);
ONCE(bench_once_svc32, "svc #0");
DECL(svc32);
static struct route routes[] = {
	{ "svc32", "getpid", loop_svc32, bench_once_svc32, __NR_getpid, 0 },
	{ "svc32", "uname", loop_svc32, bench_once_svc32, __NR_uname, buf },
	{ "svc32", "enosys", loop_svc32, bench_once_svc32, BAD_NR, 0 },
	IO_ROUTES("svc32", loop4_svc32),
};
READ_ROUTE("svc32", loop4_svc32);
#endif

#if defined(__x86_64__)
#define ABI "x86_64"
#define COUNTER "rdtsc"
#elif defined(__i386__)
#define ABI "i386"
#define COUNTER "rdtsc"
#elif defined(__arm__)
#define ABI "arm"
#define COUNTER "cntvct"
#else
#define ABI "arm64"
#define COUNTER "cntvct"
#endif

static const char *arg_string(int argc, char **argv, const char *key)
{
	size_t k = strlen(key);

	for (int i = 1; i < argc; i++)
		if (!memcmp(argv[i], key, k) && argv[i][k] == '=')
			return argv[i] + k + 1;
	return 0;
}

static int has_arg(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], word))
			return 1;
	return 0;
}

/* Smallest and largest of 'batches' runs of fn. */
static void measure(loop_fn fn, const struct route *r, unsigned long n, unsigned long batches,
		    unsigned long long *min, unsigned long long *max)
{
	*min = ~0ULL;
	*max = 0;
	for (unsigned long b = 0; b < batches; b++) {
		unsigned long long t = fn(n, r->arg, r->nr);

		if (t < *min)
			*min = t;
		if (t > *max)
			*max = t;
	}
}

/* v/n with two decimals, without floating point. */
static void put_ratio(char *out, size_t size, unsigned long long v, unsigned long n)
{
	unsigned long long whole = v / n, frac = (v % n) * 100 / n;

	if (v % n)
		snprintf(out, size, "%llu.%02llu", whole, frac);
	else
		snprintf(out, size, "%llu", whole);
}

#define PAGE 4096UL
#define MAP_ANON_PRIVATE 0x22		/* MAP_PRIVATE | MAP_ANONYMOUS */

static inline unsigned long long read_counter(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return (unsigned long long)hi << 32 | lo;
#elif defined(__arm__)
	unsigned long long v;

	__asm__ __volatile__("isb\n mrrc p15, 1, %Q0, %R0, c14" : "=r"(v) : : "memory");
	return v;
#else
	unsigned long v;

	__asm__ __volatile__("isb\n mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
#endif
}

static volatile char *map_fresh(unsigned long len)
{
#if defined(__i386__) || defined(__arm__)
	long p = sys(mmap2, 0, len, 3 /* READ|WRITE */, MAP_ANON_PRIVATE, -1, 0);
#else
	long p = sys(mmap, 0, len, 3 /* READ|WRITE */, MAP_ANON_PRIVATE, -1, 0);
#endif
	return p < 0 && p > -4096 ? 0 : (volatile char *)p;
}

/* Page-fault cost per page: first touches minus second touches, smallest batch. */
static void bench_page_faults(unsigned long n, unsigned long batches)
{
	unsigned long long best = ~0ULL, worst = 0;
	char per[32], spread[32];

	for (unsigned long b = 0; b < batches; b++) {
		volatile char *a = map_fresh(n * PAGE);
		unsigned long long t0, t1, t2, d;

		if (!a) {
			printf("BENCH abi=%s op=page_fault missing=mmap_failed\n", ABI);
			return;
		}
		t0 = read_counter();
		for (unsigned long i = 0; i < n; i++)
			a[i * PAGE] = 1;
		t1 = read_counter();
		for (unsigned long i = 0; i < n; i++)
			a[i * PAGE] = 2;
		t2 = read_counter();
		d = (t1 - t0) - (t2 - t1);
		best = d < best ? d : best;
		worst = d > worst ? d : worst;
		sys(munmap, (long)a, n * PAGE);
	}
	put_ratio(per, sizeof(per), best, n);
	put_ratio(spread, sizeof(spread), worst - best, n);
	printf("BENCH abi=%s op=page_fault n=%lu batches=%lu per_op=%s spread=%s\n", ABI, n,
	       batches, per, spread);
}

/* The ABI's 64-bit-time clock_gettime in its vDSO (Linux's names and versions). */
#if defined(__x86_64__)
#define VDSO_GETTIME "__vdso_clock_gettime", "LINUX_2.6"
#define NR_GETTIME __NR_clock_gettime
#elif defined(__aarch64__)
#define VDSO_GETTIME "__kernel_clock_gettime", "LINUX_2.6.39"
#define NR_GETTIME __NR_clock_gettime
#else
#define VDSO_GETTIME "__vdso_clock_gettime64", "LINUX_2.6"
#define NR_GETTIME __NR_clock_gettime64
#endif

static void print_op(const char *op, unsigned long long best, unsigned long long worst,
		     unsigned long long empty, unsigned long n, unsigned long batches)
{
	char per[32], spread[32];

	put_ratio(per, sizeof(per), best > empty ? best - empty : 0, n);
	put_ratio(spread, sizeof(spread), worst - best, n);
	printf("BENCH abi=%s op=%s n=%lu batches=%lu per_op=%s spread=%s\n", ABI, op, n, batches,
	       per, spread);
}

/* clock_gettime(CLOCK_MONOTONIC): the vDSO's against the syscall, per call, smallest batch. */
static void bench_clock_gettime(unsigned long n, unsigned long batches)
{
	struct vdso_image_info img;
	long (*vgettime)(long, long long *) = 0;
	unsigned long long ev = ~0ULL, bv = ~0ULL, wv = 0, bs = ~0ULL, ws = 0;
	long long ts[2];

	if (vdso_parse_image(getauxval(AT_SYSINFO_EHDR), &img))
		vgettime = vdso_lookup(&img, VDSO_GETTIME);
	if (!vgettime) {
		printf("BENCH abi=%s op=clock_gettime_vdso missing=no_vdso\n", ABI);
		return;
	}
	vgettime(1, ts);	/* warm up: the vDSO's and [vvar]'s pages */
	for (unsigned long b = 0; b < batches; b++) {
		unsigned long long t0, t1, t2, t3;

		t0 = read_counter();
		for (unsigned long i = 0; i < n; i++)
			__asm__ __volatile__("" : : "r"(ts) : "memory");
		t1 = read_counter();
		for (unsigned long i = 0; i < n; i++)
			vgettime(1 /* CLOCK_MONOTONIC */, ts);
		t2 = read_counter();
		for (unsigned long i = 0; i < n; i++)
			sysnr(NR_GETTIME, 1, (long)ts);
		t3 = read_counter();
		ev = t1 - t0 < ev ? t1 - t0 : ev;
		bv = t2 - t1 < bv ? t2 - t1 : bv;
		wv = t2 - t1 > wv ? t2 - t1 : wv;
		bs = t3 - t2 < bs ? t3 - t2 : bs;
		ws = t3 - t2 > ws ? t3 - t2 : ws;
	}
	print_op("clock_gettime_vdso", bv, wv, ev, n, batches);
	print_op("clock_gettime_syscall", bs, ws, ev, n, batches);
}

/* One BENCH line: the route's loop minus its empty loop, per call. */
static void bench_route(const struct route *r, unsigned long n, unsigned long batches)
{
	unsigned long long e_min, e_max, c_min, c_max;
	char per[32], spread[32];

	r->loop(1, r->arg, r->nr);	/* warm up: first touch of buf, the vDSO page */
	measure(r->empty ? r->empty : loop_empty, r, n, batches, &e_min, &e_max);
	measure(r->loop, r, n, batches, &c_min, &c_max);
	put_ratio(per, sizeof(per), c_min - e_min, n);
	put_ratio(spread, sizeof(spread), c_max - c_min, n);
	printf("BENCH abi=%s route=%s call=%s n=%lu batches=%lu per_call=%s spread=%s empty=%llu\n",
	       ABI, r->route, r->call, n, batches, per, spread, e_min);
}

int main(int argc, char **argv)
{
	unsigned long n = probe_arg(argc, argv, "n", 0) ?: 64;	/* 0 is no count: the default */
	unsigned long batches = probe_arg(argc, argv, "batches", 0) ?: 16;
	int nroutes = sizeof(routes) / sizeof(routes[0]);

	printf("BENCH abi=%s counter=%s first_user=%llu\n", ABI, COUNTER, first_user);
#if defined(__i386__)
	vsyscall = getauxval(AT_SYSINFO);
#endif
	if (has_arg(argc, argv, "once")) {
		const char *route = arg_string(argc, argv, "route"), *call = arg_string(argc, argv, "call");

		for (int i = 0; i < nroutes; i++) {
#if defined(__i386__)
			if (routes[i].once == bench_once_vsyscall && !vsyscall)
				continue;
#endif
			if (!routes[i].once)
				continue;
			if ((route && strcmp(route, routes[i].route)) || (call && strcmp(call, routes[i].call)))
				continue;
			routes[i].once(0, routes[i].arg, routes[i].nr);	/* warm up */
			printf("BENCH once route=%s call=%s\n", routes[i].route, routes[i].call);
			routes[i].once(0, routes[i].arg, routes[i].nr);	/* the stepped call */
		}
		printf("BENCH once done\n");
		return 0;
	}
	for (int i = 0; i < nroutes; i++) {
#if defined(__i386__)
		if (routes[i].loop == loop_vsyscall && !vsyscall) {
			printf("BENCH abi=%s route=%s call=%s missing=no_AT_SYSINFO\n", ABI,
			       routes[i].route, routes[i].call);
			continue;
		}
#endif
		bench_route(&routes[i], n, batches);
	}
	if (probe_arg(argc, argv, "read32", 0)) {
		long fd;

		/* As /init, /dev is ours to mount (Linux leaves that to init too). */
		sys(mkdirat, AT_FDCWD, "/dev", 0755);
		sys(mount, "devtmpfs", "/dev", "devtmpfs", 0, 0);
		fd = sys(openat, AT_FDCWD, "/dev/zero", O_RDONLY, 0);

		if (fd < 0) {
			printf("BENCH abi=%s route=%s call=read32 missing=open_%ld\n", ABI,
			       read_route.route, fd);
		} else {
			read_args[0] = fd;
			bench_route(&read_route, n, batches);
		}
	}
	bench_page_faults(16, 8);
	bench_clock_gettime(n, batches);
	printf("BENCH done\n");
	return 0;
}
