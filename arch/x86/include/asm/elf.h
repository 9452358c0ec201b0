/*
 * What the ELF loader (fs/binfmt_elf.c) asks the arch: which files it may run, where the
 * stack goes, the vDSO, and the registers a new program starts with.
 */
#ifndef _ASM_X86_ELF_H
#define _ASM_X86_ELF_H

#include <linux/types.h>
#include <linux/elf.h>

struct mm_struct;
struct pt_regs;

#define elf_check_arch(eh)		((eh)->e_machine == EM_X86_64)
/* i386 programs run in compatibility mode with the 32-bit syscall table. */
#define ELF_HAS_COMPAT			1
#define compat_elf_check_arch(eh)	((eh)->e_machine == EM_386)

#define ELF_PLATFORM		"x86_64"
#define COMPAT_ELF_PLATFORM	"i686"
#define UTS_MACHINE		"x86_64"
/* AT_HWCAP: CPUID leaf 1 EDX, as Linux passes it (kernel/cpu/common.c). */
#define ELF_HWCAP		(x86_elf_hwcap())
unsigned long x86_elf_hwcap(void);

/* Top of the initial stack (kernel/process_64.c): below the vDSO for 32-bit programs. */
unsigned long arch_stack_top(bool compat);
/* Map the 32-bit vDSO into a compat mm; its base (AT_SYSINFO_EHDR), or 0. entry/vdso/vma.c */
unsigned long arch_setup_additional_pages(struct mm_struct *mm, bool compat);
/* AT_SYSINFO: __kernel_vsyscall in that vDSO (0 for 64-bit programs). */
unsigned long arch_vdso_sysinfo(struct mm_struct *mm, bool compat);
/* Fresh user registers: entry point, stack, and the code segment of the program's mode. */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp, bool compat);

#endif
