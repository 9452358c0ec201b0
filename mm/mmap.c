// SPDX-License-Identifier: GPL-2.0
/*
 * brk, mmap, munmap and mprotect for anonymous memory (files cannot be mapped yet). mmap
 * hands out addresses top-down below the stack, as Linux does. brk and mmap only record
 * the area: each page is allocated and zeroed on its first access (mm/memory.c), or at
 * once with MAP_POPULATE and for MAP_SHARED (VM_SHARED: fork shares it, see do_mmap_locked).
 * Each call holds current->mm->page_table_lock from its first look at the areas to its
 * last change (linux/mm_types.h); none touches user memory meanwhile.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/mmu_context.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/slab.h>
#include <asm/elf.h>

#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_POPULATE	0x8000

#define MMAP_GAP (1UL << 20)	/* kept unmapped between the stack and mmap space */
#define STACK_GUARD_GAP (256UL << PAGE_SHIFT)	/* Linux's stack_guard_gap: 1 MiB */

/*
 * RLIMIT_AS and RLIMIT_DATA, as Linux's may_expand_vm(): the pages of every area
 * (PROT_NONE ones and the vDSO included: Linux's total_vm) and those of the data areas
 * (private and writable, not the stack: is_data_mapping) may not pass the caller's limits,
 * else -ENOMEM. Counted from the area list when asked, under page_table_lock, so no
 * running count can drift; callers walk the list anyway.
 */
static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

/* Pages of mm's areas inside [start, end): all of them, and the data ones. */
static void count_vm_pages(struct mm_struct *mm, unsigned long start, unsigned long end,
			   unsigned long *total, unsigned long *data)
{
	*total = *data = 0;
	for (struct vm_area_struct *v = mm->mmap; v && v->vm_start < end; v = v->vm_next) {
		unsigned long s = max(v->vm_start, start), e = min(v->vm_end, end);

		if (s >= e)
			continue;
		*total += (e - s) >> PAGE_SHIFT;
		if (is_data_mapping(v->vm_flags))
			*data += (e - s) >> PAGE_SHIFT;
	}
}

bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages)
{
	unsigned long total, data, data_lim = task_rlimit(current, RLIMIT_DATA);

	count_vm_pages(mm, 0, ~0UL, &total, &data);
	if (total + npages > task_rlimit(current, RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) && data + npages > data_lim >> PAGE_SHIFT) {
		/* Linux lets a zero soft limit pass up to the hard one (for Valgrind). */
		if (!data_lim &&
		    data + npages <= READ_ONCE(current->signal->rlim[RLIMIT_DATA].rlim_max) >> PAGE_SHIFT)
			return true;
		return false;
	}
	return true;
}

/*
 * The stack grows down, as Linux's VM_GROWSDOWN area: exec maps its top part only, and a
 * fault below it (within RLIMIT_STACK of its top, above the next area by the guard gap)
 * extends it, counted against RLIMIT_AS like any growth (acct_stack_growth). Called by
 * handle_mm_fault() under page_table_lock for an address no area holds; the stack area
 * now holding addr, or NULL (the fault stays a SIGSEGV).
 */
struct vm_area_struct *expand_stack(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *prev = NULL, *v;
	unsigned long start = addr & PAGE_MASK;

	for (v = mm->mmap; v && v->vm_end <= addr; v = v->vm_next)
		prev = v;
	if (!v || !(v->vm_flags & VM_STACK) || v->vm_start <= addr)
		return NULL;
	if (v->vm_end - start > task_rlimit(current, RLIMIT_STACK) ||
	    (prev && prev->vm_end + STACK_GUARD_GAP > start) ||
	    !may_expand_vm(mm, v->vm_flags, (v->vm_start - start) >> PAGE_SHIFT))
		return NULL;
	v->vm_start = start;
	return v;
}

/*
 * Linux's order: RLIMIT_DATA against the new break first (the heap plus the data segment,
 * check_data_rlimit), even for a shrink; then growth must pass may_expand_vm(). A request
 * that cannot be met returns the current break.
 */
static bool brk_within_data_limit(struct mm_struct *mm, unsigned long brk)
{
	unsigned long lim = task_rlimit(current, RLIMIT_DATA);

	return lim == RLIM_INFINITY ||
	       (brk - mm->start_brk) + (mm->end_data - mm->start_data) <= lim;
}

SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long old_end, new_end = PAGE_ALIGN(brk);

	spin_lock(&mm->page_table_lock);
	old_end = PAGE_ALIGN(mm->brk);
	if (brk >= mm->start_brk && brk <= mm->task_size && brk_within_data_limit(mm, brk) &&
	    (new_end <= old_end ||
	     may_expand_vm(mm, VM_READ | VM_WRITE, (new_end - old_end) >> PAGE_SHIFT)) &&
	    (new_end == old_end || !mm_brk(mm, old_end, new_end, VM_READ | VM_WRITE)))
		mm->brk = brk;
	brk = mm->brk;
	spin_unlock(&mm->page_table_lock);
	mm_release_dead_vmas(mm);	/* a shrink may have unmapped a file there */
	return brk;
}

static unsigned long vm_flags_from_prot(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/*
 * Where mmap() starts handing out addresses: below the stack and a gap. A 32-bit call gets
 * the 32-bit layout whatever the program, as Linux's compat mmap base does: mmap2 through
 * int $0x80 from a 64-bit program returns an address below 4 GiB that a 32-bit pointer can
 * hold. This in_compat_syscall() stays in the shared body, as in Linux (whose x86 mmap code
 * picks the 32-bit base the same way): it is about the caller's ABI, not a structure's
 * layout, so a compat entry point would only repeat the native one.
 */
static unsigned long mmap_top(struct mm_struct *mm)
{
	unsigned long top = mm->mmap_base ? mm->mmap_base :
			    ALIGN_DOWN(mm->start_stack - (8UL << 20) - MMAP_GAP, PAGE_SIZE);

	if (in_compat_syscall())
		top = min(top, ALIGN_DOWN(arch_stack_top(true) - (8UL << 20) - MMAP_GAP, PAGE_SIZE));
	return top;
}

/*
 * The highest free range of len bytes between the break and the mmap top, 0 if none. One
 * pass over the areas (sorted by address): the last gap that fits is the highest. mremap
 * moves areas to the same place (mm/mremap.c), so a 32-bit caller's stay below 4 GiB.
 */
unsigned long find_free_range(struct mm_struct *mm, unsigned long len)
{
	unsigned long top = mmap_top(mm), gap_start = PAGE_ALIGN(mm->brk), best = 0;

	for (struct vm_area_struct *v = mm->mmap;; v = v->vm_next) {
		unsigned long gap_end = v ? min(v->vm_start, top) : top;

		if (gap_end > gap_start && gap_end - gap_start >= len)
			best = gap_end - len;
		if (!v || v->vm_start >= top)
			return best;
		gap_start = max(gap_start, v->vm_end);
	}
}

/*
 * exec's special pages (arm64's sigreturn page) go where the first mmap(NULL, len) would:
 * Linux places its vDSO with get_unmapped_area the same way. 0 if there is no room.
 */
unsigned long mm_get_unmapped_area(struct mm_struct *mm, unsigned long len)
{
	return find_free_range(mm, len);
}

/*
 * A file mapping's checks, in do_mmap()'s order: the mapping type, a writable shared
 * mapping of a file not open for writing (EACCES), a file not open for reading (EACCES), a
 * file with no mmap (ENODEV). The area's flags: VM_SHARED | VM_MAYSHARE for MAP_SHARED,
 * VM_SHARED dropped again when the file is not open for writing (such a mapping can never
 * be written: mprotect(PROT_WRITE) is EACCES).
 */
static long file_mmap_flags(struct file *file, unsigned long prot, unsigned long flags,
			    unsigned long *vm_flags)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		if (prot & PROT_WRITE && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~VM_SHARED;
		__attribute__((__fallthrough__));
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op || !file->f_op->mmap)
			return -ENODEV;
		return 0;
	default:
		return -EINVAL;
	}
}

/* A file area over [addr, addr + len): the file's mmap says where its pages come from. */
static long mmap_file_area(struct mm_struct *mm, struct file *file, unsigned long addr,
			   unsigned long len, unsigned long pgoff, unsigned long *vm_flags)
{
	struct vm_area_struct *v = kzalloc(sizeof(*v), GFP_KERNEL);
	long err;

	if (!v)
		return -ENOMEM;
	v->vm_start = addr;
	v->vm_end = addr + len;
	v->vm_flags = *vm_flags;
	v->vm_pgoff = pgoff;
	v->vm_file = get_file(file);
	err = file->f_op->mmap(file, v);
	if (!err && v->vm_file)
		return mm_insert_vma(mm, v) ? (fput(v->vm_file), kfree(v), -ENOMEM) : 1;
	/* Never the file's last reference here: do_mmap holds one. */
	if (v->vm_file)
		fput(v->vm_file);
	*vm_flags = v->vm_flags;	/* made anonymous (/dev/zero): the caller maps it so */
	kfree(v);
	return err;
}

/*
 * The checks come in Linux's order, so a call with several things wrong gets Linux's errno:
 * the descriptor first (ksys_mmap_pgoff), then the length, then the address (an address
 * range past the top is -ENOMEM, a misaligned one -EINVAL, as get_unmapped_area() says),
 * the mapping type and the file's modes, and the limits last.
 */
static long do_mmap_locked(struct mm_struct *mm, unsigned long addr, unsigned long len,
			   unsigned long prot, unsigned long flags, struct file *file,
			   unsigned long pgoff)
{
	unsigned long vm_flags = vm_flags_from_prot(prot);
	long err;

	if (flags & MAP_FIXED) {
		if (addr > mm->task_size - len)
			return -ENOMEM;
		if (addr & (PAGE_SIZE - 1))
			return -EINVAL;
	} else {
		addr = find_free_range(mm, len);
		if (!addr)
			return -ENOMEM;
	}
	if (file) {
		err = file_mmap_flags(file, prot, flags, &vm_flags);
		if (err)
			return err;
	} else {
		if (!(flags & (MAP_PRIVATE | MAP_SHARED)))
			return -EINVAL;
		if (flags & MAP_SHARED)		/* also MAP_SHARED_VALIDATE (both bits) */
			vm_flags |= VM_SHARED;
	}
	/* A MAP_FIXED mapping replaces what it covers: those pages are not new (mmap_region). */
	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT)) {
		unsigned long replaced, data;

		count_vm_pages(mm, addr, addr + len, &replaced, &data);
		if (!may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) - replaced))
			return -ENOMEM;
	}
	if (flags & MAP_FIXED) {
		err = mm_unmap(mm, addr, addr + len);
		if (err)
			return err;
	}
	if (file) {
		err = mmap_file_area(mm, file, addr, len, pgoff, &vm_flags);
		if (err)
			return err > 0 ? (long)addr : err;
	}
	/*
	 * Pages come on first touch (mm/memory.c), unless the caller wants them now. Shared
	 * anonymous memory gets all of them now: with no object behind the area to find a page
	 * by, a page first touched in a child after fork would be the child's alone. Populated
	 * before any fork, every page is shared by dup_mm() and stays shared. (A file mapping's
	 * pages come on first touch even with MAP_POPULATE.)
	 */
	if (flags & MAP_POPULATE || vm_flags & VM_SHARED)
		err = mm_map_anon(mm, addr, len, vm_flags);
	else
		err = mm_reserve_anon(mm, addr, len, vm_flags);
	return err ? err : (long)addr;
}

/*
 * The descriptor (EBADF, O_PATH included), the length, an offset whose last page would
 * wrap (EOVERFLOW), then do_mmap_locked. A file area keeps its own reference on the file;
 * the one taken here is put once page_table_lock is dropped.
 */
static long do_mmap(unsigned long addr, unsigned long len, unsigned long prot,
		    unsigned long flags, long fd, unsigned long off_pages)
{
	struct mm_struct *mm = current->mm;
	struct file *file = NULL;
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		file = fd < 0 ? NULL : fget(fd);
		if (!file)
			return -EBADF;
		if (file->f_mode & FMODE_PATH) {
			fput(file);
			return -EBADF;
		}
	} else {
		off_pages = 0;
	}
	ret = -EINVAL;
	if (!len)
		goto out;
	len = PAGE_ALIGN(len);
	ret = -ENOMEM;
	if (!len || len > mm->task_size)
		goto out;				/* the alignment wrapped, or too long */
	ret = -EOVERFLOW;
	if (off_pages + (len >> PAGE_SHIFT) < off_pages)
		goto out;
	spin_lock(&mm->page_table_lock);
	ret = do_mmap_locked(mm, addr, len, prot, flags, file, off_pages);
	spin_unlock(&mm->page_table_lock);
	mm_release_dead_vmas(mm);
out:
	if (file)
		fput(file);
	return ret;
}

/* x86_64 and arm64: the offset is in bytes. */
SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	if (off & (PAGE_SIZE - 1))
		return -EINVAL;
	return do_mmap(addr, len, prot, flags, (long)fd, off >> PAGE_SHIFT);
}

/*
 * The helper behind the page-offset entry points: i386 mmap2 here, i386's original mmap
 * (compat_sys_ia32_mmap, arch/x86/kernel/sys_ia32.c).
 */
long ksys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		     unsigned long flags, unsigned long fd, unsigned long pgoff)
{
	return do_mmap(addr, len, prot, flags, (int)fd, pgoff);
}

/* i386 mmap2: the offset is in pages, so 32-bit programs can reach large files. */
SYSCALL_DEFINE6(mmap_pgoff, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, pgoff)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff);
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	struct mm_struct *mm = current->mm;
	int err;

	/* The raw length is checked before it is aligned: (size_t)-1 would align to 0. */
	if (addr & (PAGE_SIZE - 1) || addr > mm->task_size || len > mm->task_size - addr)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	spin_lock(&mm->page_table_lock);
	err = mm_unmap(mm, addr, addr + len);
	spin_unlock(&mm->page_table_lock);
	mm_release_dead_vmas(mm);
	return err;
}

/*
 * Making private memory writable turns it into data: RLIMIT_DATA must hold the pages that
 * become data (Linux's mprotect_fixup checks each area the same way), else -ENOMEM.
 */
static int mprotect_data_check(struct mm_struct *mm, unsigned long start, unsigned long end,
			       unsigned long vm_flags)
{
	unsigned long becoming = 0;

	if (!(vm_flags & VM_WRITE))
		return 0;
	for (struct vm_area_struct *v = mm->mmap; v && v->vm_start < end; v = v->vm_next) {
		unsigned long s = max(v->vm_start, start), e = min(v->vm_end, end);

		if (s < e && !is_data_mapping(v->vm_flags) &&
		    is_data_mapping((v->vm_flags & ~(VM_READ | VM_EXEC)) | vm_flags))
			becoming += (e - s) >> PAGE_SHIFT;
	}
	return !becoming || may_expand_vm(mm, VM_WRITE, becoming) ? 0 : -ENOMEM;
}

/*
 * Change what user space may do with its pages; C libraries make their relocated data
 * read-only this way (RELRO) right after startup. PROT_WRITE without PROT_READ still
 * reads on x86 and arm64 (the page tables cannot say write-only), as on Linux.
 */
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long end;
	int err;

	/* Linux's order: the start, an empty range (0), a wrapped one (-ENOMEM), then prot. */
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	if (!len)
		return 0;
	end = start + PAGE_ALIGN(len);
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (end > mm->task_size)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	err = mprotect_data_check(mm, start, end, vm_flags_from_prot(prot));
	if (!err)
		err = mm_protect(mm, start, end, vm_flags_from_prot(prot));
	if (!err && (prot & PROT_EXEC))
		sync_user_icache_range(mm, start, end);	/* data written earlier may now run */
	spin_unlock(&mm->page_table_lock);
	return err;
}

/*
 * msync, with Linux's checks and errno: unknown flags, an unaligned start, MS_ASYNC with
 * MS_SYNC (EINVAL); a wrapped range (ENOMEM); a hole (ENOMEM after the rest; at once for a
 * plain MS_ASYNC) or nothing mapped (ENOMEM). The files Ferry maps are tmpfs ones, whose
 * pages are the file itself: nothing is written back, so MS_SYNC has nothing to wait for.
 */
#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *v;
	unsigned long end;
	int err = 0, unmapped = 0;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & (PAGE_SIZE - 1))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	spin_lock(&mm->page_table_lock);
	for (;;) {
		for (v = mm->mmap; v && v->vm_end <= start; v = v->vm_next)
			;
		if (!v) {
			err = -ENOMEM;
			break;
		}
		if (start < v->vm_start) {
			if (flags == MS_ASYNC) {
				err = -ENOMEM;
				break;
			}
			start = v->vm_start;
			if (start >= end)
				break;
			unmapped = -ENOMEM;
		}
		start = v->vm_end;
		if (start >= end)
			break;
	}
	spin_unlock(&mm->page_table_lock);
	return err ? err : unmapped;
}
