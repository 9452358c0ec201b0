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

static struct result bench_signal(unsigned long n, unsigned long batches)
{
	struct ksigaction sa = { handler, SA_SIGINFO | RESTORER_FLAG, bench_restore_rt, { 0, 0 } };
	struct result r = { ~0ULL, 0, n, -1, 0 };
	long pid = sys(getpid);

	if (sys(rt_sigaction, SIGUSR1, &sa, 0, 8)) {
		r.failed = 1;
		return r;
	}
	sys(tgkill, pid, pid, SIGUSR1);		/* warm up: the stack pages the frame uses */
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

int main(void)
{
	struct result r = bench_signal(64, 8);

	report("signal_roundtrip", &r, 8);
	return 0;
}
