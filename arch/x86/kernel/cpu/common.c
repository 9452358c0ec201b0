// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU setup for user mode: the syscall and sysenter MSRs (syscall_init, run on every CPU:
 * MSRs are per CPU) and what the CPU tells programs about itself (AT_HWCAP). The FPU's setup
 * is in kernel/fpu.c.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/elf.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/percpu.h>
#include <asm/vdso.h>

extern const char entry_SYSCALL_64[], entry_SYSCALL_compat[], entry_SYSENTER_compat[];

/* The entry assembly reaches these fields by offset (asm/percpu.h). */
BUILD_BUG_ON(__builtin_offsetof(struct pcpu_hot, top_of_stack) != PCPU_TOP_OF_STACK);
BUILD_BUG_ON(__builtin_offsetof(struct pcpu_hot, current_task) != PCPU_CURRENT);
BUILD_BUG_ON(__builtin_offsetof(struct pcpu_hot, user_sp) != PCPU_USER_SP);

/* Intel and its followers run sysenter in compatibility mode; AMD and Hygon do not. */
static bool cpu_has_sysenter32(void)
{
	u32 eax, vendor[3];
	char name[13];

	cpuid(0, &eax, &vendor[0], &vendor[2], &vendor[1]);	/* EBX EDX ECX spell it */
	memcpy(name, vendor, 12);
	name[12] = 0;
	return !strcmp(name, "GenuineIntel") || !strcmp(name, "CentaurHauls") ||
	       !strcmp(name, "  Shanghai  ");
}

void syscall_init(void)
{
	/*
	 * STAR[47:32]: syscall loads CS = __KERNEL_CS and SS = CS + 8 (__KERNEL_DS).
	 * STAR[63:48]: sysret loads CS = this (32-bit: __USER32_CS) or this + 16 (64-bit:
	 * __USER_CS), and SS = this + 8 (__USER_DS): the GDT order of asm/segment.h.
	 */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (unsigned long)entry_SYSCALL_64);
	wrmsr(MSR_CSTAR, (unsigned long)entry_SYSCALL_compat);
	wrmsr(MSR_SYSCALL_MASK, X86_SYSCALL_MASK);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);

	/*
	 * sysenter: CS = __KERNEL_CS, SS = CS + 8; RSP = the current task's kernel stack top,
	 * written by set_current_task() (0 until there is a task); RIP = the entry.
	 */
	wrmsr(MSR_IA32_SYSENTER_CS, __KERNEL_CS);
	wrmsr(MSR_IA32_SYSENTER_ESP, this_cpu_hot()->top_of_stack);
	wrmsr(MSR_IA32_SYSENTER_EIP, (unsigned long)entry_SYSENTER_compat);

	/* The 32-bit vDSO image is one for all CPUs: the boot CPU chooses its instruction. */
	if (this_cpu_hot()->cpu_number == 0)
		vdso32_setup_entry(cpu_has_sysenter32());
}

unsigned long x86_elf_hwcap(void)
{
	u32 a, b, c, d;

	cpuid(1, &a, &b, &c, &d);
	return d;
}
