/*
 * The x86 vDSOs: small ELF shared objects (entry/vdso/vdso64/, entry/vdso/vdso32/) built with
 * the kernel, included in its image (entry/vdso/vdso-image.S) and mapped into every process
 * of their ABI (entry/vdso/vma.c). The offsets of the 32-bit one's symbols come from the
 * built object (asm/vdso32-offsets.h, generated).
 */
#ifndef _ASM_X86_VDSO_H
#define _ASM_X86_VDSO_H

#include <linux/types.h>

struct mm_struct;

/* The image, page aligned, in the kernel's data (patched once at boot, see vma.c). */
extern char vdso32_image_start[], vdso32_image_end[];
/* The 64-bit image, read-only data: nothing in it changes. */
extern const char vdso64_image_start[], vdso64_image_end[];

/* Where sysenter returns to: the instruction after the entry sequence (vma.c). */
unsigned long vdso32_landing_pad(struct mm_struct *mm);

/* The restorer of a 32-bit handler without SA_RESTORER (rt or old frame); 0: no vDSO. */
unsigned long vdso32_sigreturn(struct mm_struct *mm, bool rt);

/* Choose sysenter or syscall for __kernel_vsyscall, by CPU vendor (kernel/cpu/common.c). */
void vdso32_setup_entry(bool use_sysenter);

#endif
