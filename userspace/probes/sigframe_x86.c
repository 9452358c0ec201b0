/*
 * x86 signal frames (issue 13, docs/signals.md "x86"), for x86_64 and i386, checked on Ferry
 * and, under qemu-user, against Linux's rules:
 *   - a handler's siginfo and ucontext: si_code/si_addr and the context's trapno/err/cr2 of
 *     each fault (#PF, #UD, int3, #DE, #GP), the stack alignment at entry, uc_flags;
 *   - a handler that edits its ucontext (a register, the instruction pointer to skip the
 *     faulting instruction) changes what the program resumes with;
 *   - the FPU: the handler starts with a reset FPU, the frame's FXSAVE image has the
 *     program's registers (and the XSAVE magic words when uc_flags says so), an edit to
 *     it is restored, and the program's own registers come back after the handler;
 *   - sigreturn with forged CS/SS selectors (GDT, LDT, null, past the GDT, RPL 0-3, the
 *     other mode's code) and (x86_64) non-canonical or unmapped RIP: a valid user state is
 *     applied or the process gets SIGSEGV, whose frame has the restored registers and
 *     which a handler can repair; the kernel survives (selftests' sigreturn idea);
 *   - sysret_rip's idea (x86_64): sigreturn to 1<<48..1<<63, a syscall returning to the
 *     first address above the last user page;
 *   - NT, AC, DF and TF set across a syscall on both routes of each ABI (syscall_nt), one
 *     SIGTRAP per instruction when single-stepping over one (single_step_syscall);
 *   - a read of an empty pipe interrupted by a signal, with and without SA_RESTART, on each
 *     route: syscall (x86_64), int $0x80 and the vDSO's __kernel_vsyscall (i386);
 *   - the old (non-rt) i386 frame through sigaction(2) and sigreturn(2).
 * Everything is built here: a pipe, a child that sends the signal; nothing from the host.
 */
#include <ferry/probe.h>
#include <ferry/usys.h>

#if !defined(__x86_64__) && !defined(__i386__)
int main(void)
{
	printf("KTAP version 1\n1..0 # SKIP x86 only\n");
	return 0;
}
#else

#define SIGTRAP 5
#define SIGILL 4
#define SIGFPE 8
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SI_KERNEL 0x80
#define SI_USER 0
#define SI_TKILL (-6)
#define EINTR 4
#define UC_FP_XSTATE 1
#define UC_SIGCONTEXT_SS 2
#define UC_STRICT_RESTORE_SS 4
#define FP_XSTATE_MAGIC1 0x46505853U
#define FP_XSTATE_MAGIC2 0x46505845U

typedef struct {
	int si_signo, si_errno, si_code;
	union {
		void *addr;
		struct { int pid, uid; } kill;
	} f;
} ksiginfo;

#if defined(__x86_64__)
struct sigctx {
	unsigned long r8, r9, r10, r11, r12, r13, r14, r15;
	unsigned long di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	unsigned short cs, gs, fs, ss;
	unsigned long err, trapno, oldmask, cr2, fpstate, reserved1[8];
};
struct kucontext {
	unsigned long uc_flags;
	void *uc_link;
	struct { void *sp; int flags; unsigned long size; } uc_stack;
	struct sigctx mc;
	unsigned long long mask;
};
#define FXSAVE_OFFSET 0		/* sc.fpstate points at the FXSAVE image */
#define USER_CS 0x33
#else
struct sigctx {
	unsigned short gs, __gsh, fs, __fsh, es, __esh, ds, __dsh;
	unsigned long di, si, bp, sp, bx, dx, cx, ax, trapno, err, ip;
	unsigned short cs, __csh;
	unsigned long flags, sp_at_signal;
	unsigned short ss, __ssh;
	unsigned long fpstate, oldmask, cr2;
};
struct kucontext {
	unsigned long uc_flags;
	void *uc_link;
	struct { void *sp; int flags; unsigned long size; } uc_stack;
	struct sigctx mc;
	unsigned long long mask;
};
#define FXSAVE_OFFSET 112	/* after the i387 FSAVE image */
#define USER_CS 0x23
#endif

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long long mask;
};

/* The restorers, as glibc has them. */
#if defined(__x86_64__)
__asm__(".text\n.globl restore_rt\nrestore_rt:\n\tmov $15, %rax\n\tsyscall\n\thlt\n");
#else
__asm__(".text\n.globl restore_rt\nrestore_rt:\n\tmov $173, %eax\n\tint $0x80\n\thlt\n"
	".globl restore_old\nrestore_old:\n\tpop %eax\n\tmov $119, %eax\n\tint $0x80\n\thlt\n");
extern char restore_old[];
#endif
extern char restore_rt[];

static int set_handler(int sig, void *fn, unsigned long flags)
{
	struct ksigaction sa = { fn, flags | SA_SIGINFO | SA_RESTORER, restore_rt, 0 };

	return sys(rt_sigaction, sig, &sa, 0, 8);
}

static int reset_handler(int sig)
{
	struct ksigaction sa = { 0, SA_RESTORER, restore_rt, 0 };

	return sys(rt_sigaction, sig, &sa, 0, 8);
}

/* What the last handler saw. */
static volatile int h_sig, h_code, h_count;
static volatile unsigned long h_addr, h_trapno, h_err, h_cr2, h_ip, h_sp, h_ucflags, h_cs;
static volatile unsigned long h_entry_sp;
static void *volatile h_resume;		/* where the handler sends the program, if set */
static volatile unsigned long h_set_ax;	/* ...with this in the ax register */

static void record(int sig, ksiginfo *si, struct kucontext *uc)
{
	h_sig = sig;
	h_code = si->si_code;
	h_addr = (unsigned long)si->f.addr;
	h_trapno = uc->mc.trapno;
	h_err = uc->mc.err;
	h_cr2 = uc->mc.cr2;
	h_ip = uc->mc.ip;
	h_sp = uc->mc.sp;
	h_cs = uc->mc.cs;
	h_ucflags = uc->uc_flags;
	h_count++;
}

/* Records, then resumes at h_resume with ax = h_set_ax: the skip-the-instruction handler. */
static void fault_handler(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	record(sig, si, uc);
	if (h_resume) {
		uc->mc.ip = (unsigned long)h_resume;
		uc->mc.ax = h_set_ax;
	}
}

static void reset_record(void)
{
	h_sig = h_code = h_count = 0;
	h_addr = h_trapno = h_err = h_cr2 = h_ip = h_sp = h_ucflags = h_cs = 0;
	h_resume = 0;
	h_set_ax = 0;
}

/* ---- faults: each instruction is followed by a label the handler resumes at ---- */
#if defined(__x86_64__)
#define AX "rax"
#else
#define AX "eax"
#endif

extern char pf_insn[], pf_after[], ud_insn[], ud_after[], bp_insn[], bp_after[];
extern char de_insn[], de_after[], gp_insn[], gp_after[];

static __attribute__((noinline)) unsigned long fault_pf(unsigned long addr)
{
	unsigned long ret;

	__asm__ __volatile__("xor %%" AX ", %%" AX "\n"
			     "pf_insn: movl $1, (%1)\n"
			     "pf_after:\n"
			     : "=&a"(ret) : "r"(addr) : "memory");
	return ret;
}

static __attribute__((noinline)) unsigned long fault_ud(void)
{
	unsigned long ret;

	__asm__ __volatile__("xor %%" AX ", %%" AX "\n"
			     "ud_insn: ud2\n"
			     "ud_after:\n" : "=&a"(ret) : : "memory");
	return ret;
}

static __attribute__((noinline)) unsigned long fault_bp(void)
{
	unsigned long ret;

	__asm__ __volatile__("xor %%" AX ", %%" AX "\n"
			     "bp_insn: int3\n"
			     "bp_after:\n" : "=&a"(ret) : : "memory");
	return ret;
}

static __attribute__((noinline)) unsigned long fault_de(void)
{
	unsigned long ret;

	__asm__ __volatile__("xor %%edx, %%edx\n"
			     "mov $7, %%eax\n"
			     "xor %%ecx, %%ecx\n"
			     "de_insn: divl %%ecx\n"
			     "de_after:\n" : "=&a"(ret) : : "ecx", "edx", "memory");
	return ret;
}

static __attribute__((noinline)) unsigned long fault_gp(void)
{
	unsigned long ret;

	__asm__ __volatile__("xor %%" AX ", %%" AX "\n"
			     "gp_insn: hlt\n"
			     "gp_after:\n" : "=&a"(ret) : : "memory");
	return ret;
}

static void test_faults(void)
{
	unsigned long r, bad = 0x10000;	/* never mapped in a static probe (below the text) */

	set_handler(SIGSEGV, fault_handler, 0);
	set_handler(SIGILL, fault_handler, 0);
	set_handler(SIGTRAP, fault_handler, 0);
	set_handler(SIGFPE, fault_handler, 0);

	reset_record();
	h_resume = pf_after;
	h_set_ax = 0x5a5a;
	r = fault_pf(bad);
	ktap_result(h_sig == SIGSEGV && h_code == 1 && h_addr == bad,
		    "page fault: SIGSEGV SEGV_MAPERR si_addr (sig %d code %d addr %#lx)",
		    h_sig, h_code, h_addr);
	ktap_result(h_trapno == 14 && h_cr2 == bad && h_err == 6 && h_ip == (unsigned long)pf_insn,
		    "page fault: trapno 14, err 6 (user write), cr2, ip of the store (%lu %#lx %#lx)",
		    h_trapno, h_err, h_cr2);
	ktap_result(r == 0x5a5a, "handler's ax and ip edits are what the program resumes with (%#lx)", r);

	reset_record();
	h_resume = ud_after;
	h_set_ax = 1;
	r = fault_ud();
	ktap_result(h_sig == SIGILL && h_code == 2 && h_addr == (unsigned long)ud_insn &&
		    h_trapno == 6 && r == 1,
		    "ud2: SIGILL ILL_ILLOPN at the instruction, trapno 6 (code %d trapno %lu)",
		    h_code, h_trapno);

	reset_record();
	h_resume = 0;
	r = fault_bp();
	ktap_result(h_sig == SIGTRAP && h_code == SI_KERNEL && h_ip == (unsigned long)bp_after &&
		    h_trapno == 3,
		    "int3: SIGTRAP SI_KERNEL, ip after the int3, trapno 3 (code %d ip %#lx trapno %lu)",
		    h_code, h_ip, h_trapno);

	reset_record();
	h_resume = de_after;
	h_set_ax = 3;
	r = fault_de();
	ktap_result(h_sig == SIGFPE && h_code == 1 && h_addr == (unsigned long)de_insn &&
		    h_trapno == 0 && r == 3,
		    "divide by zero: SIGFPE FPE_INTDIV at the div, trapno 0 (code %d trapno %lu)",
		    h_code, h_trapno);

	reset_record();
	h_resume = gp_after;
	h_set_ax = 4;
	r = fault_gp();
	ktap_result(h_sig == SIGSEGV && h_code == SI_KERNEL && h_addr == 0 && h_trapno == 13 &&
		    h_err == 0 && r == 4,
		    "hlt (#GP): SIGSEGV SI_KERNEL, si_addr 0, trapno 13, err 0 (code %d addr %#lx trapno %lu)",
		    h_code, h_addr, h_trapno);
}

/* ---- a plain signal: siginfo, alignment, uc_flags ---- */
static void usr_handler(int sig, ksiginfo *si, void *ctx)
{
	unsigned long sp;

#if defined(__x86_64__)
	__asm__ __volatile__("lea 8(%%rsp), %0" : "=r"(sp));	/* not exact: see below */
#endif
	(void)sp;
	record(sig, si, ctx);
}

/* The stack pointer at the handler's first instruction, without a compiler prologue. */
extern void entry_sp_handler(int, ksiginfo *, void *);
#if defined(__x86_64__)
__asm__(".text\n.globl entry_sp_handler\nentry_sp_handler:\n"
	"\tmov %rsp, h_entry_sp(%rip)\n\tret\n");
#else
__asm__(".text\n.globl entry_sp_handler\nentry_sp_handler:\n"
	"\tmov %esp, h_entry_sp\n\tret\n");
#endif

static void test_plain(void)
{
	int pid = sys(getpid);

	set_handler(SIGUSR1, usr_handler, 0);
	reset_record();
	sys(kill, pid, SIGUSR1);
	ktap_result(h_count == 1 && h_sig == SIGUSR1 && h_code == SI_USER, "kill: the handler ran, SI_USER");
#if defined(__x86_64__)
	ktap_result((h_ucflags & (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS)) ==
		    (UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS) && h_cs == USER_CS,
		    "uc_flags has UC_SIGCONTEXT_SS and UC_STRICT_RESTORE_SS, cs 0x33 (%#lx)", h_ucflags);
#else
	ktap_result((h_ucflags & ~(unsigned long)UC_FP_XSTATE) == 0 && h_cs == USER_CS,
		    "i386 uc_flags: at most UC_FP_XSTATE, cs 0x23 (%#lx)", h_ucflags);
#endif
	set_handler(SIGUSR1, entry_sp_handler, 0);
	h_entry_sp = 0;
	sys(kill, pid, SIGUSR1);
#if defined(__x86_64__)
	ktap_result(h_entry_sp && (h_entry_sp + 8) % 16 == 0,
		    "x86_64 handler entry: (rsp + 8) %% 16 == 0 (%#lx)", h_entry_sp);
#else
	ktap_result(h_entry_sp && (h_entry_sp + 4) % 16 == 0,
		    "i386 handler entry: (esp + 4) %% 16 == 0 (%#lx)", h_entry_sp);
#endif
	reset_handler(SIGUSR1);
}

/* ---- the FPU across a handler ---- */
static volatile unsigned int f_mxcsr_in, f_xmm0_in[4], f_frame_xmm0[4], f_magic1, f_magic2;
static volatile unsigned long f_fpstate;

__attribute__((target("sse2"))) static void fpu_handler(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;
	unsigned int x[4] __attribute__((aligned(16)));
	unsigned int mx;
	unsigned char *fx;

	__asm__ __volatile__("stmxcsr %0\n\tmovdqu %%xmm0, %1" : "=m"(mx), "=m"(x));
	f_mxcsr_in = mx;
	for (int i = 0; i < 4; i++)
		f_xmm0_in[i] = x[i];
	f_fpstate = uc->mc.fpstate;
	if (f_fpstate) {
		fx = (unsigned char *)uc->mc.fpstate + FXSAVE_OFFSET;
		memcpy((void *)f_frame_xmm0, fx + 160, 16);
		/* edit xmm1 in the frame: the program must get it back */
		for (int i = 0; i < 16; i++)
			fx[176 + i] = 0xa0 + i;
		f_magic1 = *(unsigned int *)(fx + 464);
		if (f_magic1 == FP_XSTATE_MAGIC1)
			f_magic2 = *(unsigned int *)(fx + *(unsigned int *)(fx + 464 + 16));
	}
	h_ucflags = uc->uc_flags;
	/* clobber what the program had */
	__asm__ __volatile__("pxor %%xmm0, %%xmm0\n\tpcmpeqd %%xmm2, %%xmm2\n\t"
			     "movl $0x1f00, %0\n\tldmxcsr %0" : "=m"(mx) : : "xmm0", "xmm2");
	h_count++;
}

__attribute__((target("sse2"))) static void test_fpu(void)
{
	unsigned int in[4] __attribute__((aligned(16))) = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };
	unsigned int out0[4] __attribute__((aligned(16))), out1[4] __attribute__((aligned(16)));
	unsigned int out2[4] __attribute__((aligned(16)));
	unsigned int mx_set = 0x1fc0, mx_after = 0;	/* DAZ set: not the default 0x1f80 */
	int pid = sys(getpid), ok1 = 1;

	set_handler(SIGUSR1, fpu_handler, 0);
	reset_record();
	__asm__ __volatile__(
		"movdqu %[in], %%xmm0\n\t"
		"movdqu %[in], %%xmm2\n\t"
		"ldmxcsr %[mxs]\n\t"
#if defined(__x86_64__)
		"mov $62, %%eax\n\tsyscall\n\t"
#else
		"push %%ebx\n\tmov %[pid], %%ebx\n\tmov $37, %%eax\n\tint $0x80\n\tpop %%ebx\n\t"
#endif
		"movdqu %%xmm0, %[o0]\n\t"
		"movdqu %%xmm1, %[o1]\n\t"
		"movdqu %%xmm2, %[o2]\n\t"
		"stmxcsr %[mxa]\n\t"
		: [o0] "=m"(out0), [o1] "=m"(out1), [o2] "=m"(out2), [mxa] "=m"(mx_after)
		: [in] "m"(in), [mxs] "m"(mx_set),
#if defined(__x86_64__)
		  "D"((long)pid), "S"((long)SIGUSR1)
		: "rax", "rcx", "r11", "xmm0", "xmm1", "xmm2", "memory");
#else
		  [pid] "m"(pid), "c"((long)SIGUSR1)
		: "eax", "xmm0", "xmm1", "xmm2", "memory");
#endif
	ktap_result(h_count == 1 && f_mxcsr_in == 0x1f80 && !f_xmm0_in[0] && !f_xmm0_in[3],
		    "handler starts with a reset FPU: MXCSR 0x1f80, xmm0 0 (%#x %#x)",
		    f_mxcsr_in, f_xmm0_in[0]);
	ktap_result(f_fpstate && f_frame_xmm0[0] == in[0] && f_frame_xmm0[3] == in[3],
		    "the frame's FXSAVE image holds the program's xmm0 (%#x)", f_frame_xmm0[0]);
	/* Linux writes magic1 even with FXSAVE only; magic2 is there with UC_FP_XSTATE. */
	ktap_result(f_magic1 == FP_XSTATE_MAGIC1 &&
		    (!(h_ucflags & UC_FP_XSTATE) || f_magic2 == FP_XSTATE_MAGIC2),
		    "magic1 in sw_reserved, with UC_FP_XSTATE magic2 after the XSAVE area (%#x %#x)",
		    f_magic1, f_magic2);
	for (int i = 0; i < 4; i++)
		ok1 &= out0[i] == in[i] && out2[i] == in[i];
	ktap_result(ok1 && mx_after == mx_set,
		    "after sigreturn: xmm0, xmm2 and MXCSR are the program's again (%#x %#x)",
		    out0[0], mx_after);
	ktap_result(out1[0] == 0xa3a2a1a0 && out1[3] == 0xafaeadac,
		    "an edit of xmm1 in the frame is restored (%#x)", out1[0]);
	reset_handler(SIGUSR1);
}

/* ---- forged sigreturns: the SIGSEGV they cause is the process's, and repairable ---- */
/*
 * The handler of SIGUSR2 edits its ucontext as forge[forge_kind] says; sigreturn either
 * applies a valid user state (the program carries on: "resumes") or the process gets a
 * signal whose frame shows the refused state, and whose handler puts the saved state back.
 * Selectors, after sigreturn ORs RPL 3: USER_CS/USER_DS with RPL 0-2 are made valid; the
 * kernel's, the TSS, an LDT selector (there is no LDT), the null selector, one past the GDT
 * and the other ABI's user CS are not or lead elsewhere (the other mode's code traps).
 */
enum { RESUMES, SEGV_GP, SEGV_AT_IP, SEGV_MAPERR_AT_IP, TRAP_IN_OTHER_MODE, SEGV_IF_XSTATE };
#if defined(__x86_64__)
#define USER_DS 0x2b
#define OTHER_CS 0x23			/* 32-bit user code (compatibility mode) */
#else
#define USER_DS 0x2b
#define OTHER_CS 0x33			/* 64-bit user code, from a 32-bit program */
#endif
extern char mode_stub[];		/* int3: the same byte in 32-bit and 64-bit code */
__asm__(".text\n.globl mode_stub\nmode_stub:\n\tint3\n\tint3\n");

struct forge {
	const char *what;
	int field;		/* 0 cs, 1 ss, 2 ip, 3 ss without UC_STRICT_RESTORE_SS,
				 * 4 a reserved word of the XSAVE header (value: its byte offset) */
	unsigned long value;
	int expect;
};
static const struct forge forges[] = {
	{ "kernel CS", 0, 0x10, SEGV_GP },		/* the kernel's CS: DPL 0 */
	{ "TSS as SS", 1, 0x43, SEGV_GP },
	{ "LDT CS", 0, 0x07, SEGV_GP },			/* an LDT selector: there is no LDT */
	{ "user CS with RPL 0", 0, USER_CS & ~3, RESUMES },
	{ "user CS with RPL 1", 0, (USER_CS & ~3) | 1, RESUMES },
	{ "user CS with RPL 2", 0, (USER_CS & ~3) | 2, RESUMES },
	{ "user SS with RPL 0", 1, USER_DS & ~3, RESUMES },
	{ "null CS", 0, 0, SEGV_GP },
	{ "CS past the GDT", 0, 0xfff8, SEGV_GP },
	{ "kernel DS as SS", 1, 0x18, SEGV_GP },
	{ "user CS as SS", 1, USER_CS, SEGV_GP },
	{ "LDT SS", 1, 0x0f, SEGV_GP },
	{ "the other ABI's user CS", 0, OTHER_CS, TRAP_IN_OTHER_MODE },
	/* XSAVE header bytes 16..63 must be zero (Linux's validate_user_xstate_header); a
	 * frame without UC_FP_XSTATE (FXSAVE only) has no header, and resumes. */
	{ "XSAVE header byte 24 set", 4, 24, SEGV_IF_XSTATE },
	{ "XSAVE header byte 56 set", 4, 56, SEGV_IF_XSTATE },
#if defined(__x86_64__)
	{ "non-canonical RIP 1<<47", 2, 1UL << 47, SEGV_AT_IP },
	{ "RIP in the unmapped top page", 2, (1UL << 47) - 4096, SEGV_MAPERR_AT_IP },
	{ "RIP in the kernel half", 2, 0xffff800000000000UL, SEGV_AT_IP },
	{ "TSS as SS without UC_STRICT_RESTORE_SS", 3, 0x43, RESUMES },	/* force_valid_ss */
#endif
};
#define NFORGES (int)(sizeof(forges) / sizeof(forges[0]))

static volatile int forge_kind;
static struct sigctx good;
static unsigned char low_stack[16384] __attribute__((aligned(16)));	/* .bss: below 4 GiB */
static volatile int segv_seen, regs_bad, other_mode_traps, forge_had_xstate;
static volatile unsigned long segv_ip, segv_cs, segv_code, segv_trapno, trap_cs, trap_ip;

static void forge_handler(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;
	const struct forge *f = &forges[forge_kind];

	good = uc->mc;
	switch (f->field) {
	case 0:
		uc->mc.cs = f->value;
		if (f->expect == TRAP_IN_OTHER_MODE) {
			uc->mc.ip = (unsigned long)mode_stub;
			/* a stack below 4 GiB: 32-bit code only has ESP (iretq truncates it) */
			uc->mc.sp = (unsigned long)(low_stack + sizeof(low_stack) - 64);
		}
		break;
	case 1: uc->mc.ss = f->value; break;
	case 2: uc->mc.ip = f->value; break;
#if defined(__x86_64__)
	case 3: uc->mc.ss = f->value; uc->uc_flags &= ~(unsigned long)UC_STRICT_RESTORE_SS; break;
#endif
	case 4:
		forge_had_xstate = (uc->uc_flags & UC_FP_XSTATE) && uc->mc.fpstate;
		if (forge_had_xstate)
			*(volatile unsigned char *)(uc->mc.fpstate + FXSAVE_OFFSET + 512 + f->value) = 1;
		break;
	}
}

/*
 * The general registers the SIGSEGV frame shows must be the ones sigreturn restored (the
 * saved state), not the kernel's: a refused iretq must not leave kernel values in them.
 */
static int regs_differ(const struct sigctx *a, const struct sigctx *b)
{
	int n = 0;

	n += a->ax != b->ax; n += a->bx != b->bx; n += a->cx != b->cx; n += a->dx != b->dx;
	n += a->si != b->si; n += a->di != b->di; n += a->bp != b->bp; n += a->sp != b->sp;
#if defined(__x86_64__)
	n += a->r8 != b->r8; n += a->r9 != b->r9; n += a->r10 != b->r10; n += a->r11 != b->r11;
	n += a->r12 != b->r12; n += a->r13 != b->r13; n += a->r14 != b->r14; n += a->r15 != b->r15;
#endif
	return n;
}

static void segv_repair(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	segv_seen++;
	segv_ip = uc->mc.ip;
	segv_cs = uc->mc.cs;
	segv_code = si->si_code;
	segv_trapno = uc->mc.trapno;
	regs_bad += regs_differ(&uc->mc, &good);
	uc->mc = good;
	/* The refused frame's FPU area lies under this one now: return with a reset FPU. */
	if (forges[forge_kind].field == 4)
		uc->mc.fpstate = 0;
}

static void other_mode_trap(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	other_mode_traps++;
	trap_cs = uc->mc.cs;
	trap_ip = uc->mc.ip;
	uc->mc = good;
}

static void test_forged(void)
{
	int pid = sys(getpid), regs_first_bad = -1;

	set_handler(SIGUSR2, forge_handler, 0);
	set_handler(SIGSEGV, segv_repair, SA_NODEFER);
	set_handler(SIGTRAP, other_mode_trap, 0);
	regs_bad = 0;
	for (int k = 0; k < NFORGES; k++) {
		const struct forge *f = &forges[k];
		int before = regs_bad;
		long r;

		forge_kind = k;
		segv_seen = other_mode_traps = 0;
		r = sys(kill, pid, SIGUSR2);
		if (regs_bad != before && regs_first_bad < 0)
			regs_first_bad = k;
		switch (f->expect) {
		case RESUMES:
			ktap_result(segv_seen == 0 && r == 0,
				    "sigreturn with %s: made valid, the program resumes (segv %d r %ld)",
				    f->what, segv_seen, r);
			break;
		case SEGV_GP:
			ktap_result(segv_seen == 1 && segv_code == SI_KERNEL && segv_trapno == 13,
				    "sigreturn with %s: SIGSEGV SI_KERNEL trapno 13, repaired (seen %d code %#lx trapno %lu)",
				    f->what, segv_seen, segv_code, segv_trapno);
			break;
		case SEGV_AT_IP:
			ktap_result(segv_seen == 1 && segv_ip == f->value,
				    "sigreturn to %s: SIGSEGV with that RIP in the frame (seen %d ip %#lx)",
				    f->what, segv_seen, segv_ip);
			break;
		case SEGV_MAPERR_AT_IP:
			ktap_result(segv_seen == 1 && segv_code == 1 && segv_ip == f->value,
				    "sigreturn to %s: SIGSEGV SEGV_MAPERR at it (seen %d code %lu ip %#lx)",
				    f->what, segv_seen, segv_code, segv_ip);
			break;
		case SEGV_IF_XSTATE:
			ktap_result(forge_had_xstate ? segv_seen == 1 && segv_code == SI_KERNEL :
				    segv_seen == 0 && r == 0,
				    "sigreturn with %s: %s (xstate %d segv %d code %#lx)", f->what,
				    forge_had_xstate ? "SIGSEGV SI_KERNEL" : "no XSAVE header, resumes",
				    forge_had_xstate, segv_seen, segv_code);
			break;
		case TRAP_IN_OTHER_MODE:
			ktap_result(segv_seen == 0 && other_mode_traps == 1 && trap_cs == OTHER_CS &&
				    trap_ip == (unsigned long)mode_stub + 1,
				    "sigreturn with %s: runs the stub in that mode, its int3 traps there "
				    "(traps %d cs %#lx ip %#lx)", f->what, other_mode_traps, trap_cs, trap_ip);
			break;
		}
	}
	ktap_result(regs_bad == 0,
		    "every SIGSEGV frame after a refused sigreturn has the restored general registers "
		    "(%d differ, first with %s)", regs_bad,
		    regs_first_bad < 0 ? "none" : forges[regs_first_bad].what);
	reset_handler(SIGUSR2);
	reset_handler(SIGSEGV);
	reset_handler(SIGTRAP);
}

#if defined(__x86_64__)
/* ---- sysret_rip: returns to addresses sysretq must not be used for ---- */
/*
 * sigreturn to 1 << n for n = 48..63 (non-canonical: iretq refuses them, SIGSEGV with that
 * RIP, registers intact); and a syscall at the very end of the highest page user space can
 * map (TASK_SIZE is 2^47 - 4096): it returns to 0x7ffffffff000, canonical but never mapped,
 * so the process takes SIGSEGV MAPERR there with the syscall's result and RCX/R11 as the
 * syscall instruction left them. The page above cannot be mapped (ENOMEM).
 */
static volatile unsigned long high_ip;
static void high_forge_handler(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	good = uc->mc;
	uc->mc.ip = high_ip;
}

static void *volatile sc_resume;
static volatile unsigned long sc_ax, sc_cx, sc_r11, sc_addr, sc_ip, sc_code;
static volatile int sc_seen;

static void sc_segv(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	sc_seen++;
	sc_ax = uc->mc.ax;
	sc_cx = uc->mc.cx;
	sc_r11 = uc->mc.r11;
	sc_ip = uc->mc.ip;
	sc_code = si->si_code;
	sc_addr = (unsigned long)si->f.addr;
	uc->mc.ip = (unsigned long)sc_resume;
}

extern char sc_back[];

static void test_sysret_rip(void)
{
	unsigned long top = (1UL << 47) - 4096, page = top - 4096;
	int pid = sys(getpid), bad = 0, first = 0;
	long r;

	set_handler(SIGUSR2, high_forge_handler, 0);
	set_handler(SIGSEGV, segv_repair, SA_NODEFER);
	regs_bad = 0;
	for (int n = 48; n < 64; n++) {
		high_ip = 1UL << n;
		segv_seen = 0;
		sys(kill, pid, SIGUSR2);
		if (segv_seen != 1 || segv_ip != high_ip || segv_code != SI_KERNEL) {
			bad++;
			if (!first)
				first = n;
		}
	}
	ktap_result(bad == 0 && regs_bad == 0,
		    "sigreturn to 1<<48 .. 1<<63: SIGSEGV SI_KERNEL with that RIP, registers intact "
		    "(%d wrong, first 1<<%d; %d registers differ)", bad, first, regs_bad);

	r = sys(mmap, top, 4096, 7, 0x32 /* MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED */, -1, 0);
	ktap_result(r == -12, "mmap of the top page 0x7ffffffff000: ENOMEM (%ld)", r);
	if (r >= 0)
		sys(munmap, top, 4096);

	/*
	 * The last user page is usually the top of the stack (no ASLR here or with Linux's
	 * norandmaps): make it executable for a moment and put the syscall in its last two
	 * bytes (the end of the auxiliary data, unused by now); map it if it is free.
	 */
	r = sys(mprotect, page, 4096, 7);
	if (r == -12)
		r = sys(mmap, page, 4096, 7, 0x32, -1, 0) == (long)page ? 0 : -1;
	if (r) {
		ktap_result(0, "make the last user page 0x7fffffffe000 executable (%ld)", r);
	} else {
		unsigned char *code = (unsigned char *)page, saved[2] = { code[4094], code[4095] };
		unsigned long flags_in;

		code[4094] = 0x0f;	/* syscall, ending at 2^47 - 4096 */
		code[4095] = 0x05;
		set_handler(SIGSEGV, sc_segv, 0);
		sc_resume = sc_back;
		__asm__ __volatile__("pushfq\n\tpop %0" : "=r"(flags_in));
		__asm__ __volatile__("mov $39, %%eax\n\t"
				     "jmp *%0\n"
				     "sc_back:\n"
				     : : "r"(page + 4094) : "rax", "rcx", "r11", "memory");
		code[4094] = saved[0];
		code[4095] = saved[1];
		sys(mprotect, page, 4096, 3);
		ktap_result(sc_seen == 1 && sc_code == 1 && sc_addr == top && sc_ip == top &&
			    sc_ax == (unsigned long)pid && sc_cx == top &&
			    (sc_r11 & 0xcd5) == (flags_in & 0xcd5),
			    "syscall returning to 0x7ffffffff000: getpid's result, then SIGSEGV MAPERR "
			    "there, RCX = that address (seen %d code %lu addr %#lx ax %#lx cx %#lx)",
			    sc_seen, sc_code, sc_addr, sc_ax, sc_cx);
	}
	reset_handler(SIGUSR2);
	reset_handler(SIGSEGV);
}
#endif

/* ---- NT and TF across a syscall; single steps over one ---- */
static volatile int traps;
static volatile unsigned long trap_ips[64];

static void trap_handler(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	if (traps < 64)
		trap_ips[traps] = uc->mc.ip;
	traps++;
}

#define X86_EFLAGS_TF 0x100
#define X86_EFLAGS_DF 0x400
#define X86_EFLAGS_NT 0x4000
#define X86_EFLAGS_AC 0x40000

/*
 * getpid by one route with extra EFLAGS bits set by popf just before it: route 0 is the
 * ABI's own instruction (syscall on x86_64, int $0x80 on i386), route 1 the other one the
 * kernel accepts (int $0x80 from 64-bit code; the vDSO's __kernel_vsyscall on i386: sysenter
 * on Intel, syscall on AMD). Each asm has a label right after the instruction (after the
 * call, for the vDSO); the flags are read with pushf there, then reset.
 */
extern char step_after_sc[], step_after_alt[];
#if defined(__i386__)
static void *vsyscall;
#endif

static __attribute__((noinline)) unsigned long syscall_with_flags(int route, unsigned long extra,
								  long *ret)
{
	unsigned long flags;
	long r;

#if defined(__x86_64__)
	if (route == 0)
		__asm__ __volatile__("pushfq\n\tor %[x], (%%rsp)\n\tpopfq\n\t"
				     "mov $39, %%eax\n\tsyscall\n"
				     "step_after_sc:\n\t"
				     "pushfq\n\tpop %[f]\n\t"
				     "pushq $0x202\n\tpopfq\n"
				     : [f] "=r"(flags), "=&a"(r) : [x] "r"(extra) : "rcx", "r11", "memory");
	else
		__asm__ __volatile__("pushfq\n\tor %[x], (%%rsp)\n\tpopfq\n\t"
				     "mov $20, %%eax\n\tint $0x80\n"
				     "step_after_alt:\n\t"
				     "pushfq\n\tpop %[f]\n\t"
				     "pushq $0x202\n\tpopfq\n"
				     : [f] "=r"(flags), "=&a"(r) : [x] "r"(extra)
				     : "r8", "r9", "r10", "r11", "memory");
#else
	if (route == 0)
		__asm__ __volatile__("pushfl\n\tor %[x], (%%esp)\n\tpopfl\n\t"
				     "mov $20, %%eax\n\tint $0x80\n"
				     "step_after_sc:\n\t"
				     "pushfl\n\tpop %[f]\n\t"
				     "pushl $0x202\n\tpopfl\n"
				     : [f] "=r"(flags), "=&a"(r) : [x] "r"(extra) : "memory");
	else
		__asm__ __volatile__("pushfl\n\tor %[x], (%%esp)\n\tpopfl\n\t"
				     "mov $20, %%eax\n\tcall *%[vs]\n"
				     "step_after_alt:\n\t"
				     "pushfl\n\tpop %[f]\n\t"
				     "pushl $0x202\n\tpopfl\n"
				     : [f] "=r"(flags), "=&a"(r) : [x] "r"(extra), [vs] "m"(vsyscall)
				     : "ecx", "edx", "memory");
#endif
	*ret = r;
	return flags;
}

/*
 * The ideas of Linux's selftests syscall_nt (NT, AC, DF and TF set across a syscall: the
 * kernel survives, the result is right, every flag comes back) and single_step_syscall
 * (with TF set, one SIGTRAP per user instruction: none twice at one address, and the one
 * after the syscall reported after the instruction that follows it, since a return that
 * restored TF with sysret would trap before that instruction runs).
 */
static void test_flags(void)
{
	static const unsigned long sets[] = {
		X86_EFLAGS_NT, X86_EFLAGS_AC | X86_EFLAGS_NT, X86_EFLAGS_DF,
		X86_EFLAGS_DF | X86_EFLAGS_NT | X86_EFLAGS_AC, X86_EFLAGS_TF,
		X86_EFLAGS_TF | X86_EFLAGS_NT };
	static const char *const names[] = { "NT", "AC|NT", "DF", "DF|NT|AC", "TF", "TF|NT" };
#if defined(__x86_64__)
	static const char *const routes[] = { "syscall", "int $0x80" };
#else
	static const char *const routes[] = { "int $0x80", "the vDSO" };

	vsyscall = (void *)getauxval(AT_SYSINFO);
#endif
	long pid = sys(getpid), r;

	set_handler(SIGTRAP, trap_handler, 0);
	for (int route = 0; route < 2; route++) {
		int bad = 0, first = -1;

		for (int i = 0; i < 6; i++) {
			unsigned long f;

			traps = 0;
			f = syscall_with_flags(route, sets[i], &r);
			if (r != pid || (f & sets[i]) != sets[i] ||
			    ((sets[i] & X86_EFLAGS_TF) ? traps < 1 : traps != 0)) {
				bad++;
				if (first < 0)
					first = i;
			}
		}
		ktap_result(bad == 0,
			    "NT, AC, DF, TF across getpid by %s: result right, every flag kept, "
			    "SIGTRAPs only with TF (%d wrong, first %s)", routes[route], bad,
			    first < 0 ? "none" : names[first]);
	}
	for (int route = 0; route < 2; route++) {
		unsigned long after = (unsigned long)(route ? step_after_alt : step_after_sc);
		unsigned long next = 0, insn = after - 2;
		int twice = 0, n;

		traps = 0;
		syscall_with_flags(route, X86_EFLAGS_TF, &r);
		n = traps < 64 ? traps : 64;
#if defined(__x86_64__)
		int direct = 1;
#else
		int direct = route == 0;	/* the vDSO: the trap after its ret is at the label */
#endif
		for (int i = 0; i + 1 < n; i++) {
			twice += trap_ips[i] == trap_ips[i + 1];
			if (trap_ips[i] == (direct ? insn : after))
				next = trap_ips[i + 1];
		}
		ktap_result(r == pid && !twice && next == after + 1,
			    "single steps over getpid by %s: one SIGTRAP per instruction, the one "
			    "after the syscall follows the next instruction (%d traps, %d twice, %#lx)",
			    routes[route], traps, twice, next);
	}
	reset_handler(SIGTRAP);
}

/* ---- restart of an interrupted read, per route ---- */
static volatile int usr_count;

static void count_handler(int sig, ksiginfo *si, void *ctx)
{
	usr_count++;
}

#if defined(__i386__)
/* read(fd, buf, 1) through __kernel_vsyscall */
static long read_vdso(int fd, char *buf)
{
	long ret;

	__asm__ __volatile__("push %%ebx\n\tmov %[fd], %%ebx\n\tcall *%[vs]\n\tpop %%ebx"
			     : "=a"(ret)
			     : "a"(3L), [fd] "m"(fd), "c"(buf), "d"(1L), [vs] "m"(vsyscall)
			     : "memory");
	return ret;
}
#endif

static long read_route(int route, int fd, char *buf)
{
#if defined(__i386__)
	if (route == 1)
		return read_vdso(fd, buf);
#endif
	return sys(read, fd, buf, 1);
}

static void sleep_ms(long ms)
{
	struct { long s, ns; } ts = { ms / 1000, (ms % 1000) * 1000000 };

	sys(nanosleep, &ts, 0);
}

static void test_restart(void)
{
#if defined(__x86_64__)
	static const char *const routes[] = { "syscall" };
	int nroutes = 1;
#else
	static const char *const routes[] = { "int $0x80", "vDSO __kernel_vsyscall" };
	int nroutes = 2;

	vsyscall = (void *)getauxval(AT_SYSINFO);
#endif
	for (int route = 0; route < nroutes; route++) {
		for (int restart = 0; restart < 2; restart++) {
			int fds[2], parent = sys(getpid), status = 0;
			long pid, r;
			char c = 0;

#if defined(__i386__)
			if (route == 1 && !vsyscall) {
				ktap_result(1, "read on the %s route # SKIP no AT_SYSINFO", routes[route]);
				continue;
			}
#endif
			set_handler(SIGUSR1, count_handler, restart ? SA_RESTART : 0);
			usr_count = 0;
			if (sys(pipe, fds)) {
				ktap_result(0, "pipe");
				continue;
			}
#if defined(__x86_64__)
			pid = sys(clone, 17 /* SIGCHLD */, 0, 0, 0, 0);
#else
			pid = sys(clone, 17, 0, 0, 0, 0);
#endif
			if (pid == 0) {
				sleep_ms(150);
				sys(kill, parent, SIGUSR1);
				sleep_ms(150);
				sys(write, fds[1], "x", 1);
				sys(exit, 0);
			}
			r = read_route(route, fds[0], &c);
			sys(wait4, pid, &status, 0, 0);
			if (restart)
				ktap_result(r == 1 && c == 'x' && usr_count == 1,
					    "read on the %s route, SA_RESTART: restarted, got the byte (r %ld, %d signals)",
					    routes[route], r, usr_count);
			else
				ktap_result(r == -EINTR && usr_count == 1,
					    "read on the %s route, no SA_RESTART: EINTR (r %ld, %d signals)",
					    routes[route], r, usr_count);
			sys(close, fds[0]);
			sys(close, fds[1]);
		}
	}
	reset_handler(SIGUSR1);
}

#if defined(__i386__)
/* ---- the old i386 frame: sigaction(2) without SA_SIGINFO, sigreturn(2) ---- */
struct old_sigaction {
	void *handler;
	unsigned long mask;
	unsigned long flags;
	void *restorer;
};

static volatile int old_sig, old_ok;
static volatile unsigned long old_mask_in_frame;

/* handler(sig): the sigcontext_32 sits right above the signal number */
static void old_handler(int sig)
{
	unsigned long where = (unsigned long)&sig + sizeof(int);
	struct sigctx *sc = (struct sigctx *)where;

	__asm__("" : "+r"(sc));		/* an address computed from the frame, not an array */

	old_sig = sig;
	old_ok = sc->cs == USER_CS && sc->ip > 0x1000;
	old_mask_in_frame = sc->oldmask;
	sc->ax = 0x77;		/* the program's eax after sigreturn */
}

static void test_old_frame(void)
{
	struct old_sigaction sa = { old_handler, 1UL << (SIGUSR2 - 1), SA_RESTORER, restore_old };
	unsigned long mask = 1UL << (SIGTRAP - 1), cur = 0;
	long r, pid = sys(getpid);

	r = sys(sigaction, SIGUSR1, &sa, 0);
	if (r == -38 /* ENOSYS */) {
		for (int i = 0; i < 3; i++)
			ktap_result(1, "old frame %d # SKIP sigaction(2) is not implemented (ENOSYS)", i);
		return;
	}
	ktap_result(r == 0, "sigaction(2) without SA_SIGINFO");
	sys(rt_sigprocmask, 0 /* SIG_BLOCK */, &mask, 0, 8);
	__asm__ __volatile__("push %%ebx\n\tmov %2, %%ebx\n\tint $0x80\n\tpop %%ebx"
			     : "=a"(r) : "a"(37L), "m"(pid), "c"((long)SIGUSR1) : "memory");
	sys(rt_sigprocmask, 0, 0, &cur, 8);
	ktap_result(old_sig == SIGUSR1 && old_ok && r == 0x77,
		    "old frame: handler(sig), sigcontext above it, eax edit restored (%#lx)", r);
	ktap_result((old_mask_in_frame & mask) && (cur & mask) && !(cur & (1UL << (SIGUSR2 - 1))),
		    "old frame: oldmask saved, sigreturn restored the mask (%#lx)", cur);
	mask = 1UL << (SIGTRAP - 1);
	sys(rt_sigprocmask, 1 /* SIG_UNBLOCK */, &mask, 0, 8);
	reset_handler(SIGUSR1);
}
#endif

int main(void)
{
	/* faults, plain, fpu, forged (+ the registers), flags, restart, old frame / sysret_rip */
#if defined(__x86_64__)
	ktap_plan(7 + 3 + 5 + NFORGES + 1 + 4 + 2 + 3);
#else
	ktap_plan(7 + 3 + 5 + NFORGES + 1 + 4 + 4 + 3);
#endif
	test_faults();
	test_plain();
	test_fpu();
	test_forged();
#if defined(__x86_64__)
	test_sysret_rip();
#endif
	test_flags();
	test_restart();
#if defined(__i386__)
	test_old_frame();
#endif
	return ktap_finish();
}
#endif
