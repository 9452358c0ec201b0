/*
 * A user address space: the arch's page-table root (mm_context_t, asm/mmu.h) plus the list of
 * areas that are mapped. Every user page lies inside an area. Anonymous pages come from the
 * page allocator and go back when unmapped (the vDSO's, VM_PFNMAP, stay the kernel's);
 * tearing the mm down frees them all.
 *
 * No lock yet: one task, on one CPU, is the only user of an mm. Fork and SMP will bring an
 * mm lock around the area list and the page tables.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <asm/mmu.h>

/* vm_flags: what user space may do with an area (the arch turns them into PTE bits). */
#define VM_READ		0x1
#define VM_WRITE	0x2
#define VM_EXEC		0x4
#define VM_STACK	0x100	/* informational: the initial stack */
#define VM_PFNMAP	0x400	/* the frames are not the area's own (the vDSO's kernel pages):
				 * unmapping never frees them, mprotect never makes them writable */

/* The most areas one mm may hold (Linux's default vm.max_map_count). */
#define MAX_MAP_COUNT	65530

struct vm_area_struct {
	unsigned long vm_start, vm_end;		/* [start, end), page aligned */
	unsigned long vm_flags;
	struct vm_area_struct *vm_next;		/* sorted by address */
};

struct mm_struct {
	mm_context_t context;			/* arch: page-table root, ASID, vDSO base */
	struct vm_area_struct *mmap;
	int map_count;				/* areas in the list, at most MAX_MAP_COUNT */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long task_size;		/* user space ends here (32-bit: 4 GiB - page) */
	unsigned long faulted_pages;		/* pages given out by handle_mm_fault() */
	unsigned long mmap_base;		/* mmap() hands out addresses below this */
};

struct mm_struct *mm_alloc(unsigned long task_size);
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

/* Record [start, end) as mapped by the kernel with frames it keeps (VM_PFNMAP added). */
int mm_add_special(struct mm_struct *mm, unsigned long start, unsigned long end,
		   unsigned long vm_flags);

/* A user access found no page (mm/memory.c): 0, -EFAULT (no area), -EACCES, -ENOMEM. */
#define FAULT_FLAG_WRITE	0x1
#define FAULT_FLAG_INSTRUCTION	0x2
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int flags);

/* Copy into user pages of mm that may not be the current address space. */
int mm_copy_to(struct mm_struct *mm, unsigned long addr, const void *src, size_t len);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
bool mm_range_free(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Unmap [start, end) (page aligned); 0 or -ENOMEM (an area could not be split). */
int mm_unmap(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Change the access of [start, end) (page aligned, all mapped) to vm_flags' VM_READ/WRITE/
 * EXEC, splitting areas at the edges. 0, or -ENOMEM when part of the range is unmapped. */
int mm_protect(struct mm_struct *mm, unsigned long start, unsigned long end,
	       unsigned long vm_flags);

#endif
