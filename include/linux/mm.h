/* Memory-management glue: frames, struct page lookup, and mm_init(). */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/buddy.h>
#include <asm/page.h>

extern struct zone mem_zone;

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

void mm_init(void);
void page_alloc_init(void);

#endif
