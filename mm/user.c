// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: creating, copying (fork) and destroying an mm, mapping anonymous
 * memory into it, and writing into it before it runs (the ELF loader fills segments and the initial stack
 * this way, through the direct map, so exec needs no switch to the new address space).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mmu_context.h>
#include <linux/fs.h>

struct mm_struct *mm_alloc(unsigned long task_size)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->task_size = task_size;
	mm->mm_users = 1;
	spin_lock_init(&mm->page_table_lock);
	if (init_new_context(mm)) {
		kfree(mm);
		return NULL;
	}
	return mm;
}

/*
 * Areas are counted and capped, as Linux's vm.max_map_count does: each is a kernel
 * allocation a program can ask for, so a program that keeps splitting its mappings gets
 * -ENOMEM once it holds MAX_MAP_COUNT of them, and the kernel's memory stays bounded.
 */
static struct vm_area_struct *vma_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *v;

	if (mm->map_count >= MAX_MAP_COUNT)
		return NULL;
	v = kzalloc(sizeof(*v), GFP_KERNEL);
	if (v)
		mm->map_count++;
	return v;
}

/*
 * An area leaves the list. A file area's reference cannot be put here: the caller may hold
 * page_table_lock, and the last fput of a file may sleep. It waits on mm->dead_vmas for
 * mm_release_dead_vmas() (mmput, with no lock, calls it at once).
 */
static void vma_free(struct mm_struct *mm, struct vm_area_struct *v)
{
	mm->map_count--;
	if (v->vm_file) {
		v->vm_next = mm->dead_vmas;
		mm->dead_vmas = v;
		return;
	}
	kfree(v);
}

void mm_release_dead_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *v;

	for (;;) {
		spin_lock(&mm->page_table_lock);
		v = mm->dead_vmas;
		if (v)
			mm->dead_vmas = v->vm_next;
		spin_unlock(&mm->page_table_lock);
		if (!v)
			return;
		fput(v->vm_file);
		kfree(v);
	}
}

void vma_set_anonymous(struct vm_area_struct *vma)
{
	struct file *f = vma->vm_file;

	vma->vm_file = NULL;
	vma->vm_ops = NULL;
	vma->vm_pgoff = 0;
	if (f)
		fput(f);	/* do_mmap's own reference is still held: never the last */
}

int mm_insert_vma(struct mm_struct *mm, struct vm_area_struct *v)
{
	struct vm_area_struct **pp = &mm->mmap;

	if (mm->map_count >= MAX_MAP_COUNT)
		return -ENOMEM;
	mm->map_count++;
	while (*pp && (*pp)->vm_start < v->vm_start)
		pp = &(*pp)->vm_next;
	v->vm_next = *pp;
	*pp = v;
	return 0;
}

/* Unmap an area's pages; they go back to the allocator unless they are not the area's own. */
static void unmap_vma_pages(struct mm_struct *mm, struct vm_area_struct *v,
			    unsigned long start, unsigned long end)
{
	unmap_user_range(mm, start, end, !(v->vm_flags & VM_PFNMAP));
}

void mmput(struct mm_struct *mm)
{
	struct vm_area_struct *vma = mm->mmap, *next;

	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL))
		return;
	/*
	 * The last user: nobody else can reach the mm, so no lock. The areas' pages go one by
	 * one (their references), the page tables all at once in destroy_context(): the walks
	 * skip looking for tables they emptied (mm->tearing_down), which cost more than all
	 * the rest of an exit.
	 */
	mm->tearing_down = true;
	for (; vma; vma = next) {
		unmap_vma_pages(mm, vma, vma->vm_start, vma->vm_end);
		next = vma->vm_next;
		vma_free(mm, vma);
	}
	destroy_context(mm);
	mm_release_dead_vmas(mm);
	if (mm->exe_file) {
		allow_write_access(mm->exe_file);	/* its denial: see exec */
		fput(mm->exe_file);
	}
	kfree(mm);
}

unsigned long fork_copy_access(phys_addr_t pa, unsigned long vm_flags)
{
	if (!(vm_flags & VM_PFNMAP))
		get_page(phys_to_page(pa));
	if ((vm_flags & (VM_WRITE | VM_SHARED | VM_PFNMAP)) == VM_WRITE)
		return vm_flags & ~VM_WRITE;
	return vm_flags;
}

/*
 * fork's copy. The areas are copied in order and each one's pages mapped into the copy
 * (copy_user_range, per arch, walks only the tables that exist); a private writable area's
 * pages turn read-only in both, so the first write on either side copies the page
 * (mm/memory.c). Running out of memory part way gives everything back through mmput() of
 * the copy: every page it mapped holds a reference that mmput() drops, so the counts and the
 * free-page count return to where they were (the parent keeps read-only entries for the
 * pages already passed; its next write finds the count at 1 and just makes them writable).
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc(oldmm->task_size);
	struct vm_area_struct **tail, *old, *v;
	int err = 0;

	if (!mm)
		return NULL;
	tail = &mm->mmap;
	spin_lock(&oldmm->page_table_lock);
	mm->start_code = oldmm->start_code;
	mm->end_code = oldmm->end_code;
	mm->start_data = oldmm->start_data;
	mm->end_data = oldmm->end_data;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	mm->arg_start = oldmm->arg_start;
	mm->arg_end = oldmm->arg_end;
	mm->env_start = oldmm->env_start;
	mm->env_end = oldmm->env_end;
	mm->mmap_base = oldmm->mmap_base;
	mm->exe_file = oldmm->exe_file ? get_file(oldmm->exe_file) : NULL;
	if (mm->exe_file)
		deny_write_access(mm->exe_file);	/* cannot fail: oldmm's denies already */
	arch_dup_mmap(oldmm, mm);
	for (old = oldmm->mmap; old; old = old->vm_next) {
		if (old->vm_flags & VM_DONTCOPY)
			continue;		/* MADV_DONTFORK: not the child's */
		v = vma_alloc(mm);
		if (!v) {
			err = -ENOMEM;
			break;
		}
		*v = *old;
		v->vm_next = NULL;
		if (v->vm_file)
			get_file(v->vm_file);
		*tail = v;
		tail = &v->vm_next;
		if (v->vm_flags & VM_WIPEONFORK)
			continue;		/* the child's pages come zeroed on first touch */
		err = copy_user_range(mm, oldmm, v->vm_start, v->vm_end, v->vm_flags);
		if (err)
			break;
	}
	spin_unlock(&oldmm->page_table_lock);
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
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
		if (start < v->vm_end && end > v->vm_start && !v->vm_file) {
			v->vm_start = min(v->vm_start, start);
			v->vm_end = max(v->vm_end, end);
			v->vm_flags |= flags;
			return 0;
		}
	v = vma_alloc(mm);
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

/* Unmap and free what [start, end) holds outside every area: a failed call's own pages. */
static void unmap_outside_areas(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long at = start;

	for (struct vm_area_struct *v = mm->mmap; v && at < end; v = v->vm_next) {
		if (v->vm_end <= at)
			continue;
		if (v->vm_start >= end)
			break;
		if (v->vm_start > at)
			unmap_user_range(mm, at, v->vm_start, true);
		at = v->vm_end;
	}
	if (at < end)
		unmap_user_range(mm, at, end, true);
}

/*
 * Every user page lies inside an area, so a page found here belongs to one: two ELF
 * segments sharing a page widen its access to both. A call that fails gives back every page
 * and table it took (an area's own pages are left alone), so running out of memory is that
 * caller's -ENOMEM, with the free-page count where it was.
 */
int mm_map_anon(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags)
{
	unsigned long end = start + len, va;
	int err = 0;

	if (start & (PAGE_SIZE - 1) || end < start || end > mm->task_size)
		return -EINVAL;
	for (va = start; va < end; va += PAGE_SIZE) {
		phys_addr_t pa = user_page_phys(mm, va);
		void *page;

		if (pa) {
			struct vm_area_struct *old = find_vma(mm, va);

			if (!old || old->vm_flags & VM_PFNMAP) {
				err = -EEXIST;		/* not ours to widen (the vDSO) */
				break;
			}
			if (map_user_page(mm, va, pa,
					  user_page_access(pa, vm_flags | old->vm_flags))) {
				err = -ENOMEM;
				break;
			}
			continue;
		}
		page = get_zeroed_page();
		if (!page) {
			err = -ENOMEM;
			break;
		}
		if (map_user_page(mm, va, __pa(page), vm_flags)) {
			free_page(page);
			err = -ENOMEM;
			break;
		}
	}
	if (!err)
		err = add_vma(mm, start, end, vm_flags);
	if (err)
		unmap_outside_areas(mm, start, va);
	return err;
}

int mm_reserve_anon(struct mm_struct *mm, unsigned long start, unsigned long len,
		    unsigned long vm_flags)
{
	unsigned long end = start + len;

	if (start & (PAGE_SIZE - 1) || end < start || end > mm->task_size)
		return -EINVAL;
	return add_vma(mm, start, end, vm_flags);
}

/*
 * Move the break's end of the heap from old_end to new_end (both page aligned). The heap is
 * one area, from the first break on: growing widens it and shrinking trims it, as Linux's
 * brk does, so a program that calls sbrk(4096) a hundred thousand times holds one area, not
 * MAX_MAP_COUNT of them. Anything else at the break (an area a program mapped there with
 * other flags) is left alone: growth then records a new area, a shrink unmaps as munmap does.
 */
int mm_brk(struct mm_struct *mm, unsigned long old_end, unsigned long new_end,
	   unsigned long vm_flags)
{
	unsigned long heap_start = PAGE_ALIGN(mm->start_brk);
	struct vm_area_struct *heap = NULL;

	if (new_end > old_end && !mm_range_free(mm, old_end, new_end))
		return -ENOMEM;
	for (struct vm_area_struct *v = mm->mmap; v && v->vm_start < old_end; v = v->vm_next)
		if (v->vm_end == old_end && v->vm_start >= heap_start && v->vm_flags == vm_flags)
			heap = v;
	if (new_end > old_end) {
		if (!heap)
			return add_vma(mm, old_end, new_end, vm_flags);	/* the first break */
		heap->vm_end = new_end;
		return 0;
	}
	if (heap && heap->vm_start < new_end) {
		unmap_vma_pages(mm, heap, new_end, old_end);
		heap->vm_end = new_end;
		return 0;
	}
	return mm_unmap(mm, new_end, old_end);
}

int mm_add_special(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long vm_flags, const char *name)
{
	int err;

	if (start & (PAGE_SIZE - 1) || end & (PAGE_SIZE - 1) || end <= start ||
	    end > mm->task_size || !mm_range_free(mm, start, end))
		return -EINVAL;
	err = add_vma(mm, start, end, vm_flags | VM_PFNMAP);
	if (!err)
		find_vma(mm, start)->vm_name = name;
	return err;
}

int mm_install_special(struct mm_struct *mm, unsigned long start, unsigned long pages,
		       phys_addr_t pa, unsigned long mapped, unsigned long vm_flags,
		       const char *name)
{
	unsigned long end = start + (pages << PAGE_SHIFT);
	int err = mm_add_special(mm, start, end, vm_flags, name);

	for (unsigned long i = 0; !err && i < mapped; i++) {
		err = map_user_page(mm, start + (i << PAGE_SHIFT), pa + (i << PAGE_SHIFT),
				    vm_flags);
		if (err)
			mm_unmap(mm, start, end);
	}
	return err;
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
	tail = vma_alloc(mm);
	if (!tail)
		return -ENOMEM;
	*tail = *v;
	if (tail->vm_file) {
		get_file(tail->vm_file);
		tail->vm_pgoff += (addr - v->vm_start) >> PAGE_SHIFT;
	}
	tail->vm_start = addr;
	v->vm_end = addr;
	v->vm_next = tail;
	return 0;
}

int mm_update_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
		    unsigned long set, unsigned long clear)
{
	for (struct vm_area_struct *v = mm->mmap; v && v->vm_start < end; v = v->vm_next) {
		unsigned long nf = (v->vm_flags & ~clear) | set;
		unsigned long s = max(start, v->vm_start), e = min(end, v->vm_end);
		int err;

		if (v->vm_end <= start || nf == v->vm_flags)
			continue;
		err = split_vma_at(mm, s);
		if (!err)
			err = split_vma_at(mm, e);
		if (err)
			return err;
		if (v->vm_start < start)
			v = v->vm_next;		/* the piece inside the range */
		v->vm_flags = nf;
	}
	return 0;
}

/*
 * Unmap [start, end) (page aligned): free its pages, drop the areas inside it. Only the
 * areas are visited, and in each only the page tables that exist, so the cost follows what
 * is mapped: munmap of the whole user range is as quick as that of one page.
 */
int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct **pp = &mm->mmap, *v;
	int err = split_vma_at(mm, start);

	if (!err)
		err = split_vma_at(mm, end);
	if (err)
		return err;		/* nothing changed but a split: the areas still cover it */
	while ((v = *pp) && v->vm_start < end) {
		if (v->vm_start >= start && v->vm_end <= end) {
			unmap_vma_pages(mm, v, v->vm_start, v->vm_end);
			*pp = v->vm_next;
			vma_free(mm, v);
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
		if (v->vm_start <= covered && covered < v->vm_end) {
			/* Pages that are not the area's own (the vDSO's) are never written. */
			if (v->vm_flags & VM_PFNMAP && vm_flags & VM_WRITE)
				return -EACCES;
			/* A shared mapping of a file not open for writing stays unwritable. */
			if ((v->vm_flags & (VM_MAYSHARE | VM_SHARED)) == VM_MAYSHARE &&
			    vm_flags & VM_WRITE)
				return -EACCES;
			covered = v->vm_end;
		}
	if (covered < end)
		return -ENOMEM;
	err = split_vma_at(mm, start);
	if (!err)
		err = split_vma_at(mm, end);
	if (err)
		return err;
	for (v = mm->mmap; v && v->vm_start < end; v = v->vm_next) {
		if (v->vm_start < start)
			continue;
		v->vm_flags = (v->vm_flags & ~access) | (vm_flags & access);
		protect_user_range(mm, v->vm_start, v->vm_end, v->vm_flags);
	}
	return 0;
}
