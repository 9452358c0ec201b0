// SPDX-License-Identifier: GPL-2.0
/*
 * Reading another process's memory from the kernel (access_remote_vm): procfs's cmdline.
 * The pages are found through the mm's own page tables and read through the direct map,
 * so it works whatever address space the caller runs on. A page not brought in yet is
 * faulted in for the owner, as a read of it by the owner would.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/string.h>
#include <linux/errno.h>

/* The page at addr with a reference taken (put_page), or NULL: none mapped. */
static struct page *remote_page(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v;
	struct page *page = NULL;
	phys_addr_t pa = 0;

	spin_lock(&mm->page_table_lock);
	v = find_vma(mm, addr);
	/* borrowed kernel pages (the vDSO) carry no count of their own to take */
	if (v && v->vm_start <= addr && !(v->vm_flags & VM_PFNMAP))
		pa = user_page_phys(mm, addr);
	if (pa && pfn_valid(PFN_DOWN(pa))) {
		page = phys_to_page(pa);
		get_page(page);		/* an unmap meanwhile cannot free it under us */
	}
	spin_unlock(&mm->page_table_lock);
	return page;
}

int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	char *out = buf;
	int done = 0;

	while (done < len) {
		unsigned long off = addr & (PAGE_SIZE - 1);
		int chunk = min((unsigned long)(len - done), PAGE_SIZE - off);
		struct page *page = remote_page(mm, addr - off);

		if (!page) {
			if (handle_mm_fault(mm, addr, 0))
				break;		/* no area there: what was read so far */
			page = remote_page(mm, addr - off);
			if (!page)
				break;
		}
		memcpy(out + done, (char *)page_address(page) + off, chunk);
		put_page(page);
		addr += chunk;
		done += chunk;
	}
	return done;
}
