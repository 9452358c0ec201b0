/*
 * FP/SIMD registers belong to each process (issue 11): a parent and its child each fill their
 * vector registers with a pattern of their own and, many times over, call sched_yield and
 * spin long enough for the timer tick to preempt them, then check that the registers still
 * hold their own pattern and not the other's (or zeros).
 *
 *   x86_64: XMM0-15, and YMM0-15 whole when the kernel enabled AVX (CPUID OSXSAVE, XCR0), MXCSR
 *   i386:   XMM0-7 (YMM0-7), MXCSR
 *   arm64:  V0-V31, FPCR
 *   arm:    D0-D31 (= V0-V31 of the AArch64 CPU, Q0-Q15), FPSCR
 *
 * Half the rounds yield, half only spin (preemption by the tick is then the only way to the
 * other process). Each round is one asm block (load, syscall, spin, store), so no code the
 * compiler generates can touch the registers between the load and the check. First the parent
 * alone (the registers survive a syscall and interrupts), then with the child:
 * clone(SIGCHLD), the same in both with other patterns, the child's verdict comes back as its
 * exit status (wait4).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define ROUNDS		30

#if defined(__x86_64__)
#define NREGS 16
#elif defined(__i386__)
#define NREGS 8
#elif defined(__aarch64__)
#define NREGS 32
#elif defined(__arm__)
#define NREGS 32	/* D0-D31 */
#endif

/* Room for the widest registers of any ABI: 16 x 32 bytes (YMM) or 32 x 16 (V). */
struct regs {
	unsigned char b[512];
	unsigned long ctl;	/* MXCSR / FPCR / FPSCR */
};

static int reg_bytes;	/* bytes per register: 32 with AVX, 16 for XMM and V, 8 for D */

#if defined(__x86_64__) || defined(__i386__)
static int have_avx(void)
{
	unsigned int a, b, c, d, lo, hi;

	__asm__ __volatile__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
	if (!(c & (1u << 27)) || !(c & (1u << 28)))	/* OSXSAVE, AVX */
		return 0;
	__asm__ __volatile__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (lo & 6) == 6;				/* XCR0: SSE and AVX state */
}

#define RMODE_A	0x6000	/* MXCSR RC: toward zero */
#define RMODE_B	0x2000	/* toward -inf */
#define CTL_BASE 0x1f80	/* exceptions masked */
#else
#define RMODE_A	0x00c00000	/* FPCR/FPSCR RMode: toward zero */
#define RMODE_B	0x00800000	/* toward -inf */
#define CTL_BASE 0
#endif

#define X8(op) op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7)
#define X16(op) X8(op) op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15)

#if defined(__x86_64__)
#define LD_X(n)	"movdqu " #n "*16(%[in]), %%xmm" #n "\n\t"
#define ST_X(n)	"movdqu %%xmm" #n ", " #n "*16(%[out])\n\t"
#define LD_Y(n)	"vmovdqu " #n "*32(%[in]), %%ymm" #n "\n\t"
#define ST_Y(n)	"vmovdqu %%ymm" #n ", " #n "*32(%[out])\n\t"
#define YIELD	"movl %k[nr], %%eax\n\tsyscall\n\t"
#define SPIN	"1:\tdec %[spins]\n\tjnz 1b\n\t"
#define CLOBBER	"rax", "rcx", "r11", "cc", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", \
		"xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", \
		"xmm14", "xmm15"
#define XREGS(op) X16(op)
#elif defined(__i386__)
#define LD_X(n)	"movdqu " #n "*16(%[in]), %%xmm" #n "\n\t"
#define ST_X(n)	"movdqu %%xmm" #n ", " #n "*16(%[out])\n\t"
#define LD_Y(n)	"vmovdqu " #n "*32(%[in]), %%ymm" #n "\n\t"
#define ST_Y(n)	"vmovdqu %%ymm" #n ", " #n "*32(%[out])\n\t"
#define YIELD	"movl %[nr], %%eax\n\tint $0x80\n\t"
#define SPIN	"1:\tdec %[spins]\n\tjnz 1b\n\t"
/* i386 code is built without SSE: the compiler never uses XMM, nor lets them be named. */
#define CLOBBER	"eax", "cc", "memory"
#define XREGS(op) X8(op)
#endif

/* Load the registers from in, make syscall nr, spin, store them to out. */
static void round_trip(const struct regs *in, struct regs *out, unsigned long spins, long nr)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int ctl = in->ctl, got;

	if (reg_bytes == 32)
		__asm__ __volatile__("ldmxcsr %[ctl]\n\t" XREGS(LD_Y) YIELD SPIN XREGS(ST_Y)
				     "stmxcsr %[got]"
				     : [spins] "+r"(spins), [got] "=m"(got)
				     : [in] "r"(in->b), [out] "r"(out->b), [ctl] "m"(ctl),
				       [nr] "r"(nr)
				     : CLOBBER);
	else
		__asm__ __volatile__("ldmxcsr %[ctl]\n\t" XREGS(LD_X) YIELD SPIN XREGS(ST_X)
				     "stmxcsr %[got]"
				     : [spins] "+r"(spins), [got] "=m"(got)
				     : [in] "r"(in->b), [out] "r"(out->b), [ctl] "m"(ctl),
				       [nr] "r"(nr)
				     : CLOBBER);
	out->ctl = got;
#elif defined(__aarch64__)
	const unsigned char *p = in->b;
	unsigned char *q = out->b;
	register long x8 __asm__("x8") = nr;
	unsigned long ctl = in->ctl, got;

	__asm__ __volatile__("msr fpcr, %[ctl]\n\t"
			     "ld1 {v0.16b-v3.16b}, [%[p]], #64\n\t"
			     "ld1 {v4.16b-v7.16b}, [%[p]], #64\n\t"
			     "ld1 {v8.16b-v11.16b}, [%[p]], #64\n\t"
			     "ld1 {v12.16b-v15.16b}, [%[p]], #64\n\t"
			     "ld1 {v16.16b-v19.16b}, [%[p]], #64\n\t"
			     "ld1 {v20.16b-v23.16b}, [%[p]], #64\n\t"
			     "ld1 {v24.16b-v27.16b}, [%[p]], #64\n\t"
			     "ld1 {v28.16b-v31.16b}, [%[p]], #64\n\t"
			     "svc #0\n\t"
			     "1:\tsubs %[spins], %[spins], #1\n\t"
			     "b.ne 1b\n\t"
			     "st1 {v0.16b-v3.16b}, [%[q]], #64\n\t"
			     "st1 {v4.16b-v7.16b}, [%[q]], #64\n\t"
			     "st1 {v8.16b-v11.16b}, [%[q]], #64\n\t"
			     "st1 {v12.16b-v15.16b}, [%[q]], #64\n\t"
			     "st1 {v16.16b-v19.16b}, [%[q]], #64\n\t"
			     "st1 {v20.16b-v23.16b}, [%[q]], #64\n\t"
			     "st1 {v24.16b-v27.16b}, [%[q]], #64\n\t"
			     "st1 {v28.16b-v31.16b}, [%[q]], #64\n\t"
			     "mrs %[got], fpcr"
			     : [p] "+r"(p), [q] "+r"(q), [spins] "+r"(spins), [got] "=r"(got)
			     : [ctl] "r"(ctl), "r"(x8)
			     : "x0", "cc", "memory", "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7",
			       "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17",
			       "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27",
			       "v28", "v29", "v30", "v31");
	out->ctl = got;
#elif defined(__arm__)
	const unsigned char *p = in->b;
	unsigned char *q = out->b;
	register long r7 __asm__("r7") = nr;
	unsigned long ctl = in->ctl, got;

	/*
	 * D16-D31 exist on every AArch64 CPU's AArch32 side; armhf's default FPU (VFPv3-D16)
	 * does not name them, hence .fpu neon. The compiler never allocates them, so only
	 * D0-D15 are listed as clobbered.
	 */
	__asm__ __volatile__(".fpu neon\n\t"
			     "vmsr fpscr, %[ctl]\n\t"
			     "vldmia %[p]!, {d0-d15}\n\t"
			     "vldmia %[p]!, {d16-d31}\n\t"
			     "svc #0\n\t"
			     "1:\tsubs %[spins], %[spins], #1\n\t"
			     "bne 1b\n\t"
			     "vstmia %[q]!, {d0-d15}\n\t"
			     "vstmia %[q]!, {d16-d31}\n\t"
			     "vmrs %[got], fpscr"
			     : [p] "+r"(p), [q] "+r"(q), [spins] "+r"(spins), [got] "=r"(got)
			     : [ctl] "r"(ctl), "r"(r7)
			     : "r0", "cc", "memory", "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7",
			       "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15");
	out->ctl = got;
#endif
}

/* A pattern of its own for each process and each round, in every byte of every register. */
static void make_pattern(struct regs *r, unsigned int seed, int round)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < NREGS * reg_bytes; i++)
		r->b[i] = (unsigned char)(seed * 131 + round * 7 + i * 13 + (i >> 4));
	r->ctl = CTL_BASE | ((seed & 1) ? RMODE_A : RMODE_B);
}

/*
 * ROUNDS rounds of round_trip with this process's patterns: even rounds yield the CPU
 * (sched_yield), odd ones make a syscall that does not (getppid), so there only the tick's
 * preemption during the spin can switch to the other process. Returns the rounds in which a
 * register came back changed; prints the first difference and how many of each kind.
 */
static int run_rounds(const char *who, unsigned int seed, unsigned long spins)
{
	struct regs in, out;
	int bad = 0, bad_yield = 0;

	for (int round = 0; round < ROUNDS; round++) {
		make_pattern(&in, seed, round);
		memset(&out, 0, sizeof(out));
		round_trip(&in, &out, spins, round & 1 ? __NR_getppid : __NR_sched_yield);
		/* Of the control register, the pattern is the rounding mode (the rest: defaults). */
		if (!memcmp(in.b, out.b, NREGS * reg_bytes) &&
		    (out.ctl & (RMODE_A | RMODE_B)) == (in.ctl & (RMODE_A | RMODE_B)))
			continue;
		bad_yield += !(round & 1);
		if (!bad++) {
			for (int i = 0; i < NREGS * reg_bytes; i++)
				if (in.b[i] != out.b[i]) {
					printf("# %s round %d: register %d byte %d is %#x, want %#x\n",
					       who, round, i / reg_bytes, i % reg_bytes, out.b[i],
					       in.b[i]);
					break;
				}
			printf("# %s round %d: control %#lx, want %#lx\n", who, round, out.ctl,
			       in.ctl);
		}
	}
	if (bad)
		printf("# %s: %d of %d rounds with sched_yield and %d of %d with the tick alone "
		       "came back changed\n", who, bad_yield, (ROUNDS + 1) / 2, bad - bad_yield,
		       ROUNDS / 2);
	return bad;
}

/* Spin iterations that take at least two ticks (20 ms at HZ=100), so the tick lands in them. */
static unsigned long calibrate(void)
{
	struct regs in, out;
	unsigned long spins = 1UL << 18;

	make_pattern(&in, 1, 0);
	for (;;) {
		long long t0 = now_ms();

		round_trip(&in, &out, spins, __NR_getppid);
		long long ms = now_ms() - t0;

		if (ms >= 20 || spins >= (1UL << 28)) {
			printf("# spin: %lu iterations take %lld ms\n", spins, ms);
			return spins;
		}
		spins *= 2;
	}
}

int main(void)
{
	unsigned long spins;
	long pid, r;
	int status = -1;

	reg_bytes = 16;
#if defined(__x86_64__) || defined(__i386__)
	if (have_avx())
		reg_bytes = 32;
#elif defined(__arm__)
	reg_bytes = 8;
#endif
	ktap_plan(4);
	printf("# %d registers of %d bytes, %d rounds\n", NREGS, reg_bytes, ROUNDS);
	spins = calibrate();

	ktap_result(run_rounds("alone", 2, spins) == 0,
		    "registers and control survive sched_yield and tick-long spins (one process)");

	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		exit(run_rounds("child", 3, spins) ? 1 : 0);
	ktap_result(pid > 0, "clone(SIGCHLD) starts a child (%ld%s)", pid,
		    pid == -38 ? ": -ENOSYS, the kernel has no fork" : "");
	if (pid < 0) {
		ktap_result(0, "parent keeps its registers beside the child # no child");
		ktap_result(0, "child keeps its registers # no child");
		return ktap_finish();
	}
	ktap_result(run_rounds("parent", 4, spins) == 0,
		    "parent keeps its registers through %d rounds beside the child", ROUNDS);
	r = sys(wait4, pid, &status, 0, 0);
	ktap_result(r == pid && status == 0,
		    "child keeps its registers through %d rounds (wait4 %ld, status %#x)", ROUNDS,
		    r, status);
	return ktap_finish();
}
