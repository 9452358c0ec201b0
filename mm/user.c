// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: creating and destroying an mm, mapping anonymous memory into it,
 * and writing into it before it runs (the ELF loader fills segments and the initial stack
 * this way, through the direct map, so exec needs no switch to the new address space).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mmu_context.h>

struct mm_struct *mm_alloc(unsigned long task_size)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->task_size = task_size;
	if (init_new_context(mm)) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;

	for (; vma; vma = next) {
		for (unsigned long va = vma->vm_start; va < vma->vm_end; va += PAGE_SIZE) {
			phys_addr_t pa = unmap_user_page(mm, va);

			if (pa)
				free_page(__va(pa));
		}
		next = vma->vm_next;
		kfree(vma);
	}
	destroy_context(mm);
	kfree(mm);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if (addr >= v->vm_start && addr < v->vm_end)
			return v;
	return NULL;
}

/* Record [start, end) with flags, merging into an overlapping area (flags combined). */
static int add_vma(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long flags)
{
	struct vm_area_struct **pp = &mm->mmap, *v;

	for (v = mm->mmap; v; v = v->vm_next)
		if (start < v->vm_end && end > v->vm_start) {
			v->vm_start = min(v->vm_start, start);
			v->vm_end = max(v->vm_end, end);
			v->vm_flags |= flags;
			return 0;
		}
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	v->vm_start = start;
	v->vm_end = end;
	v->vm_flags = flags;
	while (*pp && (*pp)->vm_start < start)
		pp = &(*pp)->vm_next;
	v->vm_next = *pp;
	*pp = v;
	return 0;
}

int mm_map_anon(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags)
{
	unsigned long end = start + len;

	if (start & (PAGE_SIZE - 1) || end < start || end > mm->task_size)
		return -EINVAL;
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		void *page;

		if (user_page_phys(mm, va)) {
			/* Two ELF segments may share a page: widen its permissions. */
			if (map_user_page(mm, va, user_page_phys(mm, va), vm_flags |
					  find_vma(mm, va)->vm_flags))
				return -ENOMEM;
			continue;
		}
		page = get_zeroed_page();
		if (!page)
			return -ENOMEM;
		if (map_user_page(mm, va, __pa(page), vm_flags)) {
			free_page(page);
			return -ENOMEM;
		}
	}
	return add_vma(mm, start, end, vm_flags);
}

int mm_reserve_anon(struct mm_struct *mm, unsigned long start, unsigned long len,
		    unsigned long vm_flags)
{
	unsigned long end = start + len;

	if (start & (PAGE_SIZE - 1) || end < start || end > mm->task_size)
		return -EINVAL;
	return add_vma(mm, start, end, vm_flags);
}

int mm_copy_to(struct mm_struct *mm, unsigned long addr, const void *src, size_t len)
{
	const char *s = src;

	while (len) {
		unsigned long off = addr & (PAGE_SIZE - 1);
		size_t chunk = min(len, (size_t)(PAGE_SIZE - off));
		phys_addr_t pa = user_page_phys(mm, addr - off);

		if (!pa)
			return -EFAULT;
		memcpy((char *)__va(pa) + off, s, chunk);
		addr += chunk;
		s += chunk;
		len -= chunk;
	}
	return 0;
}

bool mm_range_free(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if (start < v->vm_end && end > v->vm_start)
			return false;
	return true;
}

/* Make addr a boundary between areas: split the area it falls strictly inside. */
static int split_vma_at(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v = find_vma(mm, addr), *tail;

	if (!v || v->vm_start == addr)
		return 0;
	tail = kzalloc(sizeof(*tail), GFP_KERNEL);
	if (!tail)
		return -ENOMEM;
	*tail = *v;
	tail->vm_start = addr;
	v->vm_end = addr;
	v->vm_next = tail;
	return 0;
}

/* Unmap [start, end) (page aligned): free its pages, drop the areas inside it. */
int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct **pp = &mm->mmap, *v;
	int err = split_vma_at(mm, start);

	if (!err)
		err = split_vma_at(mm, end);
	if (err)
		return err;		/* nothing changed but a split: the areas still cover it */
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		phys_addr_t pa = unmap_user_page(mm, va);

		if (pa)
			free_page(__va(pa));
	}
	while ((v = *pp)) {
		if (v->vm_start >= start && v->vm_end <= end) {
			*pp = v->vm_next;
			kfree(v);
			continue;
		}
		pp = &v->vm_next;
	}
	return 0;
}

int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long end,
	       unsigned long vm_flags)
{
	const unsigned long access = VM_READ | VM_WRITE | VM_EXEC;
	unsigned long covered = start;
	struct vm_area_struct *v;
	int err;

	/* Every page of the range must belong to an area (Linux: -ENOMEM otherwise). */
	for (v = mm->mmap; v && covered < end; v = v->vm_next)
		if (v->vm_start <= covered && covered < v->vm_end)
			covered = v->vm_end;
	if (covered < end)
		return -ENOMEM;
	err = split_vma_at(mm, start);
	if (!err)
		err = split_vma_at(mm, end);
	if (err)
		return err;
	for (v = mm->mmap; v; v = v->vm_next) {
		if (v->vm_start < start || v->vm_end > end)
			continue;
		v->vm_flags = (v->vm_flags & ~access) | (vm_flags & access);
		for (unsigned long va = v->vm_start; va < v->vm_end; va += PAGE_SIZE) {
			phys_addr_t pa = user_page_phys(mm, va);

			/* Remapping an existing page updates its entry and flushes the TLB. */
			if (pa && map_user_page(mm, va, pa, v->vm_flags))
				return -ENOMEM;
		}
	}
	return 0;
}
