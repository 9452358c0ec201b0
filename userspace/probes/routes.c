/*
 * Every syscall entry route of this ABI, checked from user space (KTAP on stdout):
 *   - the route returns the right value (getpid, and -ENOSYS for a bad number)
 *   - it preserves what the ABI says it preserves:
 *       x86_64 syscall:        everything but rax, rcx (return address), r11 (rflags)
 *       int $0x80 (any mode):  everything but rax / eax
 *       __kernel_vsyscall:     everything but eax (whichever instruction it uses inside)
 *       32-bit syscall:        everything but eax (the instruction overwrites ecx, and the
 *                              vDSO's landing pad, where the kernel returns, restores it:
 *                              see regs_syscall32)
 *       arm64 svc:             everything but x0: x1-x30, sp, NZCV, and all of v0-v31
 *       arm svc (AArch32):     everything but r0: r1-r12, sp, lr, NZCV, and d0-d31; from
 *                              ARM state (routes) and from Thumb state (routes_thumb)
 *   - x86: DF, AC and NT set by the user do not reach the kernel (a write made with DF set
 *     still copies its buffer forwards) and are back in the flags after the return
 */
#include <ferry/probe.h>
#include <stdint.h>

#define ENOSYS 38
static long pid;

#if defined(__x86_64__)
struct regs64 {
	unsigned long rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15, flags;
};

/*
 * name(in, out): load every general register and the flags from *in, execute insn, store
 * every register and the flags into *out. Callee-saved registers are kept on the stack.
 */
#define REGS64_FN(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n" \
	"push %rsi\n"								\
	"pushq 120(%rdi)\n popfq\n"						\
	"mov 8(%rdi), %rbx\n mov 16(%rdi), %rcx\n mov 24(%rdi), %rdx\n"		\
	"mov 32(%rdi), %rsi\n mov 48(%rdi), %rbp\n mov 56(%rdi), %r8\n"		\
	"mov 64(%rdi), %r9\n mov 72(%rdi), %r10\n mov 80(%rdi), %r11\n"		\
	"mov 88(%rdi), %r12\n mov 96(%rdi), %r13\n mov 104(%rdi), %r14\n"	\
	"mov 112(%rdi), %r15\n mov 0(%rdi), %rax\n mov 40(%rdi), %rdi\n"	\
	insn "\n"								\
	"pushfq\n push %rax\n mov 16(%rsp), %rax\n"				\
	"mov %rbx, 8(%rax)\n mov %rcx, 16(%rax)\n mov %rdx, 24(%rax)\n"		\
	"mov %rsi, 32(%rax)\n mov %rdi, 40(%rax)\n mov %rbp, 48(%rax)\n"	\
	"mov %r8, 56(%rax)\n mov %r9, 64(%rax)\n mov %r10, 72(%rax)\n"		\
	"mov %r11, 80(%rax)\n mov %r12, 88(%rax)\n mov %r13, 96(%rax)\n"	\
	"mov %r14, 104(%rax)\n mov %r15, 112(%rax)\n"				\
	"pop %rcx\n mov %rcx, 0(%rax)\n pop %rcx\n mov %rcx, 120(%rax)\n pop %rsi\n" \
	"pushq $0x202\n popfq\n"						\
	"pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n ret\n")

void regs_syscall(const struct regs64 *in, struct regs64 *out);
void regs_int80(const struct regs64 *in, struct regs64 *out);
REGS64_FN(regs_syscall, "syscall");
REGS64_FN(regs_int80, "int $0x80");

static const char *const names64[16] = { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8",
	"r9", "r10", "r11", "r12", "r13", "r14", "r15", "flags" };

#define X86_DF 0x400
#define X86_AC 0x40000
#define X86_NT 0x4000

static void fill64(struct regs64 *r, unsigned long nr)
{
	unsigned long *w = (unsigned long *)r;

	for (int i = 0; i < 15; i++)
		w[i] = 0x1111111111111111UL * (i + 1) ^ 0x0123456789abcdefUL;
	r->rax = nr;
	r->flags = 0x202;
}

/* Compare all registers except those in 'clobber' (a bit per index of struct regs64). */
static int same64(const struct regs64 *a, const struct regs64 *b, unsigned clobber, const char *route)
{
	const unsigned long *x = (const void *)a, *y = (const void *)b;
	int ok = 1;

	for (int i = 0; i < 16; i++) {
		unsigned long mask = i == 15 ? (X86_DF | X86_AC | X86_NT | 0xcd5) : ~0UL;

		if (!(clobber & (1u << i)) && (x[i] & mask) != (y[i] & mask)) {
			printf("# %s: %s was %#lx, came back %#lx\n", route, names64[i], x[i], y[i]);
			ok = 0;
		}
	}
	return ok;
}

static void test_x86_64(void)
{
	struct regs64 in, out;
	static const char msg[] = "routes: write with DF set arrived intact\n";

	fill64(&in, __NR_getpid);
	regs_syscall(&in, &out);
	ktap_result(out.rax == (unsigned long)pid, "syscall: getpid = %ld", (long)out.rax);
	ktap_result(same64(&in, &out, 1u << 0 | 1u << 2 | 1u << 10, "syscall"),
		    "syscall: preserves all but rax, rcx, r11");

	fill64(&in, 20);	/* the i386 number of getpid: int $0x80 uses the 32-bit table */
	regs_int80(&in, &out);
	ktap_result(out.rax == (unsigned long)pid, "int80 from 64-bit: getpid (i386 nr 20) = %ld",
		    (long)out.rax);
	ktap_result(same64(&in, &out, 1u << 0, "int80-64"), "int80 from 64-bit: preserves all but rax");

	/* DF, AC and NT: set by the user, cleared for the kernel, restored on return. */
	fill64(&in, __NR_write);
	in.rdi = 1;
	in.rsi = (unsigned long)msg;
	in.rdx = sizeof(msg) - 1;
	in.flags = 0x202 | X86_DF | X86_AC | X86_NT;
	regs_syscall(&in, &out);
	ktap_result(out.rax == sizeof(msg) - 1, "syscall: write with DF|AC|NT set returns %ld",
		    (long)out.rax);
	ktap_result((out.flags & (X86_DF | X86_AC | X86_NT)) == (X86_DF | X86_AC | X86_NT),
		    "syscall: DF, AC, NT come back set (flags %#lx)", out.flags);
	fill64(&in, 0x7fff);	/* a bad i386 number */
	in.flags = 0x202 | X86_DF | X86_AC | X86_NT;
	regs_int80(&in, &out);
	ktap_result(out.rax == (unsigned long)-ENOSYS, "int80 from 64-bit: bad number -> -ENOSYS");
	ktap_result((out.flags & (X86_DF | X86_AC | X86_NT)) == (X86_DF | X86_AC | X86_NT),
		    "int80 from 64-bit: DF, AC, NT come back set (flags %#lx)", out.flags);
}
#define NTESTS 8
#endif

#if defined(__i386__)
struct regs32 {
	unsigned long eax, ebx, ecx, edx, esi, edi, ebp, flags;
};

unsigned long vsyscall;		/* AT_SYSINFO: __kernel_vsyscall in the vDSO */

#define REGS32_FN(name, insn)							\
__asm__(".text\n.globl " #name "\n" #name ":\n"					\
	"push %ebx\n push %esi\n push %edi\n push %ebp\n"			\
	"mov 24(%esp), %ecx\n push %ecx\n"					\
	"mov 24(%esp), %eax\n"							\
	"pushl 28(%eax)\n popfl\n"						\
	"mov 4(%eax), %ebx\n mov 8(%eax), %ecx\n mov 12(%eax), %edx\n"		\
	"mov 16(%eax), %esi\n mov 20(%eax), %edi\n mov 24(%eax), %ebp\n"	\
	"mov 0(%eax), %eax\n"							\
	insn "\n"								\
	"pushfl\n push %eax\n mov 8(%esp), %eax\n"				\
	"mov %ebx, 4(%eax)\n mov %ecx, 8(%eax)\n mov %edx, 12(%eax)\n"		\
	"mov %esi, 16(%eax)\n mov %edi, 20(%eax)\n mov %ebp, 24(%eax)\n"	\
	"pop %ecx\n mov %ecx, 0(%eax)\n pop %ecx\n mov %ecx, 28(%eax)\n pop %ecx\n" \
	"pushl $0x202\n popfl\n"						\
	"pop %ebp\n pop %edi\n pop %esi\n pop %ebx\n ret\n")

void regs_int80(const struct regs32 *in, struct regs32 *out);
void regs_vsyscall(const struct regs32 *in, struct regs32 *out);
void regs_syscall32(const struct regs32 *in, struct regs32 *out);
REGS32_FN(regs_int80, "int $0x80");
REGS32_FN(regs_vsyscall, "call *vsyscall");
/*
 * The 32-bit syscall instruction overwrites ECX, so Linux's ABI for it is the vDSO's: argument
 * 2 in EBP, the caller's ECX, EDX and EBP (argument 6, read at ESP) pushed below a return
 * address; the kernel returns to the vDSO's landing pad (Linux 6.1's do_fast_syscall_32 sets
 * the return address there for SYSCALL as for SYSENTER, so a restart can step back onto its
 * int $0x80), which pops them and returns. Done here from the probe's own code, as a program
 * that bypasses __kernel_vsyscall would: "call 8f" leaves the return address.
 */
REGS32_FN(regs_syscall32, "call 8f\n jmp 9f\n"
	  "8: push %ecx\n push %edx\n push %ebp\n mov %ecx, %ebp\n syscall\n9:");

static const char *const names32[8] = { "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "eflags" };

static void fill32(struct regs32 *r, unsigned long nr)
{
	unsigned long *w = (unsigned long *)r;

	for (int i = 0; i < 7; i++)
		w[i] = 0x11111111UL * (i + 1) ^ 0x01234567UL;
	r->eax = nr;
	r->flags = 0x202;
}

static int same32(const struct regs32 *a, const struct regs32 *b, unsigned clobber, const char *route)
{
	const unsigned long *x = (const void *)a, *y = (const void *)b;
	int ok = 1;

	for (int i = 0; i < 8; i++) {
		unsigned long mask = i == 7 ? 0x44cd5 : ~0UL;

		if (!(clobber & (1u << i)) && (x[i] & mask) != (y[i] & mask)) {
			printf("# %s: %s was %#lx, came back %#lx\n", route, names32[i], x[i], y[i]);
			ok = 0;
		}
	}
	return ok;
}

static void route32(const char *route, void (*fn)(const struct regs32 *, struct regs32 *),
		    unsigned clobber)
{
	struct regs32 in, out;

	fill32(&in, __NR_getpid);
	fn(&in, &out);
	ktap_result(out.eax == (unsigned long)pid, "%s: getpid = %ld", route, (long)out.eax);
	ktap_result(same32(&in, &out, clobber, route), "%s: preserves the ABI's registers", route);
	fill32(&in, 0x7fffffff);
	in.flags = 0x202 | 0x400 | 0x40000 | 0x4000;	/* DF, AC, NT */
	fn(&in, &out);
	ktap_result(out.eax == (unsigned long)-ENOSYS, "%s: bad number -> -ENOSYS (%ld)", route,
		    (long)out.eax);
	ktap_result((out.flags & 0x44400) == 0x44400, "%s: DF, AC, NT come back set (%#lx)",
		    route, out.flags);
}

static void test_i386(void)
{
	vsyscall = getauxval(AT_SYSINFO);
	route32("int80", regs_int80, 1u << 0);
	if (vsyscall)
		route32("vsyscall", regs_vsyscall, 1u << 0);
	else
		for (int i = 0; i < 4; i++)
			ktap_result(0, "vsyscall: no AT_SYSINFO in the auxiliary vector");
	route32("syscall32", regs_syscall32, 1u << 0);
}
#define NTESTS 12
#endif

#if defined(__aarch64__)
struct regs_a64 {
	unsigned long x[31];
	unsigned long nzcv;
	unsigned long v[32][2];		/* q0..q31 */
};

/*
 * regs_svc(in, out): load x0-x30, NZCV and q0-q31 from *in, svc #0, store them all to
 * *out. x19-x30 (callee-saved, and the frame/link registers we overwrite) live on the stack.
 */
__asm__(".text\n.globl regs_svc\nregs_svc:\n"
	"stp x29, x30, [sp, #-96]!\n stp x19, x20, [sp, #16]\n stp x21, x22, [sp, #32]\n"
	"stp x23, x24, [sp, #48]\n stp x25, x26, [sp, #64]\n stp x27, x28, [sp, #80]\n"
	"sub sp, sp, #16\n str x1, [sp]\n"
	"ldr x2, [x0, #248]\n msr nzcv, x2\n"
	"add x2, x0, #256\n"
	"ldp q0, q1, [x2, #0]\n ldp q2, q3, [x2, #32]\n ldp q4, q5, [x2, #64]\n ldp q6, q7, [x2, #96]\n"
	"ldp q8, q9, [x2, #128]\n ldp q10, q11, [x2, #160]\n ldp q12, q13, [x2, #192]\n"
	"ldp q14, q15, [x2, #224]\n ldp q16, q17, [x2, #256]\n ldp q18, q19, [x2, #288]\n"
	"ldp q20, q21, [x2, #320]\n ldp q22, q23, [x2, #352]\n ldp q24, q25, [x2, #384]\n"
	"ldp q26, q27, [x2, #416]\n ldp q28, q29, [x2, #448]\n ldp q30, q31, [x2, #480]\n"
	"ldp x2, x3, [x0, #16]\n ldp x4, x5, [x0, #32]\n ldp x6, x7, [x0, #48]\n"
	"ldp x8, x9, [x0, #64]\n ldp x10, x11, [x0, #80]\n ldp x12, x13, [x0, #96]\n"
	"ldp x14, x15, [x0, #112]\n ldp x16, x17, [x0, #128]\n ldp x18, x19, [x0, #144]\n"
	"ldp x20, x21, [x0, #160]\n ldp x22, x23, [x0, #176]\n ldp x24, x25, [x0, #192]\n"
	"ldp x26, x27, [x0, #208]\n ldp x28, x29, [x0, #224]\n ldr x30, [x0, #240]\n"
	"ldr x1, [x0, #8]\n ldr x0, [x0, #0]\n"
	"svc #0\n"
	"stp x0, x1, [sp, #-16]!\n mrs x0, nzcv\n ldr x1, [sp, #16]\n str x0, [x1, #248]\n"
	"ldr x0, [sp]\n str x0, [x1, #0]\n ldr x0, [sp, #8]\n str x0, [x1, #8]\n"
	"stp x2, x3, [x1, #16]\n stp x4, x5, [x1, #32]\n stp x6, x7, [x1, #48]\n"
	"stp x8, x9, [x1, #64]\n stp x10, x11, [x1, #80]\n stp x12, x13, [x1, #96]\n"
	"stp x14, x15, [x1, #112]\n stp x16, x17, [x1, #128]\n stp x18, x19, [x1, #144]\n"
	"stp x20, x21, [x1, #160]\n stp x22, x23, [x1, #176]\n stp x24, x25, [x1, #192]\n"
	"stp x26, x27, [x1, #208]\n stp x28, x29, [x1, #224]\n str x30, [x1, #240]\n"
	"add x2, x1, #256\n"
	"stp q0, q1, [x2, #0]\n stp q2, q3, [x2, #32]\n stp q4, q5, [x2, #64]\n stp q6, q7, [x2, #96]\n"
	"stp q8, q9, [x2, #128]\n stp q10, q11, [x2, #160]\n stp q12, q13, [x2, #192]\n"
	"stp q14, q15, [x2, #224]\n stp q16, q17, [x2, #256]\n stp q18, q19, [x2, #288]\n"
	"stp q20, q21, [x2, #320]\n stp q22, q23, [x2, #352]\n stp q24, q25, [x2, #384]\n"
	"stp q26, q27, [x2, #416]\n stp q28, q29, [x2, #448]\n stp q30, q31, [x2, #480]\n"
	"add sp, sp, #32\n"
	"ldp x19, x20, [sp, #16]\n ldp x21, x22, [sp, #32]\n ldp x23, x24, [sp, #48]\n"
	"ldp x25, x26, [sp, #64]\n ldp x27, x28, [sp, #80]\n ldp x29, x30, [sp], #96\n ret\n");

void regs_svc(const struct regs_a64 *in, struct regs_a64 *out);

static void fill_a64(struct regs_a64 *r, unsigned long nr)
{
	for (int i = 0; i < 31; i++)
		r->x[i] = 0x0101010101010101UL * (i + 1) ^ 0x0123456789abcdefUL;
	for (int i = 0; i < 32; i++) {
		r->v[i][0] = 0xa5a5a5a500000000UL | i;
		r->v[i][1] = 0x5a5a5a5a00000000UL | (i << 8);
	}
	r->x[8] = nr;
	r->nzcv = 0xa0000000UL;	/* N and C set */
}

static int same_a64(const struct regs_a64 *a, const struct regs_a64 *b)
{
	int ok = 1;

	for (int i = 1; i < 31; i++)
		if (a->x[i] != b->x[i]) {
			printf("# svc: x%d was %#lx, came back %#lx\n", i, a->x[i], b->x[i]);
			ok = 0;
		}
	if ((a->nzcv & 0xf0000000UL) != (b->nzcv & 0xf0000000UL)) {
		printf("# svc: NZCV was %#lx, came back %#lx\n", a->nzcv, b->nzcv);
		ok = 0;
	}
	for (int i = 0; i < 32; i++)
		if (a->v[i][0] != b->v[i][0] || a->v[i][1] != b->v[i][1]) {
			printf("# svc: v%d changed\n", i);
			ok = 0;
		}
	return ok;
}

static void test_arm64(void)
{
	static struct regs_a64 in, out;

	fill_a64(&in, __NR_getpid);
	regs_svc(&in, &out);
	ktap_result(out.x[0] == (unsigned long)pid, "svc: getpid = %ld", (long)out.x[0]);
	ktap_result(same_a64(&in, &out), "svc: preserves x1-x30, sp, NZCV, v0-v31");
	fill_a64(&in, 0x7fffffff);
	regs_svc(&in, &out);
	ktap_result(out.x[0] == (unsigned long)-ENOSYS, "svc: bad number -> -ENOSYS (%ld)",
		    (long)out.x[0]);
	ktap_result(same_a64(&in, &out), "svc: the -ENOSYS path preserves the same registers");
}
#define NTESTS 4
#endif

#if defined(__arm__)
struct regs_a32 {
	unsigned long r[15];		/* r0-r14; r13 (sp) is not loaded or stored */
	unsigned long apsr;
	unsigned long long d[32];	/* d0..d31 */
};

#if defined(__thumb__)
#define ROUTE32 "svc32 (Thumb)"
#define ISA ".thumb\n.thumb_func\n"
#else
#define ROUTE32 "svc32"
#define ISA ".arm\n"
#endif

/*
 * regs_svc32(in, out): load r0-r12, lr, NZCV and d0-d31 from *in, svc #0, store them all to
 * *out. The callee-saved r4-r11 and d8-d15 live on the stack, then 'out'; right after the
 * svc every general register goes to the stack too, to be copied to *out with ldm/stm.
 * Written for both instruction sets (unified syntax, no sp or pc in a register list).
 */
__asm__(".text\n.syntax unified\n.fpu neon\n" ISA
	".globl regs_svc32\n.type regs_svc32, %function\nregs_svc32:\n"
	"push {r4-r11, lr}\n vpush {d8-d15}\n push {r1}\n"
	"add r2, r0, #64\n vldmia r2!, {d0-d15}\n vldmia r2, {d16-d31}\n"
	"ldr r2, [r0, #60]\n msr APSR_nzcvq, r2\n"
	"ldr lr, [r0, #56]\n ldm r0, {r0-r12}\n"
	"svc #0\n"
	"push {r0-r12, lr}\n ldr r0, [sp, #56]\n"
	"mrs r1, APSR\n str r1, [r0, #60]\n"
	"add r1, r0, #64\n vstmia r1!, {d0-d15}\n vstmia r1, {d16-d31}\n"
	"mov r1, sp\n ldmia r1!, {r2-r8}\n stmia r0!, {r2-r8}\n"
	"ldmia r1!, {r2-r8}\n stmia r0!, {r2-r7}\n str r8, [r0, #4]\n"
	"add sp, sp, #60\n vpop {d8-d15}\n pop {r4-r11, pc}\n");

void regs_svc32(const struct regs_a32 *in, struct regs_a32 *out);

static void fill_a32(struct regs_a32 *r, unsigned long nr)
{
	for (int i = 0; i < 15; i++)
		r->r[i] = 0x01010101UL * (i + 1) ^ 0x01234567UL;
	for (int i = 0; i < 32; i++)
		r->d[i] = 0xa5a5a5a500000000ULL | (unsigned long long)i << 8 | i;
	r->r[7] = nr;
	r->apsr = 0xa0000000UL;	/* N and C set */
}

static int same_a32(const struct regs_a32 *a, const struct regs_a32 *b)
{
	int ok = 1;

	for (int i = 1; i < 15; i++)
		if (i != 13 && a->r[i] != b->r[i]) {
			printf("# %s: r%d was %#lx, came back %#lx\n", ROUTE32, i, a->r[i], b->r[i]);
			ok = 0;
		}
	if ((a->apsr & 0xf0000000UL) != (b->apsr & 0xf0000000UL)) {
		printf("# %s: NZCV was %#lx, came back %#lx\n", ROUTE32, a->apsr, b->apsr);
		ok = 0;
	}
	for (int i = 0; i < 32; i++)
		if (a->d[i] != b->d[i]) {
			printf("# %s: d%d changed\n", ROUTE32, i);
			ok = 0;
		}
	return ok;
}

static void test_arm(void)
{
	static struct regs_a32 in, out;

	fill_a32(&in, __NR_getpid);
	regs_svc32(&in, &out);
	ktap_result(out.r[0] == (unsigned long)pid, "%s: getpid = %ld", ROUTE32, (long)out.r[0]);
	ktap_result(same_a32(&in, &out), "%s: preserves r1-r12, sp, lr, NZCV, d0-d31", ROUTE32);
	fill_a32(&in, 0x7fff);	/* past the table, below ARM's private range: -ENOSYS */
	regs_svc32(&in, &out);
	ktap_result(out.r[0] == (unsigned long)-ENOSYS, "%s: bad number -> -ENOSYS (%ld)",
		    ROUTE32, (long)out.r[0]);
	ktap_result(same_a32(&in, &out), "%s: the -ENOSYS path preserves the same registers",
		    ROUTE32);
}
#define NTESTS 4
#endif

int main(void)
{
	pid = sys(getpid);
	ktap_plan(NTESTS);
#if defined(__x86_64__)
	test_x86_64();
#elif defined(__i386__)
	test_i386();
#elif defined(__arm__)
	test_arm();
#else
	test_arm64();
#endif
	return ktap_finish();
}
