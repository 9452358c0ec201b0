/*
 * What the ELF loader (fs/binfmt_elf.c) asks the arch: which files it may run, where the
 * stack goes, the vDSO, and the registers a new program starts with.
 *
 * Only AArch64 programs (EM_AARCH64, ELFCLASS64) run: there is no AArch32 user space, so an
 * x86_64 or i386 file is refused with -ENOEXEC (init: "Failed to execute", status 126).
 */
#ifndef _ASM_ARM64_ELF_H
#define _ASM_ARM64_ELF_H

#include <linux/types.h>
#include <linux/elf.h>
#include <asm/processor.h>

struct mm_struct;
struct pt_regs;

#define elf_check_arch(eh)		((eh)->e_machine == EM_AARCH64)
#define ELF_HAS_COMPAT			0
#define compat_elf_check_arch(eh)	0

#define ELF_PLATFORM		"aarch64"
#define COMPAT_ELF_PLATFORM	ELF_PLATFORM	/* never used: no compat programs */
#define UTS_MACHINE		"aarch64"
/* AT_HWCAP: Linux's HWCAP_* bits for what this CPU has (kernel/cpufeature.c). */
#define ELF_HWCAP		(arm64_elf_hwcap())
unsigned long arm64_elf_hwcap(void);

/* The initial stack ends at the top of the user half, as on Linux (before randomisation). */
static inline unsigned long arch_stack_top(bool compat)
{
	return TASK_SIZE_MAX;
}

/* No arm64 vDSO yet: no AT_SYSINFO_EHDR, and AT_SYSINFO is an x86-only entry anyway. */
static inline unsigned long arch_setup_additional_pages(struct mm_struct *mm, bool compat)
{
	return 0;
}

static inline unsigned long arch_vdso_sysinfo(struct mm_struct *mm, bool compat)
{
	return 0;
}

/* Fresh user registers: pc = entry, sp = the initial stack, EL0t (kernel/process.c). */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp, bool compat);

#endif
