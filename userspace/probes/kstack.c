/*
 * The random kernel stack offset (issue 16; tests/boot/cases_kstack.py): getpid through
 * every entry route of this ABI, CALLS times each, and nothing else in between, so the
 * kernel's kstack_report (kernel/kstack_offset.c) sees a full set of samples per route and
 * prints how many different stack pointers the syscall path had. The probe itself cannot
 * see them (user space must not): it only makes the calls and checks they returned its pid.
 *   x86_64: syscall, int $0x80 from 64-bit code
 *   i386:   int $0x80, __kernel_vsyscall (sysenter), the 32-bit syscall instruction
 *   arm64:  svc #0        arm: svc #0
 */
#include <ferry/probe.h>

#define CALLS 64	/* two of the kernel's 32-call reports per route */

#if defined(__x86_64__)
static long getpid_int80(void)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(20L) : "memory");	/* i386 getpid */
	return ret;
}
#elif defined(__i386__)
static unsigned long vsyscall;	/* AT_SYSINFO */

static long getpid_vsyscall(void)
{
	long ret;

	__asm__ __volatile__("call *%1" : "=a"(ret) : "m"(vsyscall), "a"(__NR_getpid) : "memory");
	return ret;
}

/* As routes.c's regs_syscall32: the vDSO's landing pad pops ebp, edx, ecx and returns. */
static long getpid_syscall32(void)
{
	long ret;

	__asm__ __volatile__("call 8f\n\t jmp 9f\n"
			     "8: push %%ecx\n\t push %%edx\n\t push %%ebp\n\t mov %%ecx, %%ebp\n\t"
			     "syscall\n9:"
			     : "=a"(ret) : "a"(__NR_getpid) : "memory");
	return ret;
}
#endif

static int bad;

static void route(long (*call)(void), long pid)
{
	for (int i = 0; i < CALLS; i++)
		if (call() != pid)
			bad++;
}

static long getpid_plain(void)
{
	return sys(getpid);
}

int main(void)
{
	long pid = sys(getpid);

#if defined(__x86_64__)
	route(getpid_plain, pid);
	route(getpid_int80, pid);
#elif defined(__i386__)
	vsyscall = getauxval(AT_SYSINFO);
	route(getpid_plain, pid);
	if (vsyscall)
		route(getpid_vsyscall, pid);
	route(getpid_syscall32, pid);
#else
	route(getpid_plain, pid);
#endif
	/* Only now print (a write is a syscall too: it would land in the samples). */
	ktap_plan(1);
	ktap_result(bad == 0, "kstack: getpid through every route returns the pid (%d wrong)", bad);
	return ktap_finish();
}
