// SPDX-License-Identifier: GPL-2.0
/*
 * madvise: advice about a range of the caller's memory, with Linux 6.1's checks and errno.
 *
 * The checks come in do_madvise()'s order: an advice Linux does not know (EINVAL), the
 * start's alignment (EINVAL), a length that wraps (EINVAL), an empty range (0). Then each
 * area in the range gets the advice; a hole in the range is ENOMEM, reported after the
 * areas around it got it, as Linux's madvise_walk_vmas. What each advice does here:
 *
 *   MADV_DONTNEED, _DONTNEED_LOCKED  private pages are dropped: the next touch finds a
 *                      zeroed page (anonymous) or the file's page again. Shared anonymous
 *                      memory keeps its pages (Linux drops only its view of the shared
 *                      object, and finds the same data again at the next touch).
 *   MADV_FREE          as DONTNEED for private anonymous memory (Linux may keep the data
 *                      until memory is short; reading zeroes is allowed); EINVAL elsewhere.
 *   MADV_REMOVE        shared writable memory: the range reads as zeroes in every sharer
 *                      (Linux punches a hole in the object); EACCES if not shared and
 *                      writable, EINVAL for private anonymous memory.
 *   MADV_DONTFORK/DOFORK, WIPEONFORK/KEEPONFORK  marks fork honours (mm/user.c dup_mm);
 *                      WIPEONFORK only on private anonymous memory, else EINVAL.
 *   MADV_POPULATE_READ/WRITE  fault every page in now; EINVAL when the area does not allow
 *                      the access (or is the kernel's, VM_PFNMAP).
 *   MADV_NORMAL, RANDOM, SEQUENTIAL, DONTDUMP, DODUMP  flags stored on the area.
 *   MADV_WILLNEED, COLD, PAGEOUT, MERGEABLE, UNMERGEABLE, HUGEPAGE, NOHUGEPAGE, COLLAPSE
 *                      accepted, nothing to do (no swap, no page cache to read ahead, no
 *                      KSM, no huge pages); COLD and PAGEOUT EINVAL on VM_PFNMAP as Linux.
 *   MADV_HWPOISON, SOFT_OFFLINE  EPERM without CAP_SYS_ADMIN; with it EINVAL (left out:
 *                      Ferry has no memory-failure handling to inject into).
 *
 * Locking: the whole call holds current->mm->page_table_lock, except POPULATE, whose
 * faults take it themselves (handle_mm_fault) one page at a time.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <linux/mmu_context.h>
#include <linux/cred.h>

#define MADV_NORMAL		0
#define MADV_RANDOM		1
#define MADV_SEQUENTIAL		2
#define MADV_WILLNEED		3
#define MADV_DONTNEED		4
#define MADV_FREE		8
#define MADV_REMOVE		9
#define MADV_DONTFORK		10
#define MADV_DOFORK		11
#define MADV_MERGEABLE		12
#define MADV_UNMERGEABLE	13
#define MADV_HUGEPAGE		14
#define MADV_NOHUGEPAGE		15
#define MADV_DONTDUMP		16
#define MADV_DODUMP		17
#define MADV_WIPEONFORK		18
#define MADV_KEEPONFORK		19
#define MADV_COLD		20
#define MADV_PAGEOUT		21
#define MADV_POPULATE_READ	22
#define MADV_POPULATE_WRITE	23
#define MADV_DONTNEED_LOCKED	24
#define MADV_COLLAPSE		25
#define MADV_HWPOISON		100
#define MADV_SOFT_OFFLINE	101

static bool madvise_behavior_valid(int behavior)
{
	return (behavior >= MADV_NORMAL && behavior <= MADV_DONTNEED) ||
	       (behavior >= MADV_FREE && behavior <= MADV_COLLAPSE) ||
	       behavior == MADV_HWPOISON || behavior == MADV_SOFT_OFFLINE;
}

/* Zero [start, end) of a shared area in place: every sharer sees the zeroes (MADV_REMOVE). */
static void zero_page_at(unsigned long va, phys_addr_t pa, void *arg)
{
	clear_page(__va(pa));
}

static void zero_shared_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	visit_user_range(mm, start, end, zero_page_at, NULL);
}

/* The advice for [start, end), all inside area v. 0 or -errno. */
static int madvise_vma(struct mm_struct *mm, struct vm_area_struct *v, unsigned long start,
		       unsigned long end, int behavior)
{
	unsigned long f = v->vm_flags;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
		if (f & VM_PFNMAP)
			return -EINVAL;
		if (f & VM_SHARED)
			return behavior == MADV_FREE ? -EINVAL : 0;
		unmap_user_range(mm, start, end, true);
		return 0;
	case MADV_REMOVE:
		if (!(f & VM_SHARED))
			return -EINVAL;
		if (!(f & VM_WRITE))
			return -EACCES;
		zero_shared_range(mm, start, end);
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		return f & VM_PFNMAP ? -EINVAL : 0;
	case MADV_NORMAL:
		return mm_update_flags(mm, start, end, 0, VM_SEQ_READ | VM_RAND_READ);
	case MADV_SEQUENTIAL:
		return mm_update_flags(mm, start, end, VM_SEQ_READ, VM_RAND_READ);
	case MADV_RANDOM:
		return mm_update_flags(mm, start, end, VM_RAND_READ, VM_SEQ_READ);
	case MADV_DONTFORK:
		return mm_update_flags(mm, start, end, VM_DONTCOPY, 0);
	case MADV_DOFORK:
		return mm_update_flags(mm, start, end, 0, VM_DONTCOPY);
	case MADV_WIPEONFORK:
		if (f & (VM_SHARED | VM_PFNMAP))
			return -EINVAL;
		return mm_update_flags(mm, start, end, VM_WIPEONFORK, 0);
	case MADV_KEEPONFORK:
		return mm_update_flags(mm, start, end, 0, VM_WIPEONFORK);
	case MADV_DONTDUMP:
		return mm_update_flags(mm, start, end, VM_DONTDUMP, 0);
	case MADV_DODUMP:
		if (f & VM_PFNMAP)
			return -EINVAL;
		return mm_update_flags(mm, start, end, 0, VM_DONTDUMP);
	default:	/* WILLNEED, MERGEABLE, UNMERGEABLE, HUGEPAGE, NOHUGEPAGE, COLLAPSE */
		return 0;
	}
}

/* POPULATE_READ/WRITE: fault each page in, as a user access would. */
static int madvise_populate(struct mm_struct *mm, unsigned long start, unsigned long end,
			    bool write)
{
	while (start < end) {
		struct vm_area_struct *v;
		unsigned long stop, need = write ? VM_WRITE : VM_READ | VM_WRITE | VM_EXEC;
		bool ok;

		spin_lock(&mm->page_table_lock);
		v = find_vma(mm, start);
		ok = v && !(v->vm_flags & VM_PFNMAP) && (v->vm_flags & need);
		stop = v ? min(end, v->vm_end) : end;
		spin_unlock(&mm->page_table_lock);
		if (!v)
			return -ENOMEM;
		if (!ok)
			return -EINVAL;
		for (; start < stop; start += PAGE_SIZE) {
			int err = handle_mm_fault(mm, start, write ? FAULT_FLAG_WRITE : 0);

			if (err)
				return err == -ENOMEM ? -ENOMEM : -EFAULT;
		}
	}
	return 0;
}

SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	struct mm_struct *mm = current->mm;
	unsigned long len, end;
	struct vm_area_struct *v;
	int err = 0, unmapped = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (behavior == MADV_HWPOISON || behavior == MADV_SOFT_OFFLINE)
		return capable(CAP_SYS_ADMIN) ? -EINVAL : -EPERM;
	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE) {
		/* Holes are ENOMEM before anything is faulted in: check the whole range first. */
		spin_lock(&mm->page_table_lock);
		for (unsigned long at = start; at < end;) {
			v = find_vma(mm, at);
			if (!v) {
				unmapped = -ENOMEM;
				break;
			}
			at = v->vm_end;
		}
		spin_unlock(&mm->page_table_lock);
		return unmapped ? unmapped :
		       madvise_populate(mm, start, end, behavior == MADV_POPULATE_WRITE);
	}
	spin_lock(&mm->page_table_lock);
	while (start < end) {
		for (v = mm->mmap; v && v->vm_end <= start; v = v->vm_next)
			;
		if (!v) {
			err = -ENOMEM;		/* nothing mapped at or above start */
			break;
		}
		if (start < v->vm_start) {
			unmapped = -ENOMEM;
			start = v->vm_start;
			if (start >= end)
				break;
		}
		{
			unsigned long stop = min(end, v->vm_end);

			err = madvise_vma(mm, v, start, stop, behavior);
			if (err)
				break;
			start = stop;
		}
	}
	spin_unlock(&mm->page_table_lock);
	return err ? err : unmapped;
}
