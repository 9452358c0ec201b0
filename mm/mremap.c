// SPDX-License-Identifier: GPL-2.0
/*
 * mremap: shrink, grow or move a mapping, with Linux 6.1's checks, their order and errno.
 *
 *   shrink     the tail [addr + new_len, addr + old_len) is unmapped, as munmap would.
 *   grow       in place when old_len reaches the end of the area and the pages after it are
 *              free (and below the top of user space); else, with MREMAP_MAYMOVE, a move.
 *   move       a new area, at the address mmap would choose (below 4 GiB for a 32-bit
 *              caller: find_free_range) or at new_addr with MREMAP_FIXED (what was there
 *              is unmapped first). The page-table entries move (move_user_range, per
 *              arch): frames, counts, copy-on-write state and a private file mapping's
 *              copied pages stay as they are, nothing is copied. The old range is then
 *              unmapped, or with MREMAP_DONTUNMAP kept without pages (a touch finds
 *              zeroes, or the file's page again).
 *   duplicate  old_len 0 of a shared area: a second mapping of the same pages (the entries
 *              copied, a reference each); of a private area, EINVAL.
 *
 * Shared anonymous memory has no object behind it here (mm/mmap.c populates it at mmap so
 * that fork shares every page): the pages a growth or a duplicate adds are populated too.
 *
 * Order of the checks (Linux's sys_mremap, mremap_to, vma_to_resize, move_vma):
 *   unknown flags; FIXED without MAYMOVE; DONTUNMAP without MAYMOVE or with old_len !=
 *   new_len (compared before rounding); addr not page aligned; new_len rounding to 0
 *   -- all EINVAL;  no area holds addr: EFAULT;
 *   FIXED or DONTUNMAP: new_addr not aligned, new range past the top, old and new ranges
 *   overlapping (EINVAL); map_count + 2 within 3 of the limit (ENOMEM); FIXED unmaps the
 *   new range, a shrink its tail; then as below, DONTUNMAP's whole old_len counted against
 *   RLIMIT_AS/DATA (ENOMEM), and the move;
 *   otherwise: old_len >= new_len shrinks (an error only when the sizes differ);
 *   a growth: vma_to_resize (old_len 0 of a private area EINVAL, DONTUNMAP of a kernel area
 *   EINVAL, old range past the area's end EFAULT, file offset wrapping EINVAL, growing a
 *   kernel area EFAULT, RLIMIT_AS/RLIMIT_DATA ENOMEM), in place if it fits, else without
 *   MAYMOVE ENOMEM, else a move (ENOMEM when no room or map_count is within 3 of the limit).
 * Left out: mlock's EAGAIN (no mlock: no locked areas to count), overcommit accounting.
 *
 * Locking: the whole call holds current->mm->page_table_lock, as the calls of mm/mmap.c do
 * (Ferry's mmap_lock and page_table_lock are one spinlock): from the first look at the
 * areas to the last page-table change, so no fault or fork sees an area without its pages
 * or pages without their area. Nothing here touches user memory. Files of the areas
 * unmapped meanwhile are put after it is dropped (mm_release_dead_vmas).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <linux/mmu_context.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/gfp.h>

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* Linux's do_munmap as mremap meets it: EINVAL for a range past the top or empty. */
static long do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if (start & ~PAGE_MASK || start > mm->task_size || len > mm->task_size - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	return mm_unmap(mm, start, start + len);
}

/* Shared anonymous memory gets its pages at once (see above). */
static bool populated_at_map(const struct vm_area_struct *v)
{
	return (v->vm_flags & VM_SHARED) && !v->vm_file;
}

/* Zeroed pages over [start, end), which holds none; on failure none stays: ENOMEM. */
static long populate(struct mm_struct *mm, unsigned long start, unsigned long end,
		     unsigned long vm_flags)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE) {
		void *page = get_zeroed_page();

		if (!page || map_user_page(mm, va, __pa(page), vm_flags)) {
			if (page)
				free_page(page);
			unmap_user_range(mm, start, va, true);
			return -ENOMEM;
		}
	}
	return 0;
}

/*
 * May the area at addr become new_len long, from old_len? The area in *vp, or -errno in
 * Linux's order (see the top of the file). Looks the area up again: a MREMAP_FIXED unmap
 * may have split it.
 */
static long vma_to_resize(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			  unsigned long new_len, unsigned long flags, struct vm_area_struct **vp)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	unsigned long pgoff;

	if (!v)
		return -EFAULT;
	/* A second private mapping of nothing would not be the same memory: refused. */
	if (!old_len && !(v->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return -EINVAL;
	if (flags & MREMAP_DONTUNMAP && v->vm_flags & VM_PFNMAP)
		return -EINVAL;
	if (old_len > v->vm_end - addr)
		return -EFAULT;			/* the old range runs past its area */
	*vp = v;
	if (new_len == old_len)
		return 0;
	pgoff = v->vm_pgoff + ((addr - v->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return -EINVAL;
	if (v->vm_flags & VM_PFNMAP)
		return -EFAULT;			/* the kernel's pages (the vDSO) never grow */
	if (!may_expand_vm(mm, v->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return -ENOMEM;
	return 0;
}

/* Can area v take delta more bytes where it is? Nothing mapped there, below the top. */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *v, unsigned long delta)
{
	unsigned long end = v->vm_end + delta;

	return end > v->vm_end && end <= mm->task_size && mm_range_free(mm, v->vm_end, end);
}

static long expand_in_place(struct mm_struct *mm, struct vm_area_struct *v, unsigned long addr,
			    unsigned long delta)
{
	if (populated_at_map(v) && populate(mm, v->vm_end, v->vm_end + delta, v->vm_flags))
		return -ENOMEM;
	v->vm_end += delta;
	return addr;
}

/*
 * Move [addr, addr + old_len) of area v to a new area [new_addr, new_addr + new_len),
 * which is free. old_len 0: duplicate (a shared area). The new address, or -errno with
 * the old range as it was.
 */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *v, unsigned long addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	/*
	 * A duplicate keeps the source's entries. So does DONTUNMAP of shared anonymous
	 * memory: on Linux the old range still maps the shared object and finds the same
	 * pages on its next touch; here the pages are the only object, so both keep them.
	 */
	bool dup = !old_len || (flags & MREMAP_DONTUNMAP && populated_at_map(v));
	/* The pages the new area takes over: a duplicate maps again what it overlaps. */
	unsigned long span = dup ? min(new_len, v->vm_end - addr) : old_len, moved;
	struct vm_area_struct *nv;

	/* Linux keeps room for the splits the unmaps below may need. */
	if (mm->map_count >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	/* The kernel's areas (the vDSO) move whole, as Linux's special mappings refuse a split. */
	if (v->vm_flags & VM_PFNMAP && (addr != v->vm_start || addr + old_len != v->vm_end))
		return -EINVAL;
	nv = kzalloc(sizeof(*nv), GFP_KERNEL);
	if (!nv)
		return -ENOMEM;
	*nv = *v;
	nv->vm_next = NULL;
	nv->vm_start = new_addr;
	nv->vm_end = new_addr + new_len;
	if (nv->vm_file) {
		nv->vm_pgoff += (addr - v->vm_start) >> PAGE_SHIFT;
		get_file(nv->vm_file);
	}
	if (mm_insert_vma(mm, nv)) {
		if (nv->vm_file)
			fput(nv->vm_file);	/* never the last: v holds one */
		kfree(nv);
		return -ENOMEM;
	}
	if (populated_at_map(nv) &&
	    populate(mm, new_addr + span, new_addr + new_len, nv->vm_flags))
		goto undo;
	moved = move_user_range(mm, addr, addr + span, new_addr, dup);
	if (moved < span) {
		/* Back to where they were: their tables are still there, so this cannot fail. */
		if (!dup)
			move_user_range(mm, new_addr, new_addr + moved, addr, false);
		/* (a duplicate's references on the new range go with its unmap) */
		goto undo;
	}
	/* The vDSO moved (Linux's vdso_mremap): the kernel finds its landing pads here. */
	if (v->vm_flags & VM_PFNMAP && mm->context.vdso == addr)
		mm->context.vdso = new_addr;
	/* A failed split leaves the old range mapped but empty: so does Linux (ENOMEM ignored). */
	if (old_len && !(flags & MREMAP_DONTUNMAP))
		mm_unmap(mm, addr, addr + old_len);
	return new_addr;

undo:
	mm_unmap(mm, new_addr, new_addr + new_len);	/* exactly nv: no split, cannot fail */
	return -ENOMEM;
}

/* MREMAP_FIXED and MREMAP_DONTUNMAP: a move to (or near) new_addr. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct vm_area_struct *v;
	long err;

	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > mm->task_size || new_addr > mm->task_size - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;			/* the ranges overlap */
	/*
	 * The unmaps below may split an area at each end of both ranges: refuse now (ENOMEM)
	 * rather than fail after the destination is gone, as Linux.
	 */
	if (mm->map_count + 2 >= MAX_MAP_COUNT - 3)
		return -ENOMEM;
	if (flags & MREMAP_FIXED) {
		err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	err = vma_to_resize(mm, addr, old_len, new_len, flags, &v);
	if (err)
		return err;
	/* The old range stays mapped: the new one is all new pages to the limits. */
	if (flags & MREMAP_DONTUNMAP && !may_expand_vm(mm, v->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;
	if (!(flags & MREMAP_FIXED)) {
		/* new_addr is only a hint, which mmap does not take either. */
		new_addr = find_free_range(mm, new_len);
		if (!new_addr)
			return -ENOMEM;
	}
	return move_vma(mm, v, addr, old_len, new_len, new_addr, flags);
}

static long mremap_locked(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
			  unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *v;
	long err;

	if (!find_vma(mm, addr))
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	/* A shrink always works: it unmaps the tail, whatever is mapped there. */
	if (old_len >= new_len) {
		err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err && old_len != new_len)
			return err;
		return addr;
	}
	err = vma_to_resize(mm, addr, old_len, new_len, flags, &v);
	if (err)
		return err;
	if (old_len == v->vm_end - addr && vma_expandable(mm, v, new_len - old_len))
		return expand_in_place(mm, v, addr, new_len - old_len);
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = find_free_range(mm, new_len);
	if (!new_addr)
		return -ENOMEM;
	return move_vma(mm, v, addr, old_len, new_len, new_addr, flags);
}

SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if (flags & MREMAP_FIXED && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* DONTUNMAP always moves, never resizes: the sizes as given, before rounding. */
	if (flags & MREMAP_DONTUNMAP && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	spin_lock(&mm->page_table_lock);
	ret = mremap_locked(mm, addr, old_len, new_len, flags, new_addr);
	spin_unlock(&mm->page_table_lock);
	mm_release_dead_vmas(mm);
	return ret;
}
