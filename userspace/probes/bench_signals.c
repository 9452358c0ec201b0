/*
 * bench_signals: what one signal costs, in cycle-counter ticks (one guest instruction each
 * under QEMU's -icount, docs/benchmarks.md), for issue 13's figure:
 *
 *   BENCH abi=x86_64 op=signal_roundtrip n=64 batches=8 per_op=1234 spread=0
 *
 * signal_roundtrip: tgkill(self, SIGUSR1) with a handler installed; the kernel builds the
 * frame on the way out of tgkill, the handler (an empty function) returns into the restorer,
 * rt_sigreturn restores everything. So one operation is tgkill + delivery + handler +
 * rt_sigreturn, measured around the tgkill call. The handler is installed with SA_SIGINFO
 * and SA_RESTORER (glibc's way) on x86; on arm64 and arm with SA_SIGINFO alone (glibc's way
 * there too): the handler returns through the kernel's sigreturn code (arm64's [vdso] page,
 * arm's in the kuser page, as Linux's vDSO and sigpage). The same static ELF runs unchanged
 * as /init on Linux.
 *
 * "once" (bench_signals once): one warm-up, then bench_once_signal() twice, a tgkill through
 * one syscall instruction between the labels bench_once_signal_begin and _end, for
 * scripts/bench/breakdown.py to single-step (route "signal": every instruction from the
 * tgkill to the instruction after it, handler and sigreturn included).
 */
#include <ferry/probe.h>
#include <ferry/usys.h>
#include <ferry/bench.h>

#define SIGUSR1 10
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000

#if defined(__aarch64__) || defined(__arm__)
#define bench_restore_rt 0	/* the kernel's sigreturn code */
#define RESTORER_FLAG 0
#else
#define RESTORER_FLAG SA_RESTORER
#endif

#if defined(__x86_64__) || defined(__i386__)
#if defined(__x86_64__)
__asm__(".text\n.globl bench_restore_rt\nbench_restore_rt:\n\tmov $15, %rax\n\tsyscall\n\thlt\n");
#else
__asm__(".text\n.globl bench_restore_rt\nbench_restore_rt:\n\tmov $173, %eax\n\tint $0x80\n\thlt\n");
#endif
extern char bench_restore_rt[];
#endif

/* bench_once_signal(pid, sig): tgkill(pid, pid, sig) through the ABI's syscall instruction. */
#if defined(__x86_64__)
__asm__(".text\n.globl bench_once_signal\nbench_once_signal:\n"
	"mov %esi, %edx\n mov %rdi, %rsi\n mov $234, %eax\n"
	".globl bench_once_signal_begin\nbench_once_signal_begin:\n syscall\n"
	".globl bench_once_signal_end\nbench_once_signal_end:\n ret\n");
#elif defined(__i386__)
__asm__(".text\n.globl bench_once_signal\nbench_once_signal:\n"
	"push %ebx\n mov 8(%esp), %ebx\n mov %ebx, %ecx\n mov 12(%esp), %edx\n mov $270, %eax\n"
	".globl bench_once_signal_begin\nbench_once_signal_begin:\n int $0x80\n"
	".globl bench_once_signal_end\nbench_once_signal_end:\n pop %ebx\n ret\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl bench_once_signal\nbench_once_signal:\n"
	"mov x2, x1\n mov x1, x0\n mov x8, #131\n"
	".globl bench_once_signal_begin\nbench_once_signal_begin:\n svc #0\n"
	".globl bench_once_signal_end\nbench_once_signal_end:\n ret\n");
#else
__asm__(".text\n.syntax unified\n.arm\n.globl bench_once_signal\n"
	".type bench_once_signal, %function\nbench_once_signal:\n"
	"push {r7, lr}\n mov r2, r1\n mov r1, r0\n mov r7, #268\n"
	".globl bench_once_signal_begin\nbench_once_signal_begin:\n svc #0\n"
	".globl bench_once_signal_end\nbench_once_signal_end:\n pop {r7, pc}\n");
#endif
long bench_once_signal(long pid, long sig);

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned int mask[2];	/* 8 bytes, 4-byte aligned as on arm and i386 */
};

static volatile unsigned long delivered;

static void handler(int sig, void *info, void *uc)
{
	delivered++;
}

static struct result bench_signal(unsigned long n, unsigned long batches, int once)
{
	struct ksigaction sa = { handler, SA_SIGINFO | RESTORER_FLAG, bench_restore_rt, { 0, 0 } };
	struct result r = { ~0ULL, 0, n, -1, 0 };
	long pid = sys(getpid);

	if (sys(rt_sigaction, SIGUSR1, &sa, 0, 8)) {
		r.failed = 1;
		return r;
	}
	sys(tgkill, pid, pid, SIGUSR1);		/* warm up: the stack pages the frame uses */
	if (once) {
		bench_once_signal(pid, SIGUSR1);
		bench_once_signal(pid, SIGUSR1);
		r.best = delivered == 3 ? 0 : ~0ULL;
		return r;
	}
	for (unsigned long b = 0; b < batches; b++) {
		unsigned long long t0 = read_counter();

		for (unsigned long i = 0; i < n; i++)
			sys(tgkill, pid, pid, SIGUSR1);
		take(&r, read_counter() - t0);
	}
	if (delivered != 1 + n * batches)
		r.failed = 2;
	return r;
}

int main(int argc, char **argv)
{
	int once = argc > 1 && !strcmp(argv[1], "once");
	struct result r;

	if (!once)
		printf("BENCH abi=%s probe=bench_signals\n", ABI);
	r = bench_signal(64, 8, once);
	if (once) {
		printf("bench_signals once: %s\n", r.best ? "failed" : "done");
		return 0;
	}
	report("signal_roundtrip", &r, 8);
	printf("BENCH done\n");	/* scripts/bench.py: the probe finished */
	return 0;
}
