/*
 * Single-stepping into a syscall (x86: TF set by popf, then syscall / int $0x80).
 *
 * The entry must not let the user's TF trap in the kernel (MSR_SYSCALL_MASK clears it for
 * syscall, the int $0x80 gate clears it), and the return must hand TF back so the trap
 * comes in user mode after the next user instruction — as if the syscall were a normal
 * instruction. sysretq cannot do that (the trap would hit before the next instruction), so
 * entry_SYSCALL_64 sends a TF frame through iretq. With no signal handlers yet, the
 * SIGTRAP kills the probe: status 133, and the kernel's message names the trapping ip,
 * which must be the label after the instruction that follows the syscall.
 */
#include <ferry/probe.h>

extern char after_step[];

int main(void)
{
	printf("TF set, then a syscall: SIGTRAP expected at %p\n", (void *)after_step);
#if defined(__x86_64__)
	__asm__ __volatile__(
		"mov $39, %%eax\n"		/* getpid */
		"pushfq\n orq $0x100, (%%rsp)\n popfq\n"
		"syscall\n"
		"nop\n"				/* runs; the trap is reported after it */
		".globl after_step\nafter_step:\n"
		"nop\n"
		::: "rax", "rcx", "r11", "memory");
#elif defined(__i386__)
	__asm__ __volatile__(
		"mov $20, %%eax\n"		/* getpid */
		"pushfl\n orl $0x100, (%%esp)\n popfl\n"
		"int $0x80\n"
		"nop\n"
		".globl after_step\nafter_step:\n"
		"nop\n"
		::: "eax", "memory");
#endif
	printf("still alive: no single-step trap\n");
	return 1;
}
