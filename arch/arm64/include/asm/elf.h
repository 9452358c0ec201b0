/*
 * What the ELF loader (fs/binfmt_elf.c) asks the arch: which files it may run, where the
 * stack goes, the extra pages, and the registers a new program starts with.
 *
 * AArch64 programs (EM_AARCH64, ELFCLASS64) and, on a CPU whose EL0 runs AArch32 too,
 * AArch32 ones (EM_ARM, ELFCLASS32, an EABI version in e_flags: Linux's CONFIG_COMPAT
 * "arm" programs). Anything else is refused with -ENOEXEC (init: "Failed to execute",
 * status 126); an arm program on an AArch64-only CPU says so on the console first.
 */
#ifndef _ASM_ARM64_ELF_H
#define _ASM_ARM64_ELF_H

#include <linux/types.h>
#include <linux/elf.h>
#include <asm/processor.h>

struct mm_struct;
struct pt_regs;

#define EF_ARM_EABI_MASK	0xff000000	/* EABI version (5 today); 0: the old ABI */

#define elf_check_arch(eh)		((eh)->e_machine == EM_AARCH64)
#define ELF_HAS_COMPAT			1
#define compat_elf_check_arch(eh)	arm64_compat_elf_check_arch(eh)
bool arm64_compat_elf_check_arch(const Elf32_Ehdr *eh);	/* process.c */
bool system_supports_32bit_el0(void);			/* cpufeature.c */

#define ELF_PLATFORM		"aarch64"
#define COMPAT_ELF_PLATFORM	"v8l"		/* AT_PLATFORM of AArch32 tasks, as Linux */
#define UTS_MACHINE		"aarch64"
/* AT_HWCAP: Linux's HWCAP_* bits for what this CPU has (kernel/cpufeature.c). */
#define ELF_HWCAP		(arm64_elf_hwcap())
unsigned long arm64_elf_hwcap(void);
/* AT_HWCAP and AT_HWCAP2 of AArch32 tasks: the 32-bit ARM bits (COMPAT_HWCAP_*). */
#define COMPAT_ELF_HWCAP	(arm64_compat_elf_hwcap())
#define COMPAT_ELF_HWCAP2	(arm64_compat_elf_hwcap2())
unsigned long arm64_compat_elf_hwcap(void);
unsigned long arm64_compat_elf_hwcap2(void);

/*
 * Top of an AArch32 task: the kuser helpers page at 0xffff0000 (kuser32.S) up to
 * TASK_SIZE_32, the initial stack just below it (Linux's compat STACK_TOP). AArch64
 * tasks: the stack ends at the top of the user half, as on Linux (before randomisation).
 */
#define AARCH32_VECTORS_BASE	0xffff0000UL

static inline unsigned long arch_stack_top(bool compat)
{
	return compat ? AARCH32_VECTORS_BASE : TASK_SIZE_MAX;
}

/*
 * [vvar] and the vDSO for both states, and for AArch32 tasks the kuser helpers page and
 * [sigpage] too (kernel/vdso.c). Returns the vDSO's address for AT_SYSINFO_EHDR (0: none).
 * AT_SYSINFO is an x86-only entry.
 */
unsigned long arch_setup_additional_pages(struct mm_struct *mm, bool compat);

static inline unsigned long arch_vdso_sysinfo(struct mm_struct *mm, bool compat)
{
	return 0;
}

/*
 * Fresh user registers: pc = entry, sp = the initial stack, EL0t; for an AArch32 program
 * (compat) AArch32 User mode, Thumb if bit 0 of the entry is set (kernel/process.c).
 */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp, bool compat);

#endif
