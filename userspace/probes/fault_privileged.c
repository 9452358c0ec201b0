/*
 * A privileged instruction in user mode: x86 "hlt" raises #GP (SIGSEGV, 139); on arm64,
 * reading a system register of EL1 is undefined at EL0 (SIGILL, 132); on arm, so is reading
 * the system control register (SCTLR) through CP15.
 */
#include <ferry/probe.h>

int main(void)
{
	printf("executing a privileged instruction\n");
#if defined(__x86_64__) || defined(__i386__)
	__asm__ __volatile__("hlt");
#elif defined(__arm__)
	unsigned long v;

	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(v));
#else
	unsigned long v;

	__asm__ __volatile__("mrs %0, ttbr1_el1" : "=r"(v));
#endif
	printf("still alive: the instruction did not trap\n");
	return 1;
}
