/*
 * Syscall numbering, as Linux's syscall_numbering selftest checks it (our own version):
 *   x86_64 syscall: only the low 32 bits of rax count, as a signed int: (1 << 32) + getpid
 *   is getpid; -64..-1, the x32 range (bit 30), the table size and INT_MAX give -ENOSYS.
 *   i386 (int $0x80): negative numbers, the table size and INT_MAX give -ENOSYS.
 *   arm64 svc: negative numbers, the table size and INT_MAX give -ENOSYS.
 */
#include <ferry/probe.h>

#define ENOSYS 38

static long pid;

static void expect_enosys(long nr, const char *what)
{
	long r = sysnr(nr);

	ktap_result(r == -ENOSYS, "%s (%#lx) -> -ENOSYS (got %ld)", what, (unsigned long)nr, r);
}

int main(void)
{
	int bad = 0;

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
