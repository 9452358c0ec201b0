/* Reading kernel memory from user mode must kill only this process, with SIGSEGV (139). */
#include <ferry/probe.h>

#if defined(__x86_64__)
#define KERNEL_ADDR 0xffff888000000000UL	/* the kernel's direct map */
#elif defined(__aarch64__)
#define KERNEL_ADDR 0xffff000000000000UL	/* the kernel's linear map (TTBR1) */
#else
#define KERNEL_ADDR 0xfffff000UL		/* i386, arm: above the 32-bit task size */
#endif

int main(void)
{
	volatile unsigned long *p = (volatile unsigned long *)KERNEL_ADDR;

	printf("reading kernel address %#lx\n", (unsigned long)KERNEL_ADDR);
	(void)*p;
	printf("still alive: the read did not fault\n");
	return 1;
}
