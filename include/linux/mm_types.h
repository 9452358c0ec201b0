/*
 * A user address space: the arch's page-table root (mm_context_t, asm/mmu.h) plus the list of
 * areas that are mapped. Every user page lies inside an area. Anonymous pages come from the
 * page allocator with a reference count (linux/mm.h): fork shares them copy-on-write
 * (dup_mm), unmapping drops a reference and the last one frees the frame (the vDSO's,
 * VM_PFNMAP, stay the kernel's and are never counted).
 *
 * Lifetime: mm_users counts the tasks using the mm (CLONE_VM threads share one; fork
 * without CLONE_VM gets a dup_mm() copy). mmget() adds one, mmput() drops one, and the last
 * mmput() unmaps everything and frees the page tables and the mm.
 *
 * Locking: page_table_lock (a spinlock; never held while touching user memory, since the
 * fault it could take needs the same lock, and never across schedule()) protects the area
 * list, map_count, the brk and mmap fields, and every change to the page tables: the
 * syscalls of mm/mmap.c and mm/mremap.c, handle_mm_fault() and dup_mm() (for the mm copied) take it. The
 * mm_* functions below expect it held, or the mm not yet visible to any other task (exec
 * building a new one, a test's own mm). Order: it nests inside tasklist_lock and outside
 * the page allocator's interrupt-off section; no other lock is taken inside it.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <asm/mmu.h>

/* vm_flags: what user space may do with an area (the arch turns them into PTE bits). */
#define VM_READ		0x1
#define VM_WRITE	0x2
#define VM_EXEC		0x4
#define VM_SHARED	0x8	/* MAP_SHARED: fork shares the pages writable, never copies them */
#define VM_STACK	0x100	/* the initial stack: grows down on a fault below it (expand_stack) */
#define VM_MAYSHARE	0x80	/* MAP_SHARED of a file: without VM_SHARED, the file was not
				 * open for writing, and mprotect(PROT_WRITE) is EACCES */
#define VM_PFNMAP	0x400	/* the frames are not the area's own (the vDSO's kernel pages):
				 * unmapping never frees them, mprotect never makes them writable */

/* madvise's marks (mm/madvise.c): read-ahead hints, fork's treatment, core dumps. */
#define VM_SEQ_READ	0x8000		/* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x10000		/* MADV_RANDOM */
#define VM_DONTCOPY	0x20000		/* MADV_DONTFORK: fork leaves the area out */
#define VM_WIPEONFORK	0x2000000	/* MADV_WIPEONFORK: the child gets it empty (zeroes) */
#define VM_DONTDUMP	0x4000000	/* MADV_DONTDUMP */
/* The most areas one mm may hold (Linux's default vm.max_map_count). */
#define MAX_MAP_COUNT	65530

struct file;
struct page;
struct vm_area_struct;

/*
 * What a file mapping's pages come from (set by the file's f_op->mmap): fault() returns the
 * page at file page pgoff with a reference for the mapping, NULL past the end of the file,
 * or an ERR_PTR (-ENOMEM, -ENOSPC).
 */
struct vm_operations_struct {
	struct page *(*fault)(struct vm_area_struct *vma, unsigned long pgoff);
};

struct vm_area_struct {
	unsigned long vm_start, vm_end;		/* [start, end), page aligned */
	unsigned long vm_flags;
	struct vm_area_struct *vm_next;		/* sorted by address */
	/*
	 * A file mapping: the file (a reference, get_file/fput: /proc/<pid>/maps names it),
	 * the file page vm_start maps, and where its pages come from. NULL vm_file: anonymous.
	 */
	struct file *vm_file;
	unsigned long vm_pgoff;
	const struct vm_operations_struct *vm_ops;
	/* A kernel-made area's name in /proc/PID/maps ("[vdso]", "[vvar]"...), or NULL. */
	const char *vm_name;
};

struct mm_struct {
	mm_context_t context;			/* arch: page-table root, ASID, vDSO base */
	int mm_users;				/* tasks using it: mmget()/mmput() */
	spinlock_t page_table_lock;		/* areas and page tables: see above */
	struct vm_area_struct *mmap;
	int map_count;				/* areas in the list, at most MAX_MAP_COUNT */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long task_size;		/* user space ends here (32-bit: 4 GiB - page) */
	unsigned long faulted_pages;		/* pages given out by handle_mm_fault() */
	unsigned long cow_pages;		/* pages copied on a write after fork */
	unsigned long mmap_base;		/* mmap() hands out addresses below this */
	bool tearing_down;			/* the last mmput: tables go in one piece */
	/* Areas unlinked under page_table_lock whose file references wait for
	 * mm_release_dead_vmas(), called with the lock dropped (fput may sleep). */
	struct vm_area_struct *dead_vmas;
	struct file *exe_file;			/* what exec ran (/proc/<pid>/exe): a reference,
						 * set by exec, copied by fork, dropped at the
						 * last mmput */
};
/* After dropping page_table_lock: put the files of the areas unmapped meanwhile, free them. */
void mm_release_dead_vmas(struct mm_struct *mm);
/* Insert a prepared area (its range free of others; vm_file's reference is the area's). */
int mm_insert_vma(struct mm_struct *mm, struct vm_area_struct *v);
/* f_op->mmap for memory that is not the file's: the area becomes anonymous (/dev/zero). */
void vma_set_anonymous(struct vm_area_struct *vma);

/* A new empty mm with one user (the caller). NULL when out of memory. */
struct mm_struct *mm_alloc(unsigned long task_size);
/* fork without CLONE_VM: a copy of oldmm, areas and pages, private writable pages shared
 * copy-on-write (mm/memory.c), MAP_SHARED ones shared. NULL when out of memory, with
 * nothing kept. Takes oldmm->page_table_lock. */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

static inline void mmget(struct mm_struct *mm)
{
	__atomic_fetch_add(&mm->mm_users, 1, __ATOMIC_RELAXED);
}

/* Drop a user; the last one tears the mm down (the caller has switched away from it). */
void mmput(struct mm_struct *mm);
/* Map zeroed anonymous memory over [start, start + len) (page aligned). 0 or -errno. */
int mm_map_anon(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long vm_flags);
/* Record [start, end) as anonymous memory without pages: each comes on its first access. */
int mm_reserve_anon(struct mm_struct *mm, unsigned long start, unsigned long len,
		    unsigned long vm_flags);

/* brk: move the heap's end from old_end to new_end (page aligned), widening or trimming
 * its area. 0, or -ENOMEM (something is mapped there, or no memory for an area). */
int mm_brk(struct mm_struct *mm, unsigned long old_end, unsigned long new_end,
	   unsigned long vm_flags);

/* Where mmap(NULL, len) would map now (mm/mmap.c); 0 when nothing fits. */
unsigned long mm_get_unmapped_area(struct mm_struct *mm, unsigned long len);
/* Record [start, end) as mapped by the kernel with frames it keeps (VM_PFNMAP added),
 * shown in /proc/PID/maps as 'name' (a string that lives as long as the kernel). */
int mm_add_special(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long vm_flags, const char *name);
/* An area of 'pages' pages at start made by mm_add_special, the first 'mapped' of them
 * mapped to the kernel's frames from pa on (the rest fault); all or nothing. 0 or -errno. */
int mm_install_special(struct mm_struct *mm, unsigned long start, unsigned long pages,
		       phys_addr_t pa, unsigned long mapped, unsigned long vm_flags,
		       const char *name);

/* A user access faulted (mm/memory.c): a page not there yet, or a write to a copy-on-write
 * page. Takes mm->page_table_lock. 0, -EFAULT (no area), -EACCES, -ENOMEM. */
#define FAULT_FLAG_WRITE	0x1
#define FAULT_FLAG_INSTRUCTION	0x2
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags);

/* Copy into user pages of mm that may not be the current address space, through the
 * direct map: for exec's new mm only (it would write through a copy-on-write page). */
int mm_copy_to(struct mm_struct *mm, unsigned long addr, const void *src, size_t len);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* RLIMIT_AS / RLIMIT_DATA (mm/mmap.c): may mm take npages more of an area with flags? */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages);
/* A fault below the stack: grow it down to addr if the limits allow; the area, or NULL. */
struct vm_area_struct *expand_stack(struct mm_struct *mm, unsigned long addr);
bool mm_range_free(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Where mmap() would put len bytes without MAP_FIXED (below mmap_top(): a 32-bit call's
 * address stays below 4 GiB); 0 if there is no room. Under page_table_lock. */
unsigned long find_free_range(struct mm_struct *mm, unsigned long len);
/* Set and clear vm_flags bits on the areas in [start, end) (page aligned), splitting an
 * area at the range's ends only where its flags change. 0 or -ENOMEM (no area for a split). */
int mm_update_flags(struct mm_struct *mm, unsigned long start, unsigned long end,
		    unsigned long set, unsigned long clear);
/* Unmap [start, end) (page aligned); 0 or -ENOMEM (an area could not be split). */
int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Change the access of [start, end) (page aligned, all mapped) to vm_flags' VM_READ/WRITE/
 * EXEC, splitting areas at the edges. 0, or -ENOMEM when part of the range is unmapped. */
int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long end,
	       unsigned long vm_flags);

#endif
