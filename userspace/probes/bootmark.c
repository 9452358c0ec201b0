/*
 * The boot-to-prompt figure (scripts/bench/boot_prompt.py): the userland's /etc/profile runs
 * this just before the shell's first prompt when the kernel command line has bootmark=1, and
 * it prints the cycle counter, which under QEMU's -icount counts guest instructions since the
 * machine started (x86: TSC, one tick per instruction at shift 0; arm64 and arm: CNTVCT, one
 * tick per instruction at shift 4; docs/benchmarks.md).
 *
 *   BOOTMARK abi=x86_64 ticks=123456789
 */
#include <ferry/bench.h>

int main(void)
{
	printf("BOOTMARK abi=%s ticks=%llu\n", ABI, read_counter());
	return 0;
}
