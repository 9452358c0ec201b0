/*
 * Syscall numbering, as Linux's syscall_numbering selftest checks it (our own version):
 *   x86_64 syscall: only the low 32 bits of rax count, as a signed int: (1 << 32) + getpid
 *   is getpid; -64..-1, the x32 range (bit 30), the table size and INT_MAX give -ENOSYS.
 *   i386 (int $0x80): negative numbers, the table size and INT_MAX give -ENOSYS.
 *   arm64 svc: negative numbers, the table size and INT_MAX give -ENOSYS.
 *   arm svc (AArch32 EABI, number in r7), Linux's rules for numbers past the table:
 *     - up to 0x0effff: -ENOSYS; 0x0f0000..0x0f07ff is ARM's private range, where a call the
 *       kernel does not have gives -ENOSYS (usr26, usr32, 0x0f0007, 0x0f07ff) and
 *       cacheflush (0x0f0002) flushes a range;
 *     - from 0x0f0800 up: SIGILL at the svc, so that is the probe's last act (status 132).
 *     The two Linux kernels that run arm programs differ past that: a 32-bit ARM kernel
 *     (qemu-arm emulates one; uname says armv7l) raises SIGTRAP for breakpoint (0x0f0001),
 *     returns the TLS pointer for get_tls (0x0f0006) and SIGILL for r7 >= 0x80000000; an
 *     arm64 kernel's compat code (uname says aarch64) returns -ENOSYS for all three (it reads
 *     r7 as a signed int, so those numbers count as below 0x0f0800). The probe checks the
 *     rules of the kernel it finds, and says which.
 */
#include <ferry/probe.h>

#define ENOSYS 38
#define EINVAL 22

static long pid;

static void expect_enosys(long nr, const char *what)
{
	long r = sysnr(nr);

	ktap_result(r == -ENOSYS, "%s (%#lx) -> -ENOSYS (got %ld)", what, (unsigned long)nr, r);
}

#if defined(__arm__)
#define ARM_NR_BASE	0x0f0000
#define ARM_NR_PRIVATE_END	(ARM_NR_BASE + 0x800)

struct utsname {
	char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

static void test_arm(void)
{
	static struct utsname u;
	int bad = 0, arm32_kernel;
	unsigned long tls;

	sys(uname, &u);
	/* armv7l, armv6l...: a 32-bit ARM kernel; aarch64 (or armv8l under linux32): arm64. */
	arm32_kernel = !memcmp(u.machine, "armv", 4) && u.machine[4] < '8';
	printf("# numbering: %s kernel (uname machine %s)\n", arm32_kernel ? "32-bit ARM" : "arm64",
	       u.machine);
	ktap_plan(12);
	expect_enosys(__NR_syscalls, "table size");
	expect_enosys(__NR_syscalls + 100, "table size + 100");
	expect_enosys(ARM_NR_BASE - 1, "just below the private range");
	expect_enosys(ARM_NR_BASE, "private 0 (none)");
	expect_enosys(ARM_NR_BASE + 3, "private usr26");
	expect_enosys(ARM_NR_BASE + 4, "private usr32");
	expect_enosys(ARM_NR_BASE + 7, "private 7 (none)");
	expect_enosys(ARM_NR_PRIVATE_END - 1, "last private number");
	ktap_result(sysnr(ARM_NR_BASE + 2, (long)test_arm, (long)test_arm + 64, 0) == 0,
		    "private cacheflush over our own code = 0");
	ktap_result(sysnr(__NR_getpid) == pid, "getpid by number still works");
	if (arm32_kernel) {
		/* breakpoint and r7 >= 0x80000000 would end the probe here: not asked. */
		__asm__ __volatile__("mrc p15, 0, %0, c13, c0, 3" : "=r"(tls));
		ktap_result(sysnr(ARM_NR_BASE + 6) == (long)tls, "private get_tls returns TPIDRURO");
		ktap_result(1, "-64..-1 # SKIP a 32-bit ARM kernel raises SIGILL for them");
	} else {
		expect_enosys(ARM_NR_BASE + 1, "private breakpoint (not on arm64)");
		for (long n = -64; n <= -1; n++)
			if (sysnr(n) != -ENOSYS)
				bad++;
		bad += sysnr(ARM_NR_BASE + 6) != -ENOSYS;
		ktap_result(!bad, "-64..-1 and private get_tls all -> -ENOSYS");
	}
}
#endif

int main(void)
{
#if !defined(__arm__)
	int bad = 0;
#endif

	pid = sys(getpid);
#if defined(__x86_64__)
	ktap_plan(9);
	ktap_result(sysnr((1L << 32) + __NR_getpid) == pid, "high half of rax is ignored");
	ktap_result(sysnr(0xdeadbeef00000000L + __NR_getpid) == pid, "any high half is ignored");
	for (long n = -64; n <= -1; n++)
		if (sysnr(n) != -ENOSYS)
			bad++;
	ktap_result(!bad, "-64..-1 all -> -ENOSYS");
	bad = 0;
	for (long n = 0; n < 16; n++)
		if (sysnr(0x40000000L + n) != -ENOSYS)
			bad++;
	ktap_result(!bad, "x32 numbers (0x40000000 + 0..15) -> -ENOSYS");
	expect_enosys(0x40000000L + 512, "x32 compat range");
	expect_enosys(__NR_syscalls, "table size");
	expect_enosys(__NR_syscalls + 1, "table size + 1");
	expect_enosys(0x7fffffffL, "INT_MAX");
	expect_enosys((1L << 32) - 1, "(1 << 32) - 1 = -1 as an int");
#elif defined(__arm__)
	test_arm();
	if (ktap_finish())
		return 1;
	printf("numbering: svc with r7 = %#x (expect SIGILL)\n", ARM_NR_PRIVATE_END);
	sysnr(ARM_NR_PRIVATE_END);
	printf("numbering: still alive after r7 = %#x\n", ARM_NR_PRIVATE_END);
	return 2;
#else
	ktap_plan(5);
	for (long n = -64; n <= -1; n++)
		if (sysnr(n) != -ENOSYS)
			bad++;
	ktap_result(!bad, "-64..-1 all -> -ENOSYS");
	expect_enosys(__NR_syscalls, "table size");
	expect_enosys(__NR_syscalls + 100, "table size + 100");
	expect_enosys(0x7fffffffL, "INT_MAX");
	ktap_result(sysnr(__NR_getpid) == pid, "getpid by number still works");
#endif
	return ktap_finish();
}
