/*
 * sigframe_arm: the signal frames of arm64 and arm (AArch32) tasks as handlers see them, and
 * what rt_sigreturn / sigreturn accept (issue 13, area sigarm; docs/signals.md, "arm64 and
 * arm"). Built for arm64 and arm (ARM state, with Thumb pieces in assembly and a Thumb
 * handler). Runs on Ferry and unchanged under qemu-user, whose answers are Linux's:
 *
 *   fault       SIGSEGV from a load of an unmapped address (si_code MAPERR, si_addr), SIGSEGV
 *               from a store to a read-only page (ACCERR), SIGILL (udf, ILL_ILLOPC, si_addr =
 *               pc), SIGTRAP (brk/bkpt, TRAP_BRKPT), SIGBUS (arm64: a misaligned exclusive
 *               load, BUS_ADRALN): the handler reads siginfo and the ucontext (pc, sp, fault
 *               address; arm64's esr_context, arm's error_code write bit), writes a register
 *               in the ucontext and moves pc past the faulting instruction
 *   trampoline  no SA_RESTORER: the handler's lr is the kernel's sigreturn code (arm64: the
 *               vDSO's two instructions; arm: a Thumb or A32 sequence as the handler's state)
 *   layout      arm64: sp 16-byte aligned, the {fp, lr} frame record right above the frame;
 *               arm: the handler's sp 8-byte aligned, old-style frames without SA_SIGINFO
 *   fpsimd      the handler sees the interrupted V/D registers in the frame, clobbers them
 *               and FPCR/FPSCR; after sigreturn they are back
 *   regs        every general register but x0/r0 comes back after a signal delivered on a
 *               syscall's return (the idea of Linux's arm64 abi/syscall-abi selftest)
 *   restart     a pipe read interrupted by a signal: with SA_RESTART it restarts (pc back
 *               over the svc: A64, A32 and Thumb), without it fails with EINTR
 *   thumb       arm: a handler written in Thumb code runs in Thumb state
 *   badframe    a frame whose FP/SIMD record has a bad magic or size: only that process dies
 *               (SIGSEGV)
 * With the argument "forged" (booted on Ferry only: qemu-user does not check PSTATE on
 * sigreturn, Linux does: valid_user_regs), frames with a forged PSTATE/CPSR: EL1h or a
 * privileged AArch32 mode, the other execution state (nRW), an exception masked: each kills
 * only its process, with SIGSEGV.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGILL		4
#define SIGTRAP		5
#define SIGBUS		7
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGCHLD		17
#define SA_SIGINFO	0x00000004
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define EINTR		4
#define PROT_READ	1
#define PROT_RW		3
#define MAP_PRIVATE_ANON 0x22

struct ksigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	unsigned int mask[2];
};

struct siginfo_head {
	int si_signo, si_errno, si_code;
#if defined(__aarch64__)
	int __pad;
#endif
	unsigned long si_addr;
};

/* ---- the ucontext of each ABI, by offset (the ABI's, not a header's) ---- */
#if defined(__aarch64__)
#define UC_MCONTEXT	176
struct mcontext {
	unsigned long fault_address;
	unsigned long regs[31];
	unsigned long sp, pc, pstate;
	unsigned long pad;
	unsigned char reserved[4096];
};
#define FPSIMD_MAGIC	0x46508001
#define ESR_MAGIC	0x45535201
struct ctx_head {
	unsigned int magic, size;
};
#define REG_PC(mc)	((mc)->pc)
#define FRAME_SIZE	4688	/* sizeof(struct rt_sigframe): siginfo + ucontext */
#else
#define UC_MCONTEXT	20
struct mcontext {
	unsigned long trap_no, error_code, oldmask;
	unsigned long regs[16];		/* r0-r15 */
	unsigned long cpsr, fault_address;
};
#define UC_REGSPACE	232
#define VFP_MAGIC	0x56465001
#define REG_PC(mc)	((mc)->regs[15])
#endif

static struct mcontext *mctx(void *uc)
{
	return (struct mcontext *)((char *)uc + UC_MCONTEXT);
}

static void sigaction_raw(int sig, void *handler, unsigned long flags)
{
	struct ksigaction sa = { (unsigned long)handler, flags, 0, { 0, 0 } };

	sys(rt_sigaction, sig, &sa, 0, 8);
}

static long my_pid(void)
{
	return sys(getpid);
}

static void raise_sig(int sig)
{
	sys(kill, my_pid(), sig);
}

/* ---- faults: what the handler saw ---- */
struct seen {
	int signo, code, count;
	unsigned long addr, pc, fault_address, sp, lr, frame_sp;
	unsigned long esr;
	int have_esr;
	unsigned long error_code;
	unsigned long cpsr;
	int record_ok;
};
static volatile struct seen seen;

static void fault_handler(int sig, struct siginfo_head *info, void *uc)
{
	struct mcontext *mc = mctx(uc);

	seen.count++;
	seen.signo = info->si_signo;
	seen.code = info->si_code;
	seen.addr = info->si_addr;
	seen.pc = REG_PC(mc);
	seen.fault_address = mc->fault_address;
	seen.frame_sp = (unsigned long)info;
	seen.lr = (unsigned long)__builtin_return_address(0);
#if defined(__aarch64__)
	seen.have_esr = 0;
	for (unsigned int off = 0; off < 4096;) {
		struct ctx_head *h = (struct ctx_head *)(mc->reserved + off);

		if (!h->magic || h->size < 8)
			break;
		if (h->magic == ESR_MAGIC) {
			seen.have_esr = 1;
			seen.esr = *(unsigned long *)(h + 1);
		}
		off += h->size;
	}
	/* the {fp, lr} record just above the frame holds the interrupted x29, x30 */
	{
		unsigned long *rec = (unsigned long *)((char *)info + FRAME_SIZE);

		seen.record_ok = rec[0] == mc->regs[29] && rec[1] == mc->regs[30];
	}
	mc->regs[1] = 42;	/* the faulting load's destination: the code goes on with 42 */
#else
	seen.error_code = mc->error_code;
	seen.cpsr = mc->cpsr;
	mc->regs[1] = 42;
#endif
	REG_PC(mc) += 4;	/* past the faulting (A32/A64) instruction */
}

/* One instruction that faults, at a known address; r1/x1 = 7 unless the handler changes it. */
#if defined(__aarch64__)
#define FAULT_FN(name, insn)							\
	extern char name##_at[];						\
	static long name(unsigned long addr)					\
	{									\
		register unsigned long x0 __asm__("x0") = addr;			\
		register long x1 __asm__("x1") = 7;				\
		__asm__ __volatile__(".globl " #name "_at\n" #name "_at: " insn	\
				     : "+r"(x1) : "r"(x0) : "memory");		\
		return x1;							\
	}
FAULT_FN(do_load, "ldr x1, [x0]")
FAULT_FN(do_store, "str x1, [x0]")
FAULT_FN(do_udf, "udf #0")
FAULT_FN(do_brk, "brk #0")
FAULT_FN(do_ldxr, "ldxr x1, [x0]")
#else
#define FAULT_FN(name, insn)							\
	extern char name##_at[];						\
	static long name(unsigned long addr)					\
	{									\
		register unsigned long r0 __asm__("r0") = addr;			\
		register long r1 __asm__("r1") = 7;				\
		__asm__ __volatile__(".globl " #name "_at\n" #name "_at: " insn	\
				     : "+r"(r1) : "r"(r0) : "memory");		\
		return r1;							\
	}
FAULT_FN(do_load, "ldr r1, [r0]")
FAULT_FN(do_store, "str r1, [r0]")
FAULT_FN(do_udf, ".inst 0xe7f000f0")	/* udf #0 (A32) */
FAULT_FN(do_brk, "bkpt #0")
#endif

static void check_fault(const char *what, long (*fn)(unsigned long), char *at,
			unsigned long addr, int sig, int code, unsigned long want_addr)
{
	long r;

	memset((void *)&seen, 0, sizeof(seen));
	sigaction_raw(sig, fault_handler, SA_SIGINFO);
	r = fn(addr);
	/* Linux gives an undefined instruction ILL_ILLOPC (1); qemu-user 7.2 says ILL_ILLOPN */
	if (sig == SIGILL && seen.code == 2)
		seen.code = code;
	ktap_result(seen.count == 1 && seen.signo == sig && seen.code == code,
		    "%s: signal %d code %d (got %d, %d, %d times)", what, sig, code, seen.signo,
		    seen.code, seen.count);
	ktap_result(seen.addr == want_addr, "%s: si_addr %#lx (got %#lx)", what, want_addr,
		    seen.addr);
	ktap_result(seen.pc == (unsigned long)at, "%s: ucontext pc is the instruction", what);
	ktap_result(r == 42, "%s: the register the handler set, and pc moved past (got %ld)",
		    what, r);
}

static void test_faults(void)
{
	char *ro = (char *)sys(
#if defined(__aarch64__)
		mmap,
#else
		mmap2,
#endif
		0, 4096, PROT_READ, MAP_PRIVATE_ANON, -1, 0);

	check_fault("load 0x10", do_load, do_load_at, 0x10, SIGSEGV, 1 /* MAPERR */, 0x10);
	if (seen.fault_address)
		ktap_result(seen.fault_address == 0x10,
			    "load 0x10: sigcontext fault_address (got %#lx)", seen.fault_address);
	else	/* qemu-user's arm frames leave it 0; Linux and Ferry write it */
		ktap_result(1, "load 0x10: sigcontext fault_address # SKIP 0 in the frame");
#if defined(__aarch64__)
	if (seen.have_esr)
		ktap_result((seen.esr >> 26) == 0x24 && !(seen.esr & (1 << 6)) &&
			    (seen.esr & 0x3c) == 0x04,
			    "load 0x10: esr_context is a lower-EL data abort, read, translation "
			    "fault (%#lx)", seen.esr);
	else	/* qemu-user (7.2) writes no esr_context; Linux and Ferry do */
		ktap_result(1, "load 0x10: esr_context # SKIP none in the frame");
	ktap_result(seen.record_ok, "load 0x10: the {fp, lr} frame record above the frame");
	ktap_result(seen.frame_sp % 16 == 0, "load 0x10: the frame is 16-byte aligned");
#else
	ktap_result(seen.error_code == 0, "load 0x10: error_code has no write bit (%#lx)",
		    seen.error_code);
	ktap_result(seen.frame_sp % 8 == 0, "load 0x10: the frame is 8-byte aligned");
#endif
	(void)*(volatile char *)ro;	/* present (read-only): the store is a permission fault */
	check_fault("store to read-only", do_store, do_store_at, (unsigned long)ro, SIGSEGV,
		    2 /* ACCERR */, (unsigned long)ro);
#if defined(__aarch64__)
	if (seen.have_esr)
		ktap_result((seen.esr >> 26) == 0x24 && (seen.esr & (1 << 6)) &&
			    (seen.esr & 0x3c) == 0x0c,
			    "store to read-only: esr_context is a write, permission fault (%#lx)",
			    seen.esr);
	else
		ktap_result(1, "store to read-only: esr_context # SKIP none in the frame");
#else
	if (seen.error_code)
		ktap_result(seen.error_code == 0x800,
			    "store to read-only: error_code write bit (%#lx)", seen.error_code);
	else	/* qemu-user's arm frames leave it 0; Linux and Ferry write FSR's WnR */
		ktap_result(1, "store to read-only: error_code write bit # SKIP 0 in the frame");
#endif
	check_fault("udf", do_udf, do_udf_at, 0, SIGILL, 1 /* ILL_ILLOPC */,
		    (unsigned long)do_udf_at);
	check_fault("breakpoint", do_brk, do_brk_at, 0, SIGTRAP, 1 /* TRAP_BRKPT */,
		    (unsigned long)do_brk_at);
#if defined(__aarch64__)
	{
		static unsigned long words[2];

		check_fault("misaligned ldxr", do_ldxr, do_ldxr_at, (unsigned long)words + 1,
			    SIGBUS, 1 /* BUS_ADRALN */, (unsigned long)words + 1);
	}
#endif
	sigaction_raw(SIGSEGV, 0, 0);
	sigaction_raw(SIGILL, 0, 0);
	sigaction_raw(SIGTRAP, 0, 0);
	sigaction_raw(SIGBUS, 0, 0);
}

/* ---- the return trampoline: what the handler's lr points at ---- */
static void lr_handler(int sig, struct siginfo_head *info, void *uc)
{
	seen.count++;
	seen.lr = (unsigned long)__builtin_return_address(0);
}

static void test_trampoline(void)
{
	const unsigned int *lr;

	memset((void *)&seen, 0, sizeof(seen));
	sigaction_raw(SIGUSR1, lr_handler, SA_SIGINFO);
	raise_sig(SIGUSR1);
#if defined(__aarch64__)
	lr = (const unsigned int *)seen.lr;
	ktap_result(seen.count == 1 && lr[0] == 0xd2801168 && lr[1] == 0xd4000001,
		    "trampoline: lr is 'mov x8, #139; svc #0' (%#x %#x)", lr[0], lr[1]);
#else
	lr = (const unsigned int *)(seen.lr & ~1UL);
	/* Linux's svc carries #173 in its comment field, qemu-user's the OABI's 0x9000ad */
	ktap_result(seen.count == 1 && !(seen.lr & 1) && lr[0] == 0xe3a070ad &&
		    (lr[1] & 0xff000000) == 0xef000000,
		    "trampoline: A32 handler's lr is 'mov r7, #173; svc' (%#x %#x)", lr[0],
		    lr[1]);
#endif
	sigaction_raw(SIGUSR1, 0, 0);
}

#if defined(__arm__)
/* ---- arm: a Thumb handler, an old-style (non-SA_SIGINFO) frame ---- */
static volatile unsigned long thumb_lr, thumb_r0, thumb_runs;

__attribute__((target("thumb"), noinline)) static void thumb_handler(int sig)
{
	thumb_runs++;
	thumb_r0 = sig;
	thumb_lr = (unsigned long)__builtin_return_address(0);
}

static void test_arm_frames(void)
{
	const unsigned short *code;

	sigaction_raw(SIGUSR1, thumb_handler, 0);
	raise_sig(SIGUSR1);
	code = (const unsigned short *)(thumb_lr & ~1UL);
	ktap_result(thumb_runs == 1 && thumb_r0 == SIGUSR1, "thumb: a Thumb handler ran (r0 %lu)",
		    thumb_r0);
	ktap_result((thumb_lr & 1) && code[0] == 0x2777 && (code[1] & 0xff00) == 0xdf00,
		    "thumb: old-style frame returns through Thumb 'movs r7, #119; svc' (%#x %#x)",
		    code[0], code[1]);
	sigaction_raw(SIGUSR1, thumb_handler, SA_SIGINFO);
	raise_sig(SIGUSR1);
	code = (const unsigned short *)(thumb_lr & ~1UL);
	ktap_result(thumb_runs == 2 && (thumb_lr & 1) && code[0] == 0x27ad &&
		    (code[1] & 0xff00) == 0xdf00,
		    "thumb: SA_SIGINFO frame returns through Thumb 'movs r7, #173; svc' (%#x %#x)",
		    code[0], code[1]);
	sigaction_raw(SIGUSR1, 0, 0);
}
#endif

/* ---- FP/SIMD: seen in the frame, restored after a handler clobbers them ---- */
static volatile unsigned long long fp_in_frame;
static volatile int fp_handler_runs;

static void fp_handler(int sig, struct siginfo_head *info, void *uc)
{
#if defined(__aarch64__)
	struct mcontext *mc = mctx(uc);

	for (unsigned int off = 0; off < 4096;) {
		struct ctx_head *h = (struct ctx_head *)(mc->reserved + off);

		if (!h->magic || h->size < 8)
			break;
		if (h->magic == FPSIMD_MAGIC)	/* fpsr, fpcr, then V0-V31 at +16 */
			fp_in_frame = *(unsigned long long *)((char *)h + 16 + 16 * 9);
		off += h->size;
	}
	__asm__ __volatile__("movi v8.2d, #0\n movi v9.2d, #0\n movi v31.2d, #0\n"
			     "msr fpcr, xzr" ::: "v8", "v9", "v31", "memory");
#else
	unsigned long *vfp = (unsigned long *)((char *)uc + UC_REGSPACE);

	if (vfp[0] == VFP_MAGIC)	/* magic, size, then D0-D31 */
		fp_in_frame = *(unsigned long long *)(vfp + 2 + 2 * 9);
	__asm__ __volatile__(".fpu neon\n vmov.i64 d8, #0\n vmov.i64 d9, #0\n vmov.i64 d31, #0\n"
			     "mov r0, #0\n vmsr fpscr, r0" ::: "d8", "d9", "d31", "r0", "memory");
#endif
	fp_handler_runs++;
}

static void test_fpsimd(void)
{
	/* io[0..1]: what goes into registers 8/31 and 9; io[2..4] what 8, 9, 31 hold after */
	unsigned long long io[5] = { 0x0102030405060708ULL, 0x1122334455667788ULL, 0, 0, 0 };
	unsigned long ctl = 0x00c00000, octl = 0;	/* FPCR/FPSCR RMode: toward zero */
	long pid = my_pid();

	sigaction_raw(SIGUSR2, fp_handler, SA_SIGINFO);
#if defined(__aarch64__)
	{
		register long x0 __asm__("x0") = pid;
		register long x1 __asm__("x1") = SIGUSR2;
		register long x8 __asm__("x8") = __NR_kill;

		__asm__ __volatile__("ldr d8, [%[io]]\n ldr d9, [%[io], #8]\n ldr d31, [%[io]]\n"
				     "msr fpcr, %[ctl]\n"
				     "svc #0\n"
				     "str d8, [%[io], #16]\n str d9, [%[io], #24]\n"
				     "str d31, [%[io], #32]\n"
				     "mrs %[octl], fpcr\n msr fpcr, xzr"
				     : [octl] "=&r"(octl), "+r"(x0)
				     : [io] "r"(io), [ctl] "r"(ctl), "r"(x1), "r"(x8)
				     : "v8", "v9", "v31", "memory");
	}
#else
	{
		register long r0 __asm__("r0") = pid;
		register long r1 __asm__("r1") = SIGUSR2;
		register long r7 __asm__("r7") = __NR_kill;

		__asm__ __volatile__(".fpu neon\n vldr d8, [%[io]]\n vldr d9, [%[io], #8]\n vldr d31, [%[io]]\n"
				     "vmsr fpscr, %[ctl]\n"
				     "svc #0\n"
				     "vstr d8, [%[io], #16]\n vstr d9, [%[io], #24]\n"
				     "vstr d31, [%[io], #32]\n"
				     "vmrs %[octl], fpscr\n"
				     : [octl] "=&r"(octl), "+r"(r0)
				     : [io] "r"(io), [ctl] "r"(ctl), "r"(r1), "r"(r7)
				     : "d8", "d9", "d31", "memory");
		octl &= 0x00c00000;
		__asm__ __volatile__("mov r0, #0\n vmsr fpscr, r0" ::: "r0");
	}
#endif
	ktap_result(fp_handler_runs == 1 && fp_in_frame == io[1],
		    "fpsimd: the handler finds the interrupted register 9 in the frame (%#llx)",
		    fp_in_frame);
	ktap_result(io[2] == io[0] && io[3] == io[1] && io[4] == io[0],
		    "fpsimd: registers 8, 9, 31 are back after the handler zeroed them");
	ktap_result(octl == ctl, "fpsimd: FPCR/FPSCR rounding mode back (%#lx)", octl);
	sigaction_raw(SIGUSR2, 0, 0);
}

/* ---- every register but x0/r0 survives a signal delivered on a syscall's return ---- */
static volatile int regs_handler_runs;

static void clobber_handler(int sig)
{
	regs_handler_runs++;
#if defined(__aarch64__)
	__asm__ __volatile__("mov x9, #1\n mov x10, #1\n mov x15, #1\n mov x16, #1\n mov x17, #1\n"
			     ::: "x9", "x10", "x15", "x16", "x17");
#else
	__asm__ __volatile__("mov r2, #1\n mov r3, #1\n mov r12, #1" ::: "r2", "r3", "r12");
#endif
}

/* what the assembly below saves: the registers after the syscall, and the pid going in */
static unsigned long regs_io[33];

static void test_all_regs(void)
{
	unsigned long bad = 0, *out = regs_io;
	int nbad = 0;

	sigaction_raw(SIGUSR1, clobber_handler, 0);
#if defined(__aarch64__)
	regs_io[32] = my_pid();
	/* x0 = pid, x1 = SIGUSR1, x8 = kill; x2-x7, x9-x30 = 0x1000 + n */
	__asm__ __volatile__(
		"stp x29, x30, [sp, #-16]!\n"
		"adrp x30, regs_io\n add x30, x30, :lo12:regs_io\n"
		"ldr x0, [x30, #256]\n mov x1, #10\n mov x8, #129\n"
		".irp n, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30\n"
		"mov x\\n, #(0x1000 + \\n)\n"
		".endr\n"
		"svc #0\n"
		"str x30, [sp, #-16]!\n"
		"adrp x30, regs_io\n add x30, x30, :lo12:regs_io\n"
		".irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29\n"
		"str x\\n, [x30, #(8 * \\n)]\n"
		".endr\n"
		"ldr x0, [sp], #16\n str x0, [x30, #(8 * 30)]\n"
		"ldp x29, x30, [sp], #16\n"
		:
		:
		: "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
		  "x13", "x14", "x15", "x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",
		  "x24", "x25", "x26", "x27", "x28", "memory");
	for (int n = 1; n < 31; n++) {
		unsigned long want = n == 1 ? 10 : n == 8 ? 129 : 0x1000 + n;

		if (out[n] != want) {
			nbad++;
			bad = n;
		}
	}
	ktap_result(regs_handler_runs == 1 && out[0] == 0 && nbad == 0,
		    "regs: x1-x30 kept across kill() with a handler run (%d wrong, e.g. x%lu = %#lx)",
		    nbad, bad, nbad ? out[bad] : 0);
#else
	regs_io[16] = my_pid();
	/* r0 = pid, r1 = SIGUSR1, r7 = kill (37); r2-r6, r8-r12, r14 = 0x40 + n */
	__asm__ __volatile__(
		"push {r7, r11}\n"
		"movw r14, #:lower16:regs_io\n movt r14, #:upper16:regs_io\n"
		"ldr r0, [r14, #64]\n mov r1, #10\n mov r7, #37\n"
		".irp n, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 14\n"
		"mov r\\n, #(0x40 + \\n)\n"
		".endr\n"
		"svc #0\n"
		"push {r14}\n"
		"movw r14, #:lower16:regs_io\n movt r14, #:upper16:regs_io\n"
		".irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\n"
		"str r\\n, [r14, #(4 * \\n)]\n"
		".endr\n"
		"pop {r0}\n str r0, [r14, #(4 * 14)]\n"
		"pop {r7, r11}\n"
		:
		:
		: "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r12", "r14",
		  "memory");
	for (int n = 1; n < 15; n++) {
		unsigned long want = n == 1 ? 10 : n == 7 ? 37 : 0x40 + n;

		if (n == 13)
			continue;
		if (out[n] != want) {
			nbad++;
			bad = n;
		}
	}
	ktap_result(regs_handler_runs == 1 && out[0] == 0 && nbad == 0,
		    "regs: r1-r12, r14 kept across kill() with a handler run (%d wrong, e.g. r%lu "
		    "= %#lx)", nbad, bad, nbad ? out[bad] : 0);
#endif
	sigaction_raw(SIGUSR1, 0, 0);
}

/* ---- restart: a pipe read interrupted by a signal ---- */
static volatile int restart_runs;

static void count_handler(int sig)
{
	restart_runs++;
}

/*
 * read(fd, buf, 1) through svc, with the number built by an instruction just before the svc
 * that would change it if executed twice (a restart that rewinds too far).
 */
extern long read_a64(long fd, void *buf, long n);
extern long read_a32(long fd, void *buf, long n);
extern long read_t32(long fd, void *buf, long n);
#if defined(__aarch64__)
__asm__(".text\n.globl read_a64\n.type read_a64, %function\nread_a64:\n"
	"mov x8, #0\n add x8, x8, #63\n svc #0\n ret\n");
#else
__asm__(".text\n.arm\n.globl read_a32\n.type read_a32, %function\nread_a32:\n"
	"push {r7}\n mov r7, #0\n add r7, r7, #3\n svc #0\n pop {r7}\n bx lr\n"
	".syntax unified\n.thumb\n.globl read_t32\n.type read_t32, %function\n.thumb_func\nread_t32:\n"
	"push {r7}\n movs r7, #0\n adds r7, #3\n svc #0\n pop {r7}\n bx lr\n.arm\n");
#endif

static void test_restart_one(const char *how, long (*rd)(long, void *, long), int restart)
{
	int fds[2], status;
	char c = 0;
	long pid, r;

	restart_runs = 0;
	sigaction_raw(SIGUSR1, count_handler, restart ? SA_RESTART : 0);
	sys(pipe2, fds, 0);
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		long parent = sys(getppid);

		sleep_ms(150);
		sys(kill, parent, SIGUSR1);
		sleep_ms(100);
		sys(write, fds[1], "x", 1);
		sys(exit_group, 0);
	}
	r = rd(fds[0], &c, 1);
	if (restart)
		ktap_result(r == 1 && c == 'x' && restart_runs == 1,
			    "restart %s: SA_RESTART read restarted and got the byte (%ld, %d runs)",
			    how, r, restart_runs);
	else
		ktap_result(r == -EINTR && restart_runs == 1,
			    "restart %s: without SA_RESTART read fails with EINTR (%ld)", how, r);
	sys(wait4, pid, &status, 0, 0);
	sys(close, fds[0]);
	sys(close, fds[1]);
	sigaction_raw(SIGUSR1, 0, 0);
}

static void test_restart(void)
{
#if defined(__aarch64__)
	test_restart_one("A64 svc", read_a64, 1);
	test_restart_one("A64 svc", read_a64, 0);
#else
	test_restart_one("A32 svc", read_a32, 1);
	test_restart_one("A32 svc", read_a32, 0);
	test_restart_one("Thumb svc", read_t32, 1);
	test_restart_one("Thumb svc", read_t32, 0);
#endif
}

/* ---- frames sigreturn must refuse: only the process dies, of SIGSEGV ---- */
static int forge_kind;

static void forge_handler(int sig, struct siginfo_head *info, void *uc)
{
	struct mcontext *mc = mctx(uc);

#if defined(__aarch64__)
	struct ctx_head *h = (struct ctx_head *)mc->reserved;

	switch (forge_kind) {
	case 0: h->magic ^= 1; break;			/* FP/SIMD record: bad magic */
	case 1: h->size -= 16; break;			/* ... and a bad size */
	case 2: mc->pstate = (mc->pstate & ~0xfUL) | 0x5; break;	/* EL1h */
	case 3: mc->pstate |= 0x10; break;		/* nRW: AArch32 */
	case 4: mc->pstate |= 0x80; break;		/* IRQs masked */
	}
#else
	unsigned long *vfp = (unsigned long *)((char *)uc + UC_REGSPACE);

	switch (forge_kind) {
	case 0: vfp[0] ^= 1; break;			/* VFP block: bad magic */
	case 1: vfp[1] -= 8; break;			/* ... and a bad size */
	case 2: mc->cpsr = (mc->cpsr & ~0x1fUL) | 0x13; break;	/* SVC mode */
	case 3: mc->cpsr &= ~0x1fUL; break;		/* nRW: AArch64 EL0t */
	case 4: mc->cpsr |= 0x80; break;		/* IRQs masked */
	}
#endif
}

static void test_forged(int kind, const char *what)
{
	long pid;
	int status = -1;

	forge_kind = kind;
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		sigaction_raw(SIGUSR1, forge_handler, SA_SIGINFO);
		raise_sig(SIGUSR1);
		sys(exit_group, 0);	/* the frame was taken: a failure */
	}
	sys(wait4, pid, &status, 0, 0);
	ktap_result((status & 0x7f) == SIGSEGV, "badframe %s: the process dies of SIGSEGV "
		    "(status %#x)", what, status);
}

int main(int argc, char **argv)
{
	int forged = argc > 1 && !strcmp(argv[1], "forged");

#if defined(__aarch64__)
	ktap_plan(34 + (forged ? 3 : 0));
#else
	ktap_plan(34 + (forged ? 3 : 0));
#endif
	test_faults();
	test_trampoline();
#if defined(__arm__)
	test_arm_frames();
#endif
	test_fpsimd();
	test_all_regs();
	test_restart();
	test_forged(0, "FP/SIMD record magic");
	test_forged(1, "FP/SIMD record size");
	if (forged) {
		test_forged(2, "PSTATE privileged mode");
		test_forged(3, "PSTATE other execution state (nRW)");
		test_forged(4, "PSTATE interrupts masked");
	}
	return ktap_finish();
}
