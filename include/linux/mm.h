/*
 * Memory-management glue: frames, struct page lookup, page reference counts, mm_init().
 *
 * A page given to user space carries a reference per mapping of it: alloc_pages() hands a
 * page out with a count of 1 (its first mapping), fork's dup_mm() adds one for each copy of
 * the mapping (get_page), and unmapping drops one (put_page, only once the TLB no longer
 * names the page: mm/mmu_gather.c). The last put_page() gives the frame back to the
 * allocator. Kernel pages that a user area only borrows (VM_PFNMAP: the vDSO, the arm kuser
 * page) are never counted.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/buddy.h>
#include <linux/spinlock.h>
#include <linux/mm_types.h>
#include <asm/page.h>

extern struct zone mem_zone;
/* Guards mem_zone's free lists and counts (mm/page_alloc.c); interrupts off. */
extern spinlock_t mem_zone_lock;

#ifndef PAGE_ALIGN
#define PAGE_ALIGN(x) ALIGN((x), PAGE_SIZE)
#endif

#define PFN_DOWN(x) ((x) >> PAGE_SHIFT)
#define PFN_UP(x)   (((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x) ((phys_addr_t)(x) << PAGE_SHIFT)

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_zone.map[pfn - mem_zone.start_pfn];
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

static inline void *page_address(const struct page *p)
{
	return __va(PFN_PHYS(mem_zone.start_pfn + (p - mem_zone.map)));
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn >= mem_zone.start_pfn && pfn - mem_zone.start_pfn < mem_zone.spanned;
}

static inline struct page *phys_to_page(phys_addr_t pa)
{
	return pfn_to_page(PFN_DOWN(pa));
}

static inline int page_count(const struct page *p)
{
	return __atomic_load_n(&p->_refcount, __ATOMIC_RELAXED);
}

static inline void get_page(struct page *p)
{
	__atomic_fetch_add(&p->_refcount, 1, __ATOMIC_RELAXED);
}

/* Drop a reference; the last one frees the page (of the order it was allocated with). */
void put_page(struct page *p);

/*
 * The access a user page of an area with vm_flags gets in its page-table entry: a private
 * page still shared with another address space (after fork: count > 1) stays read-only, so
 * its first write faults and copies it (mm/memory.c). Shared areas (VM_SHARED) and borrowed
 * pages (VM_PFNMAP) keep the area's access.
 */
static inline unsigned long user_page_access(phys_addr_t pa, unsigned long vm_flags)
{
	if ((vm_flags & (VM_WRITE | VM_SHARED | VM_PFNMAP)) == VM_WRITE &&
	    page_count(phys_to_page(pa)) > 1)
		return vm_flags & ~VM_WRITE;
	return vm_flags;
}

/* Read len bytes at addr of mm (not necessarily the current one) into buf: the bytes read,
 * fewer where nothing is mapped (mm/remote.c). The caller holds a reference to mm. */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len);

void mm_init(void);
void page_alloc_init(void);

#endif
