// SPDX-License-Identifier: GPL-2.0
/*
 * Mapping the 32-bit vDSO into processes, and the boot-time choice of its entry instruction.
 *
 * Layout of a 32-bit process's top (fs/binfmt_elf.c asks arch_stack_top() for the stack):
 *
 *     TASK_SIZE_32 (0xffffe000)  end of user space
 *     vDSO pages                 read+execute, shared by all 32-bit processes
 *     one unmapped page          so a stack overrun cannot run into the vDSO
 *     stack top                  the initial stack grows down from here
 *
 * The vDSO is an area of its own, marked VM_PFNMAP: its pages belong to the kernel image, so
 * munmap() and mmput() unmap them without freeing them, and mprotect() never makes them
 * writable.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/string.h>
#include <asm/processor.h>
#include <linux/mmu_context.h>
#include <asm/elf.h>
#include <asm/vdso.h>
#include <asm/vdso32-offsets.h>		/* generated from the built vdso32.so */

static unsigned long vdso32_pages(void)
{
	return PAGE_ALIGN(vdso32_image_end - vdso32_image_start) >> PAGE_SHIFT;
}

static unsigned long vdso32_base(void)
{
	return TASK_SIZE_32 - (vdso32_pages() << PAGE_SHIFT);
}

unsigned long arch_stack_top(bool compat)
{
	/* 64-bit: up to the last page below TASK_SIZE_MAX (asm/processor.h on why). */
	return compat ? vdso32_base() - PAGE_SIZE : TASK_SIZE_MAX;
}

unsigned long arch_setup_additional_pages(struct mm_struct *mm, bool compat)
{
	unsigned long base = vdso32_base();

	if (!compat)
		return 0;	/* no 64-bit vDSO (yet): 64-bit programs use syscall directly */
	/* A program whose segments reach up here gets no vDSO rather than a corrupted one. */
	for (unsigned long i = 0; i < vdso32_pages(); i++)
		if (user_page_phys(mm, base + (i << PAGE_SHIFT)))
			return 0;
	if (mm_add_special(mm, base, TASK_SIZE_32, VM_READ | VM_EXEC))
		return 0;
	for (unsigned long i = 0; i < vdso32_pages(); i++)
		if (map_user_page(mm, base + (i << PAGE_SHIFT),
				  __pa_symbol(vdso32_image_start) + (i << PAGE_SHIFT),
				  VM_READ | VM_EXEC)) {
			mm_unmap(mm, base, TASK_SIZE_32);
			return 0;
		}
	mm->context.vdso = base;
	return base;
}

unsigned long arch_vdso_sysinfo(struct mm_struct *mm, bool compat)
{
	return compat && mm->context.vdso ? mm->context.vdso + VDSO32_SYM___kernel_vsyscall : 0;
}

unsigned long vdso32_landing_pad(struct mm_struct *mm)
{
	return mm->context.vdso ? mm->context.vdso + VDSO32_SYM_vsyscall_landing : 0;
}

unsigned long vdso32_sigreturn(struct mm_struct *mm, bool rt)
{
	if (!mm->context.vdso)
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
