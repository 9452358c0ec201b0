// SPDX-License-Identifier: GPL-2.0
/*
 * Demand paging of anonymous memory. mmap and brk only record an area (mm_reserve_anon);
 * the first access to each page faults, and the arch fault handler (arch/x86/mm/fault.c,
 * arch/arm64/mm/fault.c) calls handle_mm_fault(), which gives the page a zeroed frame and
 * returns so the access is retried. A fault the area does not allow, or outside every
 * area, stays the process's error (SIGSEGV), as before.
 *
 * Only "not present" faults come here: a page that is mapped but not for this access (a
 * write to a read-only page) is a protection fault, which the arch reports directly.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/errno.h>
#include <linux/mmu_context.h>

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long va = addr & ~(PAGE_SIZE - 1);
	void *page;

	if (!vma || vma->vm_flags & VM_PFNMAP)
		return -EFAULT;			/* SEGV_MAPERR; the vDSO has all its pages */
	if ((flags & FAULT_FLAG_WRITE && !(vma->vm_flags & VM_WRITE)) ||
	    (flags & FAULT_FLAG_INSTRUCTION && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EACCES;			/* SEGV_ACCERR: PROT_NONE, or not this access */
	if (user_page_phys(mm, va))
		return 0;			/* already there: another path mapped it */
	page = get_zeroed_page();
	if (!page)
		return -ENOMEM;
	if (map_user_page(mm, va, __pa(page), vma->vm_flags)) {
		free_page(page);
		return -ENOMEM;
	}
	mm->faulted_pages++;
	if (vma->vm_flags & VM_EXEC)
		sync_user_icache_range(mm, va, va + PAGE_SIZE);	/* it may have held code */
	return 0;
}
