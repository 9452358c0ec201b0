/* Model-specific registers: rdmsr/wrmsr and the numbers this kernel uses. */
#ifndef _ASM_X86_MSR_H
#define _ASM_X86_MSR_H

#include <asm/processor-flags.h>

#define MSR_IA32_APICBASE	0x0000001b
#define MSR_IA32_SYSENTER_CS	0x00000174	/* sysenter loads CS from here, SS = CS + 8 */
#define MSR_IA32_SYSENTER_ESP	0x00000175	/* and RSP from here */
#define MSR_IA32_SYSENTER_EIP	0x00000176	/* and RIP from here */
#define MSR_STAR		0xc0000081	/* syscall/sysret segment selectors */
#define MSR_LSTAR		0xc0000082	/* syscall target from 64-bit mode */
#define MSR_CSTAR		0xc0000083	/* syscall target from compatibility mode */
#define MSR_SYSCALL_MASK	0xc0000084	/* RFLAGS bits syscall clears */
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102	/* swapped with GS_BASE by swapgs */

#ifndef __ASSEMBLY__
#include <linux/types.h>

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)(val & 0xffffffffu)), "d"((u32)(val >> 32))
			     : "memory");
}

#endif
#endif
