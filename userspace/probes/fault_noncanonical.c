/*
 * Jump to an address user space cannot execute: on x86_64 a non-canonical one (the jump
 * itself raises #GP), on arm64 a kernel (TTBR1) one. Either way: SIGSEGV, status 139.
 */
#include <ferry/probe.h>

int main(void)
{
#if defined(__x86_64__)
	void (*f)(void) = (void (*)(void))0x0000800000000000UL;
#else
	void (*f)(void) = (void (*)(void))0xffff000000001000UL;
#endif
	printf("jumping to %p\n", (void *)f);
	f();
	printf("still alive\n");
	return 1;
}
