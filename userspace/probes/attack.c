/*
 * attack: a hostile program against the kernel's boundaries (issue 16, docs/hardening.md),
 * on every ABI, with Linux's answers (the same binary under qemu-user, and natively on an
 * x86_64 Linux host for x86_64 and i386):
 *   - reading, writing and executing kernel addresses kills with SIGSEGV, si_code
 *     SEGV_MAPERR and si_addr the address (Linux: there is no user area there);
 *   - a kernel address as the pointer of a syscall that takes one is EFAULT, and the call
 *     leaves nothing behind: a write from it puts no byte into the pipe, a read into it
 *     takes no byte out, pipe2 into it leaves no file descriptor open, wait4 into it still
 *     reaps the child (as Linux);
 *   - executing user data (an untouched and a written PROT_READ|PROT_WRITE page, the stack)
 *     is SIGSEGV with SEGV_ACCERR at the address: NX / UXN on user data;
 *   - x86: loading a kernel segment selector (DS, SS, a far jump to the kernel's CS) is
 *     #GP: SIGSEGV, SI_KERNEL, si_addr 0; arm64: masking interrupts (msr daifset) traps
 *     (SIGILL); arm: writing the mode bits of CPSR in user mode leaves the mode USR.
 * (Forged sigreturn frames — CS/SS on x86, PSTATE/CPSR on arm — are sigframe_x86.c's and
 * sigframe_arm.c's.) Each attack runs in a child with its own handler, which reports the
 * siginfo through a shared page and exits: the parent judges.
 *
 * Linux's answers: Debian's Linux 6.1 booted with this probe as init passes every check on
 * all four ABIs. qemu-user 7.2 gets a few wrong (it leaves pipe2's host descriptors open,
 * ignores clock_getres' failed copy-out, and on arm64 reports si_addr 0 or ILL_ILLOPN for
 * some of these traps): under qemu-user those checks are a SKIP naming the gap, never on
 * Ferry or a booted Linux, where the probe is init (or init's child).
 */
#include <ferry/probe.h>
#include <ferry/usys.h>

#define EINVAL 22
#define EFAULT 14
#define EAGAIN 11
#define ECHILD 10
#define ENOSYS 38
#define SIGILL 4
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGCHLD 17
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000
#define SEGV_MAPERR 1
#define ILL_ILLOPC 1
#define SI_KERNEL 0x80
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_SHARED 1
#define MAP_ANONYMOUS 0x20
#define O_RDONLY 0
#define O_DIRECTORY_X86 0200000
#define O_DIRECTORY_ARM 040000
#define O_NONBLOCK 04000
#define AT_FDCWD (-100)
#define CLOCK_MONOTONIC 1
#define RUSAGE_SELF 0
#define RLIMIT_NOFILE 7
#define FUTEX_WAKE 1
#define ITIMER_REAL 0
#define FIONREAD 0x541b
#define SIG_BLOCK 0

#if defined(__arm__) || defined(__aarch64__)
#define O_DIRECTORY O_DIRECTORY_ARM
#else
#define O_DIRECTORY O_DIRECTORY_X86
#endif

/*
 * Kernel addresses by ABI: 64-bit, the kernel's direct (linear) map, its image and the top
 * page; 32-bit, the pages above the task's limit (i386 0xffffe000, arm 0xfffff000; arm's
 * 0xffff0000 is the kuser helpers page, user-readable on purpose, so not among them).
 */
#if defined(__x86_64__)
static const unsigned long kaddrs[] = { 0xffff888000000000UL, 0xffffffff80200000UL,
					0xfffffffffffff000UL };
#elif defined(__aarch64__)
static const unsigned long kaddrs[] = { 0xffff000000000000UL, 0xffff800080000000UL,
					0xfffffffffffff000UL };
#elif defined(__i386__)
static const unsigned long kaddrs[] = { 0xffffe000UL, 0xfffff000UL };
#else
static const unsigned long kaddrs[] = { 0xfffff000UL, 0xfffffff0UL };
#endif
#define NKADDRS (int)(sizeof(kaddrs) / sizeof(kaddrs[0]))

static int under_qemu_user;

struct ksigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	unsigned long long mask;
};

#if defined(__x86_64__)
__asm__(".text\n.globl attack_restore_rt\nattack_restore_rt:\n\tmov $15, %rax\n\tsyscall\n\thlt\n");
extern char attack_restore_rt[];
#define RESTORER attack_restore_rt
#define RESTORER_FLAG SA_RESTORER
#elif defined(__i386__)
__asm__(".text\n.globl attack_restore_rt\nattack_restore_rt:\n\tmov $173, %eax\n\tint $0x80\n\thlt\n");
extern char attack_restore_rt[];
#define RESTORER attack_restore_rt
#define RESTORER_FLAG SA_RESTORER
#else
#define RESTORER 0
#define RESTORER_FLAG 0
#endif

/* What the child's handler saw, in a page shared with the parent. */
struct report {
	int signo, code;
	unsigned long addr;
	unsigned long want;	/* an address only the child knows (exec_stack) */
};

static struct report *rep;

#define HANDLER_EXIT 0x5e	/* the child's status when its handler ran */
#define SURVIVED_EXIT 0x11	/* ... when the attack did not trap */

static void report_handler(int sig, void *si, void *uc)
{
	int *w = si;

	(void)sig;
	(void)uc;
	rep->signo = w[0];
	rep->code = w[2];
	/* si_addr follows si_signo, si_errno, si_code (and padding to 8 on 64-bit ABIs). */
	rep->addr = *(unsigned long *)((char *)si + (sizeof(long) == 8 ? 16 : 12));
	sys(exit_group, HANDLER_EXIT);
}

static void handle(int sig, void *fn)
{
	struct ksigaction sa = { fn, SA_SIGINFO | RESTORER_FLAG, RESTORER, 0 };

	sys(rt_sigaction, sig, &sa, 0, 8);
}

static long map_shared(unsigned long len)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#else
	return sys(mmap, 0, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#endif
}

/* Run fn(arg) in a child whose SIGSEGV/SIGILL handler fills *rep; return its wait status. */
static int in_child(void (*fn)(unsigned long), unsigned long arg)
{
	long pid;
	int status = -1;

	memset(rep, 0, sizeof(*rep));
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		handle(SIGSEGV, report_handler);
		handle(SIGILL, report_handler);
		fn(arg);
		sys(exit_group, SURVIVED_EXIT);
	}
	sys(wait4, pid, &status, 0, 0);
	return status;
}

/* Exited through the handler with this signal, code and address. */
static int trapped(int status, int signo, int code, unsigned long addr)
{
	return (status & 0x7f) == 0 && ((status >> 8) & 0xff) == HANDLER_EXIT &&
	       rep->signo == signo && rep->code == code && rep->addr == addr;
}

static void ktap_trap(int status, int signo, int code, unsigned long addr, const char *what,
		      unsigned long a)
{
#if defined(__aarch64__)
	if (under_qemu_user && !trapped(status, signo, code, addr) && rep->signo == signo) {
		ktap_result(1, "%s %#lx # SKIP qemu-user's siginfo differs (code %#x addr %#lx)",
			    what, a, rep->code, rep->addr);
		return;
	}
#endif
	ktap_result(trapped(status, signo, code, addr),
		    "%s %#lx: signal %d code %#x addr %#lx (want %d %#x %#lx; status %#x)",
		    what, a, rep->signo, rep->code, rep->addr, signo, code, addr, status);
}

/* ---- user mode against kernel memory ---- */

static void read_at(unsigned long a)
{
	(void)*(volatile unsigned long *)a;
}

static void write_at(unsigned long a)
{
	*(volatile unsigned long *)a = 0x41;
}

static void exec_at(unsigned long a)
{
	((void (*)(void))a)();
}

static void test_kernel_memory(void)
{
	for (int i = 0; i < NKADDRS; i++) {
		unsigned long a = kaddrs[i];

		ktap_trap(in_child(read_at, a), SIGSEGV, SEGV_MAPERR, a, "read", a);
		ktap_trap(in_child(write_at, a), SIGSEGV, SEGV_MAPERR, a, "write", a);
		ktap_trap(in_child(exec_at, a), SIGSEGV, SEGV_MAPERR, a, "execute", a);
	}
}

/* ---- user data is not executable (NX, UXN) ---- */

#define SEGV_ACCERR 2
#define NNX 3

static void exec_stack(unsigned long unused)
{
	volatile unsigned int code[4] = { 0 };

	(void)unused;
	rep->want = (unsigned long)code;	/* for the parent: where it was */
	((void (*)(void))(unsigned long)code)();
}

static void test_user_nx(void)
{
	unsigned long untouched = map_shared(4096), written = map_shared(4096), stack;

	memset((void *)written, 0, 64);
	ktap_trap(in_child(exec_at, untouched), SIGSEGV, SEGV_ACCERR, untouched,
		  "execute an untouched read-write page", untouched);
	ktap_trap(in_child(exec_at, written), SIGSEGV, SEGV_ACCERR, written,
		  "execute a written read-write page", written);
	in_child(exec_stack, 0);
	stack = rep->want;
	ktap_result(rep->signo == SIGSEGV && rep->code == SEGV_ACCERR && rep->addr == stack &&
		    stack, "execute the stack: signal %d code %#x addr %#lx (want %d %#x %#lx)",
		    rep->signo, rep->code, rep->addr, SIGSEGV, SEGV_ACCERR, stack);
}

/* ---- privileged state from user mode ---- */

#if defined(__x86_64__) || defined(__i386__)
#define KERNEL_CS 0x10
#define KERNEL_DS 0x18

static void load_ds(unsigned long sel)
{
	__asm__ __volatile__("mov %0, %%ds" : : "r"((unsigned short)sel) : "memory");
}

static void load_ss(unsigned long sel)
{
	__asm__ __volatile__("mov %0, %%ss" : : "r"((unsigned short)sel) : "memory");
}

static void far_jump(unsigned long sel)
{
	struct __attribute__((packed)) { unsigned int off; unsigned short sel; } target =
		{ 0, (unsigned short)sel };

	__asm__ __volatile__("ljmp *%0" : : "m"(target) : "memory");
}

static void test_privileged(void)
{
	for (unsigned long rpl = 0; rpl <= 3; rpl += 3) {
		ktap_trap(in_child(load_ds, KERNEL_DS | rpl), SIGSEGV, SI_KERNEL, 0,
			  "mov to DS of the kernel's data selector", KERNEL_DS | rpl);
		ktap_trap(in_child(load_ss, KERNEL_DS | rpl), SIGSEGV, SI_KERNEL, 0,
			  "mov to SS of the kernel's data selector", KERNEL_DS | rpl);
		ktap_trap(in_child(far_jump, KERNEL_CS | rpl), SIGSEGV, SI_KERNEL, 0,
			  "far jump to the kernel's code selector", KERNEL_CS | rpl);
	}
	/*
	 * The LDT: Ferry has none (modify_ldt is ENOSYS), so selector 7 (index 0, TI set,
	 * RPL 3) names nothing and loading it is #GP, as on a Linux process that never
	 * called modify_ldt. Linux implements modify_ldt (reading an empty LDT gives 0 bytes);
	 * either way no call may hand user code a descriptor of its choice unchecked.
	 */
	char ldt[16];
	long r = sys(modify_ldt, 0, ldt, sizeof(ldt));

	ktap_result(r == -ENOSYS || r == 0, "modify_ldt(read): ENOSYS, or Linux's empty LDT (%ld)", r);
	/*
	 * A write (func 0x11, struct user_desc) of a descriptor Linux refuses: contents 3 is a
	 * conforming code segment, which Linux's write_ldt() only accepts marked not present.
	 * ENOSYS from Ferry, EINVAL from Linux (and qemu-user); 0 would mean a descriptor
	 * went in unchecked.
	 */
	struct {
		unsigned int entry_number, base_addr, limit;
		unsigned int seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
			     seg_not_present : 1, useable : 1, lm : 1;
	} desc = { .entry_number = 0, .limit = 0xfffff, .seg_32bit = 1, .contents = 3,
		   .limit_in_pages = 1, .seg_not_present = 0, .useable = 1 };

	r = sys(modify_ldt, 0x11, &desc, sizeof(desc));
	ktap_result(r == -ENOSYS || r == -EINVAL,
		    "modify_ldt(write) of a present conforming code segment: ENOSYS or EINVAL (%ld)", r);
	ktap_trap(in_child(load_ds, 7), SIGSEGV, SI_KERNEL, 0, "mov to DS of an LDT selector", 7);
}
#define NPRIV 9
#elif defined(__aarch64__)
__asm__(".text\n.globl attack_daifset\nattack_daifset:\n\tmsr daifset, #2\n\tret\n");
extern char attack_daifset[];

static void mask_irqs(unsigned long unused)
{
	(void)unused;
	((void (*)(void))attack_daifset)();
}

static void test_privileged(void)
{
	ktap_trap(in_child(mask_irqs, 0), SIGILL, ILL_ILLOPC, (unsigned long)attack_daifset,
		  "msr daifset (mask IRQs) at EL0", 0);
}
#define NPRIV 1
#else
static void test_privileged(void)
{
	unsigned long cpsr;

	/* In USR mode, MSR CPSR_c writes no mode or mask bit (Arm ARM: unprivileged writes). */
	__asm__ __volatile__("mrs %0, cpsr\n\t"
			     "bic %0, %0, #0x1f\n\t"
			     "orr %0, %0, #0xd3\n\t"	/* SVC mode, IRQ and FIQ masked */
			     "msr cpsr_c, %0\n\t"
			     "mrs %0, cpsr" : "=r"(cpsr) : : "memory");
	ktap_result((cpsr & 0xdf) == 0x10, "msr cpsr_c to SVC mode: still USR, unmasked (cpsr %#lx)",
		    cpsr);
}
#define NPRIV 1
#endif

/* ---- kernel addresses as syscall pointers ---- */

#define EFAULT_CASE(name, call) do {						\
	long __r = (call);							\
	ktap_result(__r == -EFAULT, "%s: %ld", name, __r);			\
} while (0)

static void test_syscalls(unsigned long k)
{
	int p[2] = { -1, -1 }, probe_fd, again;
	char buf[64];
	long r, ts[2] = { 0, 0 }, dir;
	struct { unsigned long base, len; } iov = { k, 16 };
	long pid;
	int status;

	printf("# kernel pointer %#lx\n", k);
	/* The pipe, non-blocking, with 16 bytes in it. */
	r = sys(pipe2, p, O_NONBLOCK);
	ktap_result(r == 0, "pipe2 for the pipe tests: %ld", r);
	memcpy(buf, "0123456789abcdef", 16);
	sys(write, p[1], buf, 16);

	/* read into kernel memory: EFAULT, and the 16 bytes are still there. */
	EFAULT_CASE("read(pipe, kernel, 16)", sys(read, p[0], k, 16));
	EFAULT_CASE("readv(pipe, {kernel, 16})", sys(readv, p[0], &iov, 1));
	EFAULT_CASE("readv(pipe, kernel iovec)", sys(readv, p[0], k, 1));
	memset(buf, 0, sizeof(buf));
	r = sys(read, p[0], buf, sizeof(buf));
	ktap_result(r == 16 && !memcmp(buf, "0123456789abcdef", 16),
		    "the pipe still holds its 16 bytes after the failed reads: %ld", r);
	/* write from kernel memory: EFAULT, and not a byte of it reaches the pipe. */
	EFAULT_CASE("write(pipe, kernel, 16)", sys(write, p[1], k, 16));
	EFAULT_CASE("writev(pipe, {kernel, 16})", sys(writev, p[1], &iov, 1));
	r = sys(read, p[0], buf, sizeof(buf));
	ktap_result(r == -EAGAIN, "the pipe is empty after the failed writes: %ld", r);
	EFAULT_CASE("ioctl(pipe, FIONREAD, kernel)", sys(ioctl, p[0], FIONREAD, k));

	/* pipe2 into kernel memory: EFAULT, and no descriptor left open. */
	probe_fd = sys(dup, 1);
	sys(close, probe_fd);
	EFAULT_CASE("pipe2(kernel, 0)", sys(pipe2, k, 0));
	again = sys(dup, 1);
	sys(close, again);
	if (under_qemu_user && again != probe_fd)
		ktap_result(1, "pipe2's failure left no descriptor open # SKIP qemu-user leaves "
			    "the host pipe's descriptors open");
	else
		ktap_result(again == probe_fd, "pipe2's failure left no descriptor open (next %d, "
			    "was %d)", again, probe_fd);
	sys(close, p[0]);
	sys(close, p[1]);

	/* Paths and file metadata. */
	EFAULT_CASE("openat(kernel path)", sys(openat, AT_FDCWD, k, O_RDONLY));
#if defined(__NR_newfstatat)
	EFAULT_CASE("newfstatat(kernel path)", sys(newfstatat, AT_FDCWD, k, buf, 0));
	EFAULT_CASE("newfstatat(\"/\", kernel buf)", sys(newfstatat, AT_FDCWD, "/", k, 0));
	EFAULT_CASE("fstat(0, kernel buf)", sys(fstat, 0, k));
#else
	EFAULT_CASE("fstatat64(kernel path)", sys(fstatat64, AT_FDCWD, k, buf, 0));
	EFAULT_CASE("fstatat64(\"/\", kernel buf)", sys(fstatat64, AT_FDCWD, "/", k, 0));
	EFAULT_CASE("fstat64(0, kernel buf)", sys(fstat64, 0, k));
#endif
	EFAULT_CASE("statx(\"/\", kernel buf)", sys(statx, AT_FDCWD, "/", 0, 0x7ff, k));
	EFAULT_CASE("chdir(kernel path)", sys(chdir, k));
	EFAULT_CASE("mkdirat(kernel path)", sys(mkdirat, AT_FDCWD, k, 0755));
	EFAULT_CASE("readlinkat(kernel path)", sys(readlinkat, AT_FDCWD, k, buf, 16));
	EFAULT_CASE("execve(kernel path)", sys(execve, k, 0, 0));
	EFAULT_CASE("getcwd(kernel, 64)", sys(getcwd, k, 64));
	dir = sys(openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY);
	EFAULT_CASE("getdents64(\"/\", kernel, 4096)", sys(getdents64, dir, k, 4096));
	sys(close, dir);

	/* The system and the process. */
	EFAULT_CASE("uname(kernel)", sys(uname, k));
	EFAULT_CASE("sysinfo(kernel)", sys(sysinfo, k));
	EFAULT_CASE("times(kernel)", sys(times, k));
	EFAULT_CASE("getrusage(SELF, kernel)", sys(getrusage, RUSAGE_SELF, k));
	EFAULT_CASE("prlimit64(NOFILE, kernel new)", sys(prlimit64, 0, RLIMIT_NOFILE, k, 0));
	EFAULT_CASE("prlimit64(NOFILE, kernel old)", sys(prlimit64, 0, RLIMIT_NOFILE, 0, k));
	EFAULT_CASE("getresuid(kernel x3)", sys(getresuid, k, k, k));
	EFAULT_CASE("getrandom(kernel, 16)", sys(getrandom, k, 16, 0));
	EFAULT_CASE("sched_getaffinity(kernel)", sys(sched_getaffinity, 0, 128, k));
	EFAULT_CASE("futex(kernel, WAKE)", sys(futex, k, FUTEX_WAKE, 1, 0, 0, 0));
#if defined(__x86_64__)
	EFAULT_CASE("arch_prctl(ARCH_GET_FS, kernel)", sys(arch_prctl, 0x1003, k));
#elif defined(__i386__)
	EFAULT_CASE("set_thread_area(kernel)", sys(set_thread_area, k));
	EFAULT_CASE("get_thread_area(kernel)", sys(get_thread_area, k));
#endif

	/* Time. */
	EFAULT_CASE("clock_gettime(MONOTONIC, kernel)", sys(clock_gettime, CLOCK_MONOTONIC, k));
	r = sys(clock_getres, CLOCK_MONOTONIC, k);
	if (under_qemu_user && r == 0)
		ktap_result(1, "clock_getres(MONOTONIC, kernel) # SKIP qemu-user ignores the failed "
			    "copy-out");
	else
		EFAULT_CASE("clock_getres(MONOTONIC, kernel)", r);
#if defined(__NR_gettimeofday)
	EFAULT_CASE("gettimeofday(kernel)", sys(gettimeofday, k, 0));
#endif
	EFAULT_CASE("clock_nanosleep(kernel request)",
		    sys(clock_nanosleep, CLOCK_MONOTONIC, 0, k, 0));
	EFAULT_CASE("getitimer(REAL, kernel)", sys(getitimer, ITIMER_REAL, k));
	EFAULT_CASE("setitimer(REAL, kernel new)", sys(setitimer, ITIMER_REAL, k, 0));

	/* Signals. */
	EFAULT_CASE("rt_sigaction(USR1, kernel act)", sys(rt_sigaction, SIGUSR1, k, 0, 8));
	EFAULT_CASE("rt_sigaction(USR1, kernel oldact)", sys(rt_sigaction, SIGUSR1, 0, k, 8));
	EFAULT_CASE("rt_sigprocmask(kernel set)", sys(rt_sigprocmask, SIG_BLOCK, k, 0, 8));
	EFAULT_CASE("rt_sigprocmask(kernel oldset)", sys(rt_sigprocmask, SIG_BLOCK, 0, k, 8));
	EFAULT_CASE("rt_sigpending(kernel)", sys(rt_sigpending, k, 8));
	EFAULT_CASE("sigaltstack(kernel new)", sys(sigaltstack, k, 0));
	EFAULT_CASE("sigaltstack(kernel old)", sys(sigaltstack, 0, k));
	pid = sys(getpid);
	EFAULT_CASE("rt_sigqueueinfo(self, USR1, kernel)", sys(rt_sigqueueinfo, pid, SIGUSR1, k));
	EFAULT_CASE("rt_sigtimedwait(kernel set)", sys(rt_sigtimedwait, k, 0, ts, 8));
	EFAULT_CASE("ppoll(kernel fds, 1)", sys(ppoll, k, 1, ts, 0, 8));

	/* wait4 into kernel memory: EFAULT, and the child is reaped all the same (Linux). */
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		sys(exit_group, 7);
	status = 0;
	EFAULT_CASE("wait4(child, kernel status)", sys(wait4, pid, k, 0, 0));
	r = sys(wait4, pid, &status, 1, 0);
	ktap_result(r == -ECHILD, "the child was reaped by the failed wait4: %ld", r);
}

/* The EFAULT_CASE and ktap_result lines of test_syscalls, per kernel pointer. */
#if defined(__i386__)
#define NSYS 52
#elif defined(__x86_64__)
#define NSYS 51
#else
#define NSYS 50
#endif

int main(void)
{
	under_qemu_user = sys(getppid) > 1;
	rep = (struct report *)map_shared(4096);
	ktap_plan(NKADDRS * 3 + NNX + NPRIV + 2 * NSYS);
	test_kernel_memory();
	test_user_nx();
	test_privileged();
	test_syscalls(kaddrs[0]);
	test_syscalls(kaddrs[NKADDRS - 1]);
	return ktap_finish();
}
