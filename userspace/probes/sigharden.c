/*
 * sigharden: what signal frames and siginfo must not get wrong, on every ABI (issue 13,
 * docs/signals.md "Hardening"), checked on Ferry and, under qemu-user, against Linux:
 *   - frame padding: a handler on an alternate stack filled with a pattern finds every
 *     padding and reserved byte of its frame either zero or still the pattern (Linux leaves
 *     some holes unwritten, Ferry zeroes them; a kernel byte would be neither), and the
 *     fields Linux zeroes (siginfo's tail, uc_link, x86_64's fs/gs, arm64's terminator
 *     record, the XSAVE header) zero;
 *   - siginfo from rt_sigqueueinfo: on 64-bit ABIs an si_code of unknown layout with
 *     non-zero bytes past the 48 the kernel keeps is E2BIG, known ones are queued and
 *     delivered with a zero tail; on 32-bit ABIs the layout is chosen by the signal sent
 *     (not the sender's si_signo) and the fault codes with more than an address
 *     (BUS_MCEERR_AR's addr_lsb, SEGV_BNDERR's bounds, SEGV_PKUERR's key, TRAP_PERF's data)
 *     keep those fields;
 *   - sigreturn's uc_stack: below the ABI's minimum (arm64: 5120 bytes, others 2048) it is
 *     ignored, at the minimum applied.
 * Everything is built here (static buffers); nothing from the host.
 */
#include <ferry/probe.h>
#include <ferry/usys.h>

#define SIGTRAP 5
#define SIGBUS 7
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGCHLD 17
#define SA_SIGINFO 0x4
#define SA_ONSTACK 0x08000000
#define SA_RESTORER 0x04000000
#define E2BIG 7
#define ENOMEM 12
#define SI_QUEUE (-1)
#define SI_KERNEL 0x80
#define SS_DISABLE 2

#define PATTERN 0xa5

#if defined(__x86_64__) || defined(__aarch64__)
#define ABI64 1
#else
#define ABI64 0
#endif

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long long mask;
};

struct kstack {
	void *sp;
	int flags;
	unsigned long size;
};

#if defined(__x86_64__)
__asm__(".text\n.globl sh_restore_rt\nsh_restore_rt:\n\tmov $15, %rax\n\tsyscall\n\thlt\n");
extern char sh_restore_rt[];
#define RESTORER sh_restore_rt
#define RESTORER_FLAG SA_RESTORER
#elif defined(__i386__)
__asm__(".text\n.globl sh_restore_rt\nsh_restore_rt:\n\tmov $173, %eax\n\tint $0x80\n\thlt\n");
extern char sh_restore_rt[];
#define RESTORER sh_restore_rt
#define RESTORER_FLAG SA_RESTORER
#else
#define RESTORER 0	/* arm64: the kernel's sigreturn page; arm: the kuser codes */
#define RESTORER_FLAG 0
#endif

static int on_ferry;
/*
 * qemu-user runs the probe as a child of the test runner; Ferry and Linux booted run it as
 * init (ppid 0) or as the child of the tracing init (ppid 1). Only qemu-user's known gaps
 * are skipped, by name.
 */
static int under_qemu_user;

static long mypid(void)
{
	return sys(getpid);
}

static void handle(int sig, void *fn, unsigned long flags)
{
	struct ksigaction sa = { fn, flags | SA_SIGINFO | RESTORER_FLAG, RESTORER, 0 };

	sys(rt_sigaction, sig, &sa, 0, 8);
}

static void unhandle(int sig)
{
	struct ksigaction sa = { 0, RESTORER_FLAG, RESTORER, 0 };

	sys(rt_sigaction, sig, &sa, 0, 8);
}

/* ---- frame padding ---- */
/*
 * Offsets from the ucontext (from the siginfo for siginfo ranges) of bytes the kernel owes
 * nothing but must not fill with its own: "loose" ranges may be zero or the program's
 * pattern, "zero" ranges are written as zero by Linux.
 */
struct range { unsigned short off, len; };

#if defined(__x86_64__)
static const struct range uc_zero[] = { { 8, 8 } /* uc_link */, { 186, 4 } /* gs, fs */ };
static const struct range uc_loose[] = { { 28, 4 } /* after ss_flags */,
					 { 232, 64 } /* sigcontext reserved1[8] */ };
#define FPSTATE_OFF 224		/* sigcontext.fpstate */
#define FXSAVE_AT 0
#elif defined(__i386__)
static const struct range uc_zero[] = { { 4, 4 } /* uc_link */ };
static const struct range uc_loose[] = { { 22, 2 }, { 26, 2 }, { 30, 2 }, { 34, 2 },
					 { 82, 2 }, { 94, 2 } /* selectors' high halves */ };
#define FPSTATE_OFF 96
#define FXSAVE_AT 112		/* after the FSAVE image */
#elif defined(__aarch64__)
static const struct range uc_zero[] = { { 0, 8 } /* uc_flags */, { 8, 8 } /* uc_link */ };
static const struct range uc_loose[] = { { 28, 4 } /* after ss_flags */,
					 { 48, 120 } /* uc_sigmask's glibc-sized tail */,
					 { 168, 8 } /* before uc_mcontext */,
					 { 456, 8 } /* after pstate */ };
#define RESERVED_AT 464		/* uc_mcontext.__reserved */
#define RESERVED_LEN 4096
#else
static const struct range uc_zero[] = { { 4, 4 } /* uc_link */ };
static const struct range uc_loose[] = { { 112, 120 } /* uc_sigmask's glibc-sized tail */ };
#define REGSPACE_AT 232		/* uc_regspace: the VFP block, then a zero word */
#define VFP_MAGIC 0x56465001
#endif
/* the siginfo of a kill(): the bytes after pid and uid */
static const struct range si_zero[] = {
#if ABI64
	{ 12, 4 }, { 24, 104 },
#else
	{ 20, 108 },
#endif
};
#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static unsigned char altstack[32768] __attribute__((aligned(16)));
static volatile int pad_runs, pad_zero_bad, pad_loose_bad, pad_si_bad, pad_fpu_bad;
static volatile int pad_first_off = -1;
static volatile unsigned long pad_first_byte;

/* each byte zero or the pattern (Linux leaves some unwritten; Ferry may zero more) */
static void loose(const unsigned char *p, int off, int len)
{
	for (int i = 0; i < len; i++) {
		if (p[off + i] == 0 || p[off + i] == PATTERN)
			continue;
		pad_loose_bad++;
		if (pad_first_off < 0) {
			pad_first_off = off + i;
			pad_first_byte = p[off + i];
		}
		return;
	}
}

static int nonzero(const unsigned char *p, int off, int len)
{
	for (int i = 0; i < len; i++)
		if (p[off + i])
			return 1;
	return 0;
}

static void pad_handler(int sig, void *info, void *ctx)
{
	const unsigned char *uc = ctx, *si = info;

	pad_runs++;
	for (int i = 0; i < N(uc_zero); i++)
		pad_zero_bad += nonzero(uc, uc_zero[i].off, uc_zero[i].len);
	for (int i = 0; i < N(uc_loose); i++)
		loose(uc, uc_loose[i].off, uc_loose[i].len);
	for (int i = 0; i < N(si_zero); i++)
		pad_si_bad += nonzero(si, si_zero[i].off, si_zero[i].len);
#if defined(__x86_64__) || defined(__i386__)
	{
		/* the FXSAVE image's bytes 416-463 (reserved); the XSAVE header's reserved part */
		const unsigned char *fx = *(unsigned char *const *)(uc + FPSTATE_OFF);

		if (!fx) {
			pad_fpu_bad++;
		} else {
			fx += FXSAVE_AT;
			loose(fx, 416, 48);
			/* with FP_XSTATE_MAGIC1 and an XSAVE area (xstate_size > 512): its header */
			if (*(const unsigned int *)(fx + 464) == 0x46505853U &&
			    *(const unsigned int *)(fx + 480) > 512)
				pad_fpu_bad += nonzero(fx, 512 + 8, 56);	/* XCOMP_BV, reserved */
		}
	}
#elif defined(__aarch64__)
	{
		/* walk the records: after the {0, 0} terminator nothing is owed */
		unsigned int off = 0;

		while (off + 8 <= RESERVED_LEN) {
			unsigned int magic = *(const unsigned int *)(uc + RESERVED_AT + off);
			unsigned int size = *(const unsigned int *)(uc + RESERVED_AT + off + 4);

			if (!magic) {
				pad_fpu_bad += size != 0;
				off += 8;
				break;
			}
			if (size < 8 || size % 16 || off + size > RESERVED_LEN) {
				pad_fpu_bad++;
				off = RESERVED_LEN;
				break;
			}
			off += size;
		}
		if (off < RESERVED_LEN)
			loose(uc, RESERVED_AT + off, RESERVED_LEN - off);
	}
#else
	{
		/* VFP block: holes after fpscr and at the end; the zero word; the unused rest */
		const unsigned char *vfp = uc + REGSPACE_AT;

		if (*(const unsigned int *)vfp != VFP_MAGIC) {
			pad_fpu_bad++;
		} else {
			loose(vfp, 268, 4);
			loose(vfp, 284, 4);
			pad_fpu_bad += nonzero(vfp, 288, 4);
			loose(vfp, 292, 512 - 292);
		}
	}
#endif
}

static void test_padding(void)
{
	struct kstack ss = { altstack, 0, sizeof(altstack) }, off = { 0, SS_DISABLE, 0 };

	memset(altstack, PATTERN, sizeof(altstack));
	sys(sigaltstack, &ss, 0);
	handle(SIGUSR1, pad_handler, SA_ONSTACK);
	sys(kill, mypid(), SIGUSR1);
	sys(sigaltstack, &off, 0);
	unhandle(SIGUSR1);
	if (under_qemu_user && pad_runs == 1 && pad_si_bad)
		ktap_result(1, "padding: the siginfo of kill() # SKIP qemu-user 7.2 writes its "
			    "fields only, leaving the rest of the 128 bytes as they were");
	else
		ktap_result(pad_runs == 1 && pad_si_bad == 0,
			    "padding: the siginfo of kill() is zero past pid and uid (%d ranges not)",
			    pad_si_bad);
	ktap_result(pad_zero_bad == 0, "padding: the ucontext fields Linux zeroes are zero "
		    "(%d not)", pad_zero_bad);
	ktap_result(pad_loose_bad == 0,
		    "padding: every hole and reserved range is zero or the program's own bytes "
		    "(%d not, first at %d: %#lx)", pad_loose_bad, pad_first_off, pad_first_byte);
	ktap_result(pad_fpu_bad == 0, "padding: the FP area's reserved words and terminators "
		    "(%d wrong)", pad_fpu_bad);
}

/* ---- siginfo from rt_sigqueueinfo ---- */
static unsigned char si_seen[128];
static volatile int si_runs;

static void si_handler(int sig, void *info, void *ctx)
{
	memcpy(si_seen, info, 128);
	si_runs++;
}

static long queue(int sig, int signo, int code, const unsigned char *fields, int nfields,
		  int tail_byte)
{
	unsigned char si[128];

	memset(si, 0, sizeof(si));
	*(int *)(si + 0) = signo;
	*(int *)(si + 8) = code;
	memcpy(si + 12, fields, nfields);
	if (tail_byte >= 0)
		si[tail_byte] = 0x5a;
	memset(si_seen, 0xff, sizeof(si_seen));
	si_runs = 0;
	return sys(rt_sigqueueinfo, mypid(), sig, si);
}

#if ABI64
static void test_siginfo(void)
{
	static const struct { int sig, code; long want; const char *what; } cases[] = {
		{ SIGUSR2, -10, -E2BIG, "SIGUSR2 code -10" },
		{ SIGUSR2, 7, -E2BIG, "SIGUSR2 code 7 (above NSIGPOLL)" },
		{ SIGBUS, 6, -E2BIG, "SIGBUS code 6 (above NSIGBUS)" },
		{ SIGSEGV, 10, -E2BIG, "SIGSEGV code 10 (above NSIGSEGV)" },
		{ SIGUSR2, SI_QUEUE, 0, "SIGUSR2 SI_QUEUE" },
		{ SIGUSR2, 6, 0, "SIGUSR2 code 6" },
		{ SIGBUS, 5, 0, "SIGBUS code 5" },
		{ SIGUSR2, SI_KERNEL, 0, "SIGUSR2 SI_KERNEL" },
		{ SIGUSR2, -7, 0, "SIGUSR2 SI_DETHREAD" },
	};
	unsigned char fields[36];
	int bad = 0, tail_bad = 0, kept_bad = 0, first = -1;
	long r = 0;

	for (int i = 0; i < (int)sizeof(fields); i++)
		fields[i] = 0x10 + i;
	handle(SIGUSR2, si_handler, 0);
	handle(SIGBUS, si_handler, 0);
	handle(SIGSEGV, si_handler, 0);
	for (int i = 0; i < N(cases); i++) {
		if (under_qemu_user && cases[i].sig != SIGUSR2)
			continue;	/* qemu-user aborts on a fault signal it did not raise */
		r = queue(cases[i].sig, cases[i].sig, cases[i].code, fields, sizeof(fields), 100);
		if (r != cases[i].want || si_runs != (r == 0)) {
			bad++;
			if (first < 0)
				first = i;
		}
		if (r == 0) {
			tail_bad += nonzero(si_seen, 48, 80);
			kept_bad += memcmp(si_seen + 12, fields, 36) != 0;
		}
	}
	/* qemu-user converts the siginfo field by field: the tail never reaches Linux */
	if (under_qemu_user && bad)
		ktap_result(1, "rt_sigqueueinfo: E2BIG for unknown layouts # SKIP qemu-user "
			    "drops the bytes past the fields before Linux sees them");
	else
		ktap_result(bad == 0,
			    "rt_sigqueueinfo: E2BIG for an unknown layout with a non-zero tail, known "
			    "ones queued (%d wrong, first %s)", bad, first < 0 ? "none" : cases[first].what);
	if (under_qemu_user && (kept_bad || tail_bad))
		ktap_result(1, "rt_sigqueueinfo: the 48 bytes sent # SKIP qemu-user converts "
			    "the siginfo by its layout (Linux keeps the 48 bytes) and leaves the tail");
	else
		ktap_result(tail_bad == 0 && kept_bad == 0, "rt_sigqueueinfo: delivered with the "
			    "48 bytes sent and a zero tail (%d, %d not)", tail_bad, kept_bad);
	r = queue(SIGUSR2, SIGUSR2, -10, fields, sizeof(fields), -1);
	if (under_qemu_user && r == -E2BIG)
		ktap_result(1, "rt_sigqueueinfo: an unknown layout with a zero tail # SKIP "
			    "qemu-user 7.2 passes Linux a siginfo whose tail it never cleared");
	else
		ktap_result(r == 0 && si_runs == 1, "rt_sigqueueinfo: an unknown layout with a "
			    "zero tail is queued (%ld)", r);
	unhandle(SIGUSR2);
	unhandle(SIGBUS);
	unhandle(SIGSEGV);
}
#else
static void test_siginfo(void)
{
	/* 32-bit siginfo: words from offset 12 */
	static const struct {
		int sig, code;
		unsigned char keep[20];	/* which of the 20 bytes 12..31 come back (1) or are 0 */
		const char *what;
	} cases[] = {
		{ SIGBUS, 4, { 1, 1, 1, 1, 1, 1 }, "SIGBUS BUS_MCEERR_AR: addr, addr_lsb" },
		{ SIGSEGV, 3, { 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1 },
		  "SIGSEGV SEGV_BNDERR: addr, lower, upper" },
		{ SIGSEGV, 4, { 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1 }, "SIGSEGV SEGV_PKUERR: addr, pkey" },
		{ SIGTRAP, 6, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 },
		  "SIGTRAP TRAP_PERF: addr, data, type, flags" },
		{ SIGSEGV, 1, { 1, 1, 1, 1 }, "SIGSEGV SEGV_MAPERR: addr" },
	};
	unsigned char fields[20];
	int bad = 0, first = -1;
	long r;

	for (int i = 0; i < (int)sizeof(fields); i++)
		fields[i] = 0x10 + i;
	handle(SIGUSR2, si_handler, 0);
	handle(SIGBUS, si_handler, 0);
	handle(SIGSEGV, si_handler, 0);
	handle(SIGTRAP, si_handler, 0);
	for (int i = 0; i < N(cases) && !under_qemu_user; i++) {
		int ok;

		r = queue(cases[i].sig, cases[i].sig, cases[i].code, fields, sizeof(fields), -1);
		ok = r == 0 && si_runs == 1 && !nonzero(si_seen, 32, 96);
		for (int b = 0; b < 20; b++)
			ok &= si_seen[12 + b] == (cases[i].keep[b] ? fields[b] : 0);
		if (!ok) {
			bad++;
			if (first < 0)
				first = i;
		}
	}
	if (under_qemu_user)
		ktap_result(1, "compat siginfo: fault codes # SKIP qemu-user aborts on a fault "
			    "signal it did not raise (rt_sigqueueinfo of SIGSEGV/SIGBUS/SIGTRAP)");
	else
		ktap_result(bad == 0, "compat siginfo: each fault code's layout is kept through "
			    "rt_sigqueueinfo (%d wrong, first %s)", bad,
			    first < 0 ? "none" : cases[first].what);
	/* SIGUSR2 with code 1 is SIGPOLL's layout (band, fd), whatever si_signo says */
	r = queue(SIGUSR2, SIGCHLD, 1, fields, sizeof(fields), -1);
	if (under_qemu_user)
		ktap_result(1, "compat siginfo: the sent signal's layout # SKIP qemu-user "
			    "converts by the sender's si_signo before Linux sees it");
	else
	ktap_result(r == 0 && si_runs == 1 && *(int *)(si_seen + 0) == SIGUSR2 &&
		    !memcmp(si_seen + 12, fields, 8) && !nonzero(si_seen, 20, 108),
		    "compat siginfo: the layout is the sent signal's (SIGUSR2: band, fd), not the "
		    "sender's si_signo (SIGCHLD) (r %ld, word 20 %#x)", r, *(unsigned int *)(si_seen + 20));
	r = queue(SIGUSR2, SIGUSR2, -10, fields, sizeof(fields), 100);
	if (under_qemu_user && r == -E2BIG)
		ktap_result(1, "compat siginfo: an unknown layout # SKIP qemu-user hands it to "
			    "the 64-bit Linux call, whose E2BIG rule compat callers never meet");
	else
	ktap_result(r == 0 && si_runs == 1 && !memcmp(si_seen + 12, fields, 12) &&
		    !nonzero(si_seen, 24, 104),	/* a negative code: pid, uid, sigval */
		    "compat siginfo: an unknown layout is queued, no E2BIG (r %ld)", r);
	unhandle(SIGUSR2);
	unhandle(SIGBUS);
	unhandle(SIGSEGV);
	unhandle(SIGTRAP);
}
#endif

/* ---- sigreturn's uc_stack and the ABI's minimum ---- */
#if defined(__x86_64__)
#define UC_STACK_AT 16
#elif defined(__aarch64__)
#define UC_STACK_AT 16
#else
#define UC_STACK_AT 8
#endif
#if defined(__aarch64__)
#define MIN_ALTSTACK 5120
#else
#define MIN_ALTSTACK 2048
#endif

static volatile unsigned long new_ss_size;
static unsigned char other_stack[8192] __attribute__((aligned(16)));

static void stack_edit_handler(int sig, void *info, void *ctx)
{
	unsigned char *uc = ctx;

	if (ABI64) {
		struct kstack *s = (struct kstack *)(uc + UC_STACK_AT);

		s->sp = other_stack;
		s->flags = 0;
		s->size = new_ss_size;
	} else {
		unsigned int *s = (unsigned int *)(uc + UC_STACK_AT);

		s[0] = (unsigned int)(unsigned long)other_stack;
		s[1] = 0;
		s[2] = new_ss_size;
	}
}

static void test_restore_altstack(void)
{
	static const unsigned long sizes[] = { 1024, MIN_ALTSTACK - 1, MIN_ALTSTACK, 4096 };
	struct kstack ss = { altstack, 0, sizeof(altstack) }, cur, off = { 0, SS_DISABLE, 0 };
	int bad = 0;
	long r;

	handle(SIGUSR1, stack_edit_handler, 0);
	for (int i = 0; i < N(sizes); i++) {
		int applies = sizes[i] >= MIN_ALTSTACK;

		sys(sigaltstack, &ss, 0);
		new_ss_size = sizes[i];
		sys(kill, mypid(), SIGUSR1);
		memset(&cur, 0, sizeof(cur));
		sys(sigaltstack, 0, &cur);
		if (applies ? cur.sp != other_stack || cur.size != sizes[i]
			    : cur.sp != altstack || cur.size != sizeof(altstack))
			bad++;
	}
	sys(sigaltstack, &off, 0);
	unhandle(SIGUSR1);
	if (under_qemu_user && MIN_ALTSTACK > 2048 && bad)
		ktap_result(1, "sigreturn's uc_stack minimum # SKIP qemu-aarch64 7.2 uses 2048 "
			    "where arm64 Linux has MINSIGSTKSZ 5120");
	else
		ktap_result(bad == 0, "sigreturn's uc_stack: ignored below %d bytes, applied from "
			    "it (%d wrong)", MIN_ALTSTACK, bad);
	ss.size = 4096;
	r = sys(sigaltstack, &ss, 0);
	if (under_qemu_user && MIN_ALTSTACK > 4096 && r == 0)
		ktap_result(1, "sigaltstack of 4096 bytes # SKIP qemu-aarch64 7.2 uses 2048 "
			    "where arm64 Linux has MINSIGSTKSZ 5120");
	else
	ktap_result(r == (MIN_ALTSTACK > 4096 ? -ENOMEM : 0),
		    "sigaltstack of 4096 bytes: %s (%ld)", MIN_ALTSTACK > 4096 ? "ENOMEM" : "accepted", r);
	sys(sigaltstack, &off, 0);
}

/* ---- arm64 / arm: every register across a syscall that returns into a handler ---- */
/*
 * The idea of Linux's arm64 selftest abi/syscall-abi, with a signal in flight: the program
 * loads every general register (x0-x30 / r0-r14), the stack pointer, all FP/SIMD registers
 * (v0-v31 / d0-d31) and FPSR/FPCR (FPSCR) with known values, calls kill() on itself, and
 * the handler (assembly) overwrites all of them but sp and the link register it returns
 * through. After sigreturn every one must hold the program's value again (x0/r0: kill's 0).
 */
#if defined(__aarch64__) || defined(__arm__)
volatile int abi_runs;
extern void abi_clobber_handler(int, void *, void *);
#endif
#if defined(__aarch64__)
unsigned long abi_in[31], abi_out[34], abi_ctl[3];	/* out: x0-x30, sp, fpsr, fpcr */
unsigned long long abi_v_in[64] __attribute__((aligned(16)));
unsigned long long abi_v_out[64] __attribute__((aligned(16)));

__asm__(".text\n.globl abi_clobber_handler\n.type abi_clobber_handler, %function\n"
	"abi_clobber_handler:\n"
	"adrp x9, abi_runs\n ldr w10, [x9, :lo12:abi_runs]\n add w10, w10, #1\n"
	"str w10, [x9, :lo12:abi_runs]\n"
	".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"movi v\\n\\().16b, #0x5c\n"
	".endr\n"
	"mov x9, #0x1f\n msr fpsr, x9\n msr fpcr, xzr\n"
	".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29\n"
	"mov x\\n, #0x66\n"
	".endr\n"
	"ret\n");

static void abi_run(void)
{
	__asm__ __volatile__(
		"stp x29, x30, [sp, #-16]!\n"
		"adrp x30, abi_v_in\n add x30, x30, :lo12:abi_v_in\n"
		".irp p, 0,2,4,6,8,10,12,14,16,18,20,22,24,26,28,30\n"
		"ldr q\\p, [x30, #(16 * \\p)]\n"
		".endr\n"
		".irp p, 1,3,5,7,9,11,13,15,17,19,21,23,25,27,29,31\n"
		"ldr q\\p, [x30, #(16 * \\p)]\n"
		".endr\n"
		"adrp x30, abi_ctl\n add x30, x30, :lo12:abi_ctl\n"
		"ldr x9, [x30]\n msr fpsr, x9\n ldr x9, [x30, #8]\n msr fpcr, x9\n"
		"mov x9, sp\n str x9, [x30, #16]\n"
		"adrp x30, abi_in\n add x30, x30, :lo12:abi_in\n"
		".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29\n"
		"ldr x\\n, [x30, #(8 * \\n)]\n"
		".endr\n"
		"ldr x30, [x30, #240]\n"
		"svc #0\n"
		"str x30, [sp, #-16]!\n"
		"adrp x30, abi_out\n add x30, x30, :lo12:abi_out\n"
		".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29\n"
		"str x\\n, [x30, #(8 * \\n)]\n"
		".endr\n"
		"ldr x0, [sp], #16\n str x0, [x30, #240]\n"
		"mov x0, sp\n str x0, [x30, #248]\n"
		"mrs x0, fpsr\n str x0, [x30, #256]\n mrs x0, fpcr\n str x0, [x30, #264]\n"
		"adrp x30, abi_v_out\n add x30, x30, :lo12:abi_v_out\n"
		".irp p, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
		"str q\\p, [x30, #(16 * \\p)]\n"
		".endr\n"
		"msr fpcr, xzr\n msr fpsr, xzr\n"
		"ldp x29, x30, [sp], #16\n"
		:
		:
		: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		  "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
		  "x24", "x25", "x26", "x27", "x28", "v0", "v1", "v2", "v3", "v4", "v5", "v6",
		  "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18",
		  "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29",
		  "v30", "v31", "memory", "cc");
}

static void test_abi_regs(void)
{
	int gbad = 0, vbad = 0, first = -1;

	for (int n = 0; n < 31; n++)
		abi_in[n] = 0x1000 + n;
	abi_in[0] = mypid();
	abi_in[1] = SIGUSR1;
	abi_in[8] = 129;			/* kill */
	for (int i = 0; i < 64; i++)
		abi_v_in[i] = 0x0101010101010101ULL * (i + 1) ^ 0x8000000000000000ULL;
	abi_ctl[0] = 0x0800009f;		/* FPSR: QC and every cumulative flag */
	abi_ctl[1] = 0x03c00000;		/* FPCR: DN, FZ, RMode toward zero */
	abi_runs = 0;
	handle(SIGUSR1, abi_clobber_handler, 0);
	abi_run();
	unhandle(SIGUSR1);
	for (int n = 0; n < 31; n++)
		if (abi_out[n] != (n ? abi_in[n] : 0)) {
			gbad++;
			if (first < 0)
				first = n;
		}
	for (int i = 0; i < 64; i++)
		vbad += abi_v_out[i] != abi_v_in[i];
	ktap_result(abi_runs == 1 && gbad == 0 && abi_out[31] == abi_ctl[2],
		    "syscall-abi: x1-x30 and sp back after a handler clobbered them, x0 = 0 "
		    "(%d wrong, first x%d = %#lx)", gbad, first, first < 0 ? 0 : abi_out[first]);
	ktap_result(vbad == 0 && abi_out[32] == abi_ctl[0] && abi_out[33] == abi_ctl[1],
		    "syscall-abi: v0-v31 (128 bits), FPSR and FPCR back (%d halves wrong, fpsr "
		    "%#lx fpcr %#lx)", vbad, abi_out[32], abi_out[33]);
}
#elif defined(__arm__)
unsigned long abi_in[15], abi_out[16], abi_ctl[2];	/* out: r0-r14, fpscr */
unsigned long long abi_d_in[32], abi_d_out[32];	/* global: the assembly names them */

__asm__(".text\n.arm\n.fpu neon\n.globl abi_clobber_handler\n.type abi_clobber_handler, %function\n"
	"abi_clobber_handler:\n"
	"movw r3, #:lower16:abi_runs\n movt r3, #:upper16:abi_runs\n"
	"ldr r2, [r3]\n add r2, r2, #1\n str r2, [r3]\n"
	".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n"
	"vmov.i8 d\\n, #0x5c\n"
	".endr\n"
	"mov r0, #0x1f\n vmsr fpscr, r0\n"
	".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12\n"
	"mov r\\n, #0x66\n"
	".endr\n"
	"bx lr\n");

static void abi_run(void)
{
	__asm__ __volatile__(
		".fpu neon\n"
		"push {r7, r11}\n"
		"movw r14, #:lower16:abi_d_in\n movt r14, #:upper16:abi_d_in\n"
		"vldm r14!, {d0-d15}\n vldm r14, {d16-d31}\n"
		"movw r14, #:lower16:abi_ctl\n movt r14, #:upper16:abi_ctl\n"
		"ldr r0, [r14]\n vmsr fpscr, r0\n mov r0, sp\n str r0, [r14, #4]\n"
		"movw r14, #:lower16:abi_in\n movt r14, #:upper16:abi_in\n"
		".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12\n"
		"ldr r\\n, [r14, #(4 * \\n)]\n"
		".endr\n"
		"ldr r14, [r14, #56]\n"
		"svc #0\n"
		"push {r14}\n"
		"movw r14, #:lower16:abi_out\n movt r14, #:upper16:abi_out\n"
		".irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12\n"
		"str r\\n, [r14, #(4 * \\n)]\n"
		".endr\n"
		"pop {r0}\n str r0, [r14, #56]\n"
		"mov r0, sp\n str r0, [r14, #52]\n"
		"vmrs r0, fpscr\n str r0, [r14, #60]\n"
		"movw r14, #:lower16:abi_d_out\n movt r14, #:upper16:abi_d_out\n"
		"vstm r14!, {d0-d15}\n vstm r14, {d16-d31}\n"
		"mov r0, #0\n vmsr fpscr, r0\n"
		"pop {r7, r11}\n"
		:
		:
		: "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "r14",
		  "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "d10", "d11", "d12",
		  "d13", "d14", "d15", "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23",
		  "d24", "d25", "d26", "d27", "d28", "d29", "d30", "d31", "memory", "cc");
}

static void test_abi_regs(void)
{
	int gbad = 0, dbad = 0, first = -1;

	for (int n = 0; n < 15; n++)
		abi_in[n] = 0x40 + n;
	abi_in[0] = mypid();
	abi_in[1] = SIGUSR1;
	abi_in[7] = 37;				/* kill */
	for (int i = 0; i < 32; i++)
		abi_d_in[i] = 0x0101010101010101ULL * (i + 1) ^ 0x8000000000000000ULL;
	abi_ctl[0] = 0x03c0001f;		/* FPSCR: DN, FZ, RMode toward zero, flags */
	abi_runs = 0;
	handle(SIGUSR1, abi_clobber_handler, 0);
	abi_run();
	unhandle(SIGUSR1);
	for (int n = 0; n < 15; n++)
		if (abi_out[n] != (n == 13 ? abi_ctl[1] : n ? abi_in[n] : 0)) {
			gbad++;
			if (first < 0)
				first = n;
		}
	for (int i = 0; i < 32; i++)
		dbad += abi_d_out[i] != abi_d_in[i];
	ktap_result(abi_runs == 1 && gbad == 0,
		    "syscall-abi: r1-r14 (sp included) back after a handler clobbered them, r0 = 0 "
		    "(%d wrong, first r%d = %#lx)", gbad, first, first < 0 ? 0 : abi_out[first]);
	ktap_result(dbad == 0 && abi_out[15] == abi_ctl[0],
		    "syscall-abi: d0-d31 and FPSCR back (%d wrong, fpscr %#lx)", dbad, abi_out[15]);
}
#endif

int main(void)
{
	struct { char s[6][65]; } uts;

	under_qemu_user = sys(getppid) > 1;
	sys(uname, &uts);
	for (int i = 0; uts.s[2][i]; i++)
		if (!memcmp(uts.s[2] + i, "ferry", 5))
			on_ferry = 1;
#if defined(__aarch64__) || defined(__arm__)
	ktap_plan(4 + 3 + 2 + 2);
#else
	ktap_plan(4 + 3 + 2);
#endif
	test_padding();
	test_siginfo();
	test_restore_altstack();
#if defined(__aarch64__) || defined(__arm__)
	test_abi_regs();
#endif
	return ktap_finish();
}
