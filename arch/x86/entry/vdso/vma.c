// SPDX-License-Identifier: GPL-2.0
/*
 * Where the x86 vDSOs go, and the boot-time choice of the 32-bit one's entry instruction.
 *
 * Each process gets [vvar] (4 pages, the first the kernel's clock data) and the vDSO image
 * right above it (mm/vdso.c), where Linux 6.1 puts them:
 *
 *   x86_64: above the stack. Linux places the vDSO at a random page between the stack's top
 *           and the next 2 MiB boundary (vdso_addr); without randomisation here, it takes the
 *           first: [vvar] starts at the stack top, which is 2 MiB below the top of user
 *           space. The highest page stays free (a syscall at its edge is a test of its own).
 *
 *     TASK_SIZE_MAX (2^47 - 4 KiB)   end of user space
 *     ...                            free
 *     [vdso], then [vvar] below it
 *     stack top = TASK_SIZE_MAX - 2 MiB; the initial stack grows down from here
 *
 *   i386:   the stack ends at TASK_SIZE_32 (0xffffe000, Linux's IA32 limit), and [vvar] with
 *           the vDSO come from the mmap area below it, as the first mmap(NULL, ...) would
 *           (Linux's get_unmapped_area), so /proc/PID/maps lists them before [stack].
 *
 * Both images are areas of their own marked VM_PFNMAP: their pages belong to the kernel
 * image, so munmap() and mmput() unmap them without freeing them, and mprotect() never makes
 * them writable.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/string.h>
#include <linux/vdso.h>
#include <asm/processor.h>
#include <linux/mmu_context.h>
#include <asm/elf.h>
#include <asm/vdso.h>
#include <asm/vdso32-offsets.h>		/* generated from the built vdso32.so */

#define VDSO_VVAR_PAGES		4	/* Linux 6.1's x86 [vvar]: vvar, pvclock, hvclock, timens */
#define VDSO64_STACK_GAP	(2UL << 20)	/* room above the 64-bit stack for the vDSO */

static const struct vdso_image vdso_image_64 = {
	vdso64_image_start, vdso64_image_end, VDSO_VVAR_PAGES
};
static const struct vdso_image vdso_image_32 = {
	vdso32_image_start, vdso32_image_end, VDSO_VVAR_PAGES
};

unsigned long arch_stack_top(bool compat)
{
	return compat ? TASK_SIZE_32 : TASK_SIZE_MAX - VDSO64_STACK_GAP;
}

unsigned long arch_setup_additional_pages(struct mm_struct *mm, bool compat)
{
	mm->context.vdso32 = compat;
	if (compat)
		return map_vdso(mm, 0, &vdso_image_32);
	return map_vdso(mm, arch_stack_top(false), &vdso_image_64);
}

/* The 32-bit vDSO's base, 0 if the process has none (a 64-bit process has the other one). */
static unsigned long vdso32_base(struct mm_struct *mm)
{
	return mm->context.vdso32 ? mm->context.vdso : 0;
}

unsigned long arch_vdso_sysinfo(struct mm_struct *mm, bool compat)
{
	return vdso32_base(mm) ? vdso32_base(mm) + VDSO32_SYM___kernel_vsyscall : 0;
}

/* 0 for a 64-bit process that uses sysenter or syscall32 anyway: it has no landing pad. */
unsigned long vdso32_landing_pad(struct mm_struct *mm)
{
	return vdso32_base(mm) ? vdso32_base(mm) + VDSO32_SYM_vsyscall_landing : 0;
}

unsigned long vdso32_sigreturn(struct mm_struct *mm, bool rt)
{
	if (!vdso32_base(mm))
		return 0;
	return mm->context.vdso + (rt ? VDSO32_SYM___kernel_rt_sigreturn : VDSO32_SYM___kernel_sigreturn);
}

void vdso32_setup_entry(bool use_sysenter)
{
	unsigned long len = VDSO32_SYM_vsyscall_syscall_seq_end - VDSO32_SYM_vsyscall_syscall_seq;

	BUILD_BUG_ON(VDSO32_SYM_vsyscall_syscall_seq_end - VDSO32_SYM_vsyscall_syscall_seq !=
		     VDSO32_SYM_vsyscall_int80 - VDSO32_SYM_vsyscall_enter);
	if (!use_sysenter)
		memcpy(vdso32_image_start + VDSO32_SYM_vsyscall_enter,
		       vdso32_image_start + VDSO32_SYM_vsyscall_syscall_seq, len);
	pr_info("vdso32: __kernel_vsyscall uses %s\n", use_sysenter ? "sysenter" : "syscall");
}
