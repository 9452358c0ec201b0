// SPDX-License-Identifier: GPL-2.0
/*
 * User page faults that the kernel resolves: the arch fault handlers (arch/x86/mm/fault.c,
 * arch/arm64/mm/fault.c) call handle_mm_fault(), and on success the access is retried.
 *
 *   - Demand paging. mmap and brk only record an area (mm_reserve_anon); the first access
 *     to each page finds nothing mapped, and the page gets a zeroed frame here.
 *   - Copy-on-write. After fork (dup_mm) a private writable page is mapped read-only in
 *     both address spaces and counted once per mapping. A write to it is a protection
 *     fault (x86: error code "present + write"; arm64: a permission fault on write) in an
 *     area that allows writing: while another mapping still holds the page, the writer
 *     gets a copy of its own; once it is the last (count 1) the page is simply made
 *     writable again. User copies in the kernel (copy_to_user, put_user) fault the same
 *     way and come here through their exception-table entries, so a syscall writing into
 *     a copy-on-write page copies it too (x86 runs with CR0.WP set, head_64.S, so kernel
 *     writes honour read-only user entries).
 *
 * A fault the area does not allow, or outside every area, stays the process's error
 * (SIGSEGV: -EFAULT no area, -EACCES not this access), and a user copy's -EFAULT; a file
 * page that does not exist (past the end of the file) is -EIO, SIGBUS.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/mmu_context.h>

static int do_anonymous_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long va)
{
	void *page = get_zeroed_page();

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

/*
 * A write to the page at va (frame pa), mapped read-only in an area that allows writing.
 * The count is read under mm's page_table_lock: another mm sharing the page may drop its
 * reference meanwhile (then this copies one time too many, harmlessly), but none can add
 * one, since only dup_mm() of this mm, under the same lock, shares its pages.
 */
static int do_wp_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long va,
		      phys_addr_t pa)
{
	struct page *old = phys_to_page(pa);
	void *copy;

	if (vma->vm_flags & VM_SHARED || page_count(old) == 1)
		return map_user_page(mm, va, pa, vma->vm_flags) ? -ENOMEM : 0;	/* ours alone */
	copy = alloc_pages(GFP_KERNEL, 0);
	if (!copy)
		return -ENOMEM;
	copy_page(copy, __va(pa));
	/* Replacing a live entry flushes it (map_user_page) before the old page is let go. */
	if (map_user_page(mm, va, __pa(copy), vma->vm_flags)) {
		free_page(copy);
		return -ENOMEM;
	}
	put_page(old);
	mm->cow_pages++;
	if (vma->vm_flags & VM_EXEC)
		sync_user_icache_range(mm, va, va + PAGE_SIZE);
	return 0;
}

/*
 * The first touch of a page of a file mapping: the file's page (vma->vm_ops->fault). A
 * shared mapping, or any read, maps the file's page itself (read-only when the mapping is
 * private: its first write copies it in do_wp_page, since the file holds a reference too);
 * a write to a private mapping gets its copy at once, as Linux's do_cow_fault.
 */
static int do_file_page(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long va,
			unsigned int flags)
{
	unsigned long pgoff = vma->vm_pgoff + ((va - vma->vm_start) >> PAGE_SHIFT);
	struct page *page = vma->vm_ops->fault(vma, pgoff);
	unsigned long access = vma->vm_flags;
	phys_addr_t pa;

	/*
	 * Past the end of the file, or a page tmpfs cannot give (full): -EIO, which the arch
	 * fault handler turns into SIGBUS with BUS_ADRERR, as Linux's VM_FAULT_SIGBUS. Only
	 * running out of memory stays -ENOMEM.
	 */
	if (!page)
		return -EIO;
	if (IS_ERR(page))
		return PTR_ERR(page) == -ENOMEM ? -ENOMEM : -EIO;
	pa = __pa(page_address(page));
	if (flags & FAULT_FLAG_WRITE && !(vma->vm_flags & VM_SHARED)) {
		void *copy = alloc_pages(GFP_KERNEL, 0);

		if (!copy) {
			put_page(page);
			return -ENOMEM;
		}
		copy_page(copy, page_address(page));
		put_page(page);
		pa = __pa(copy);
		page = virt_to_page(copy);
	} else if (!(vma->vm_flags & VM_SHARED)) {
		access &= ~VM_WRITE;		/* the file's page: copied at the first write */
	}
	if (map_user_page(mm, va, pa, access)) {
		put_page(page);
		return -ENOMEM;
	}
	mm->faulted_pages++;
	if (vma->vm_flags & VM_EXEC)
		sync_user_icache_range(mm, va, va + PAGE_SIZE);
	return 0;
}

static int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	unsigned long va = addr & ~(PAGE_SIZE - 1);
	phys_addr_t pa;

	if (!vma)
		vma = expand_stack(mm, addr);	/* just below the stack: it grows */
	if (!vma || vma->vm_flags & VM_PFNMAP)
		return -EFAULT;			/* SEGV_MAPERR; the vDSO has all its pages */
	if ((flags & FAULT_FLAG_WRITE && !(vma->vm_flags & VM_WRITE)) ||
	    (flags & FAULT_FLAG_INSTRUCTION && !(vma->vm_flags & VM_EXEC)) ||
	    !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return -EACCES;			/* SEGV_ACCERR: PROT_NONE, or not this access */
	pa = user_page_phys(mm, va);
	if (!pa && vma->vm_file)
		return do_file_page(mm, vma, va, flags);
	if (!pa)
		return do_anonymous_page(mm, vma, va);
	if (flags & FAULT_FLAG_WRITE)
		return do_wp_page(mm, vma, va, pa);
	return 0;				/* already there: another path mapped it */
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	int ret;

	spin_lock(&mm->page_table_lock);
	ret = __handle_mm_fault(mm, addr, flags);
	spin_unlock(&mm->page_table_lock);
	return ret;
}
