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
 *   - sigreturn with forged CS/SS selectors and (x86_64) non-canonical or unmapped RIP:
 *     the process gets SIGSEGV, which a handler can repair; the kernel survives;
 *   - NT and TF set across a syscall (selftests' syscall_nt idea), single steps over one;
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
static volatile int forge_kind;
static struct sigctx good;
static volatile int segv_seen;
static volatile unsigned long segv_ip, segv_cs, segv_code, segv_trapno;

static void forge_handler(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	good = uc->mc;
	switch (forge_kind) {
	case 0: uc->mc.cs = 0x10; break;		/* the kernel's CS (sigreturn ORs RPL 3) */
	case 1: uc->mc.ss = 0x43; break;		/* the TSS */
	case 2: uc->mc.cs = 0x07; break;		/* an LDT selector: there is no LDT */
#if defined(__x86_64__)
	case 3: uc->mc.ip = 1UL << 47; break;		/* the first non-canonical address */
	case 4: uc->mc.ip = (1UL << 47) - 4096; break;	/* canonical, above user space */
	case 5: uc->mc.ip = 0xffff800000000000UL; break;	/* kernel half */
#endif
	}
}

static void segv_repair(int sig, ksiginfo *si, void *ctx)
{
	struct kucontext *uc = ctx;

	segv_seen++;
	segv_ip = uc->mc.ip;
	segv_cs = uc->mc.cs;
	segv_code = si->si_code;
	segv_trapno = uc->mc.trapno;
	uc->mc = good;
}

static void test_forged(void)
{
	static const char *const what[] = {
		"kernel CS", "TSS as SS", "LDT CS", "non-canonical RIP 1<<47",
		"RIP in the unmapped top page", "RIP in the kernel half" };
#if defined(__x86_64__)
	int kinds = 6;
#else
	int kinds = 3;
#endif
	int pid = sys(getpid);

	set_handler(SIGUSR2, forge_handler, 0);
	set_handler(SIGSEGV, segv_repair, SA_NODEFER);
	for (int k = 0; k < kinds; k++) {
		forge_kind = k;
		segv_seen = 0;
		sys(kill, pid, SIGUSR2);
#if defined(__x86_64__)
		if (k == 3 || k == 5)
			ktap_result(segv_seen == 1 && segv_ip == (k == 3 ? 1UL << 47 : 0xffff800000000000UL),
				    "sigreturn to %s: SIGSEGV with that RIP in the frame (seen %d ip %#lx)",
				    what[k], segv_seen, segv_ip);
		else if (k == 4)
			ktap_result(segv_seen == 1 && segv_code == 1 && segv_ip == (1UL << 47) - 4096,
				    "sigreturn to %s: SIGSEGV SEGV_MAPERR at it (seen %d code %lu ip %#lx)",
				    what[k], segv_seen, segv_code, segv_ip);
		else
#endif
			ktap_result(segv_seen == 1 && segv_code == SI_KERNEL && segv_trapno == 13,
				    "sigreturn with %s: SIGSEGV SI_KERNEL trapno 13, repaired (seen %d code %#lx trapno %lu)",
				    what[k], segv_seen, segv_code, segv_trapno);
	}
	reset_handler(SIGUSR2);
	reset_handler(SIGSEGV);
}

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
#define X86_EFLAGS_NT 0x4000
#define X86_EFLAGS_AC 0x40000
extern char step_after_sc[];

static __attribute__((noinline)) unsigned long syscall_with_flags(unsigned long extra, long *ret)
{
	unsigned long flags;
	long r;

#if defined(__x86_64__)
	__asm__ __volatile__("pushfq\n\tor %[x], (%%rsp)\n\tpopfq\n\t"
			     "mov $39, %%eax\n\tsyscall\n"
			     "step_after_sc:\n\t"
			     "pushfq\n\tpop %[f]\n\t"
			     "pushq $0x202\n\tpopfq\n"
			     : [f] "=r"(flags), "=&a"(r) : [x] "r"(extra) : "rcx", "r11", "memory");
#else
	__asm__ __volatile__("pushfl\n\tor %[x], (%%esp)\n\tpopfl\n\t"
			     "mov $20, %%eax\n\tint $0x80\n"
			     "step_after_sc:\n\t"
			     "pushfl\n\tpop %[f]\n\t"
			     "pushl $0x202\n\tpopfl\n"
			     : [f] "=r"(flags), "=&a"(r) : [x] "r"(extra) : "memory");
#endif
	*ret = r;
	return flags;
}

static void test_flags(void)
{
	static const unsigned long sets[] = {
		X86_EFLAGS_NT, X86_EFLAGS_AC | X86_EFLAGS_NT, X86_EFLAGS_TF,
		X86_EFLAGS_TF | X86_EFLAGS_NT };
	static const char *const names[] = { "NT", "AC|NT", "TF", "TF|NT" };
	long pid = sys(getpid), r;

	set_handler(SIGTRAP, trap_handler, 0);
	for (int i = 0; i < 4; i++) {
		unsigned long f;

		traps = 0;
		f = syscall_with_flags(sets[i], &r);
		if (sets[i] & X86_EFLAGS_TF)
			ktap_result(r == pid && (f & (sets[i] & ~X86_EFLAGS_TF)) == (sets[i] & ~X86_EFLAGS_TF) &&
				    traps >= 1,
				    "%s across getpid: result right, flags kept, %d SIGTRAPs", names[i], traps);
		else
			ktap_result(r == pid && (f & sets[i]) == sets[i],
				    "%s across getpid: kept (flags %#lx)", names[i], f);
	}
	/*
	 * Single steps: a trap before the syscall (reported at it), then the next one after the
	 * instruction that follows the syscall (pushf, one byte): the syscall's return must not
	 * trap at once, as a sysret that restored TF would.
	 */
	traps = 0;
	syscall_with_flags(X86_EFLAGS_TF, &r);
	{
		unsigned long sc = (unsigned long)step_after_sc - 2, next = 0;

		for (int i = 0; i + 1 < traps && i + 1 < 64; i++)
			if (trap_ips[i] == sc)
				next = trap_ips[i + 1];
		ktap_result(r == pid && next == (unsigned long)step_after_sc + 1,
			    "single step over the syscall: the trap after it follows the next "
			    "instruction (%#lx, label %p)", next, step_after_sc);
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
static void *vsyscall;

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
#if defined(__x86_64__)
	ktap_plan(7 + 3 + 5 + 6 + 5 + 2);
#else
	ktap_plan(7 + 3 + 5 + 3 + 5 + 4 + 3);
#endif
	test_faults();
	test_plain();
	test_fpu();
	test_forged();
	test_flags();
	test_restart();
#if defined(__i386__)
	test_old_frame();
#endif
	return ktap_finish();
}
#endif
