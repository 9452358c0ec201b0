/*
 * ac_entry: user code may set RFLAGS.AC (popf), and SMAP lets ring 0 touch user memory
 * whenever AC is set. So every way into the kernel must clear it: syscall through
 * MSR_SYSCALL_MASK, int $0x80 and interrupts with a clac at their entry (the IDT gates
 * leave AC alone). Booted with entry_test=ac_entry on a CPU with SMAP, the kernel looks at
 * its own AC after such entries and says what it found (arch/x86/entry/entry_test.c); this
 * probe makes the entries: getpid through syscall and through int $0x80 with AC set, then
 * a spin with AC set long enough for timer interrupts to arrive in it.
 *
 * Its own checks: AC is still set after each (iretq and sysretq give the user's RFLAGS
 * back), and the calls returned the pid.
 */
#include <ferry/probe.h>

#define X86_EFLAGS_AC	0x40000UL
#define SPIN		200000000UL	/* a few hundred ms under TCG: many timer ticks */

int main(void)
{
	unsigned long flags_syscall, flags_int80, flags_spin, n = SPIN;
	long pid = sys(getpid), r_syscall, r_int80;

	ktap_plan(3);
	__asm__ __volatile__(
		"pushfq\n orq %[ac], (%%rsp)\n popfq\n"	/* AC on */
		"mov $39, %%eax\n syscall\n"		/* getpid, x86_64 number */
		"mov %%rax, %[r1]\n"
		"pushfq\n popq %[f1]\n"
		"mov $20, %%eax\n int $0x80\n"		/* getpid, i386 number */
		"mov %%rax, %[r2]\n"
		"pushfq\n popq %[f2]\n"
		"1: dec %[n]\n jnz 1b\n"		/* interrupts arrive with AC on */
		"pushfq\n popq %[f3]\n"
		"pushfq\n andq %[noac], (%%rsp)\n popfq\n"	/* AC off */
		: [r1] "=&r"(r_syscall), [r2] "=&r"(r_int80), [f1] "=&r"(flags_syscall),
		  [f2] "=&r"(flags_int80), [f3] "=&r"(flags_spin), [n] "+r"(n)
		: [ac] "i"(X86_EFLAGS_AC), [noac] "i"(~X86_EFLAGS_AC)
		: "rax", "rcx", "r11", "memory", "cc");
	ktap_result(r_syscall == pid && r_int80 == pid, "getpid with AC set: %ld and %ld (pid %ld)",
		    r_syscall, r_int80, pid);
	ktap_result((flags_syscall & flags_int80 & X86_EFLAGS_AC) != 0,
		    "AC still set after syscall and int $0x80 (%#lx %#lx)", flags_syscall,
		    flags_int80);
	ktap_result((flags_spin & X86_EFLAGS_AC) != 0, "AC still set after the spin (%#lx)",
		    flags_spin);
	return 0;
}
