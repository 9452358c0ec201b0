/*
 * User address spaces, as generic code sees them: create, switch, fill, copy for fork, and
 * flush (flush_tlb_mm, linux/mmu_gather.h). Each arch implements these over its own page tables (arch/x86/mm/mmu_context.c,
 * arch/arm64/mm/context.c); <asm/mmu_context.h> says how, and adds what only it needs.
 */
#ifndef _LINUX_MMU_CONTEXT_H
#define _LINUX_MMU_CONTEXT_H

#include <linux/types.h>
#include <linux/compiler.h>

struct mm_struct;

int init_new_context(struct mm_struct *mm);
/* Frees the user page-table pages (not the pages they map: mmput() dropped those). */
void destroy_context(struct mm_struct *mm);
/*
 * Load next's user page tables; next == NULL means none (only the kernel's mappings: kernel
 * threads, a task past exit_mm). arm64 tags each mm's TLB entries with its ASID, so a switch
 * flushes nothing; x86 reloads CR3, which drops every user entry.
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

/* vm_flags: VM_READ/WRITE/EXEC (linux/mm_types.h). Remapping a page updates its entry. */
int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags);
phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va);
phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va);

/*
 * Whole ranges, [start, end) page aligned: these walk the page tables and skip absent ones,
 * so their cost follows what is mapped, not the size of the range. unmap_user_range()
 * clears every entry, frees every table it visits that is empty afterwards and, when
 * free_frames, the pages it unmapped (only once the TLB no longer names them).
 * protect_user_range() gives every mapped page vm_flags' access. A page mapped without
 * VM_READ/WRITE/EXEC (PROT_NONE) keeps its frame and faults on every access, the kernel's
 * user copies included; it is still mapped for user_page_phys() and the range walks.
 */
void unmap_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		      bool free_frames);
void protect_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned long vm_flags);
/*
 * Call visit(va, pa, arg) for every page present in [start, end) (PROT_NONE ones included),
 * walking the tables, so the cost follows what is mapped, not the size of the range: what
 * /proc's sizes and MADV_REMOVE use (a per-address loop over a huge sparse area would hold
 * the CPU for minutes). Under mm->page_table_lock; visit must not sleep.
 */
typedef void (*visit_fn)(unsigned long va, phys_addr_t pa, void *arg);
void visit_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		      visit_fn visit, void *arg);

/*
 * mremap (mm/mremap.c): move every page present in [start, end) of mm to the same offset
 * from new_start, whose range holds no pages, by moving the page-table entries (Linux's
 * move_page_tables): frames, counts and access stay, nothing is copied. With dup (mremap
 * of old_size 0, shared areas only) the source keeps its entries and each frame gains a
 * reference. Under mm->page_table_lock. Returns how many bytes from start were dealt with:
 * end - start, or less when a destination table could not be allocated (the pages below
 * start + that have moved; moving them back cannot fail, the source tables stay).
 */
unsigned long move_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			      unsigned long new_start, bool dup);

/*
 * fork (mm/user.c dup_mm): map every page src has in [start, end), an area with vm_flags,
 * at the same address in dst, taking a page reference for each (none for VM_PFNMAP). A
 * private writable area (VM_WRITE without VM_SHARED) becomes copy-on-write: its pages are
 * read-only in both, src's entries are changed and flushed before this returns. 0, or
 * -ENOMEM when dst could not take a page (what it took stays mapped there, counted, for
 * mmput(dst) to give back).
 */
/*
 * fork's policy for one present page (mm/user.c), for the arch's copy_user_range walk, which
 * writes the entries itself a whole leaf table at a time: counts the child's new mapping of
 * the frame pa (a borrowed VM_PFNMAP frame is not counted) and returns the access both
 * entries get. A private writable page becomes copy-on-write: read-only in both (the arch
 * rewrites the source's entry if it was writable).
 */
unsigned long fork_copy_access(phys_addr_t pa, unsigned long vm_flags);
int copy_user_range(struct mm_struct *dst, struct mm_struct *src, unsigned long start,
		    unsigned long end, unsigned long vm_flags);
/* fork: the arch's part of mm_context_t that the copy inherits (the vDSO base). */
void arch_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm);

/*
 * <asm/mmu_context.h> also provides sync_user_icache(mm): make instructions just written
 * into mm's executable pages visible to fetches (arm64 cleans and invalidates caches; x86
 * is coherent and does nothing).
 */

#include <asm/mmu_context.h>

#endif
