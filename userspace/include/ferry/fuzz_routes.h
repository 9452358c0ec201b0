/*
 * The syscall fuzzer's entry routes (userspace/probes/fuzz.c): one assembly stub per way into
 * the kernel this ABI has, each taking the number and a pointer to six argument words, so the
 * fuzzer can pick the route at random per call:
 *
 *   x86_64: syscall (64-bit table) and int $0x80 (the i386 table, from 64-bit code)
 *   i386:   int $0x80, call *AT_SYSINFO (__kernel_vsyscall: sysenter on Ferry), and the
 *           32-bit syscall instruction through a stub like bench.c's syscall32_stub
 *   arm64:  svc #0, and svc with a nonzero immediate (the kernel must ignore it)
 *   arm:    svc #0 and svc with a nonzero immediate, from ARM state
 *
 * Every register the ABI does not use for arguments is loaded by the stub, never left to the
 * compiler, so a stub cannot be miscompiled around a register the kernel clobbers.
 */
#ifndef FERRY_FUZZ_ROUTES_H
#define FERRY_FUZZ_ROUTES_H

typedef long (*route_fn)(long nr, const long *args);

struct route {
	const char *name;
	route_fn call;
};

#if defined(__x86_64__)
long fz_syscall(long nr, const long *a);
long fz_int80(long nr, const long *a);
__asm__(".text\n.globl fz_syscall\nfz_syscall:\n"
	"mov %rdi, %rax\n mov %rsi, %r11\n"
	"mov 0(%r11), %rdi\n mov 8(%r11), %rsi\n mov 16(%r11), %rdx\n"
	"mov 24(%r11), %r10\n mov 32(%r11), %r8\n mov 40(%r11), %r9\n"
	"syscall\n ret\n"
	".globl fz_int80\nfz_int80:\n"
	"push %rbx\n push %rbp\n mov %rdi, %rax\n mov %rsi, %r11\n"
	"mov 0(%r11), %rbx\n mov 8(%r11), %rcx\n mov 16(%r11), %rdx\n"
	"mov 24(%r11), %rsi\n mov 32(%r11), %rdi\n mov 40(%r11), %rbp\n"
	"int $0x80\n pop %rbp\n pop %rbx\n ret\n");
static struct route routes[] = { { "syscall", fz_syscall }, { "int80", fz_int80 } };

#elif defined(__i386__)
unsigned long fz_vsyscall_entry;	/* AT_SYSINFO, 0 when the kernel gives none */
long fz_int80(long nr, const long *a);
long fz_vsyscall(long nr, const long *a);
long fz_syscall32(long nr, const long *a);
/* LOAD32: eax = nr, ebx..ebp = a[0..5], callee-saved registers kept on the stack. */
#define LOAD32 "push %ebx\n push %esi\n push %edi\n push %ebp\n"			\
	"mov 20(%esp), %eax\n mov 24(%esp), %ebp\n"					\
	"mov 0(%ebp), %ebx\n mov 4(%ebp), %ecx\n mov 8(%ebp), %edx\n"			\
	"mov 12(%ebp), %esi\n mov 16(%ebp), %edi\n mov 20(%ebp), %ebp\n"
#define DONE32 "pop %ebp\n pop %edi\n pop %esi\n pop %ebx\n ret\n"
__asm__(".text\n.globl fz_int80\nfz_int80:\n" LOAD32 "int $0x80\n" DONE32
	".globl fz_vsyscall\nfz_vsyscall:\n" LOAD32 "call *fz_vsyscall_entry\n" DONE32
	/* Linux's convention for the 32-bit syscall instruction: argument 2 in EBP, the
	 * caller's EBP (here argument 6) at ESP; the kernel returns past the instruction. */
	"fz_syscall32_stub:\n push %ecx\n push %edx\n push %ebp\n mov %ecx, %ebp\n syscall\n"
	"pop %ebp\n pop %edx\n pop %ecx\n ret\n"
	".globl fz_syscall32\nfz_syscall32:\n" LOAD32 "call fz_syscall32_stub\n" DONE32);
static struct route routes[] = {
	{ "int80", fz_int80 }, { "vsyscall", fz_vsyscall }, { "syscall32", fz_syscall32 }
};

#elif defined(__aarch64__)
long fz_svc0(long nr, const long *a);
long fz_svc_imm(long nr, const long *a);
#define LOAD64 "mov x8, x0\n mov x9, x1\n ldp x0, x1, [x9]\n ldp x2, x3, [x9, #16]\n" \
	"ldp x4, x5, [x9, #32]\n"
__asm__(".text\n.globl fz_svc0\nfz_svc0:\n" LOAD64 "svc #0\n ret\n"
	".globl fz_svc_imm\nfz_svc_imm:\n" LOAD64 "svc #0x1234\n ret\n");
static struct route routes[] = { { "svc0", fz_svc0 }, { "svc_imm", fz_svc_imm } };

#elif defined(__arm__)
long fz_svc0(long nr, const long *a);
long fz_svc_imm(long nr, const long *a);
#define LOAD32 ".arm\n push {r4, r5, r7, lr}\n mov r7, r0\n mov ip, r1\n ldm ip, {r0-r5}\n"
__asm__(".text\n.balign 4\n.globl fz_svc0\n.type fz_svc0, %function\nfz_svc0:\n" LOAD32
	"svc #0\n pop {r4, r5, r7, pc}\n"
	".globl fz_svc_imm\n.type fz_svc_imm, %function\nfz_svc_imm:\n" LOAD32
	"svc #0x1234\n pop {r4, r5, r7, pc}\n");
static struct route routes[] = { { "svc0", fz_svc0 }, { "svc_imm", fz_svc_imm } };
#endif

#define NR_ROUTES ((int)(sizeof(routes) / sizeof(routes[0])))

#endif
