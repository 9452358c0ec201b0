/*
 * Pages and the two kernel address translations: __va() for the linear map of RAM, __pa()
 * for linear-map and kernel-image addresses alike (the image is linked at KIMAGE_VADDR but
 * loaded wherever the boot loader chose, so its offset is only known at run time).
 */
#ifndef _ASM_ARM64_PAGE_H
#define _ASM_ARM64_PAGE_H

#include <linux/const.h>
#include <asm/memory.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Physical address that PAGE_OFFSET maps: the lowest RAM, rounded down to 1 GiB (setup_arch). */
extern u64 memstart_addr;
/* Kernel image virtual minus physical address (head.S fills it in before any C runs). */
extern u64 kimage_voffset;

#define __is_lm_address(va)	((((unsigned long)(va)) & _BITUL(LINEAR_MAP_BIT)) == 0)
#define __lm_to_phys(va)	((phys_addr_t)(((unsigned long)(va)) - PAGE_OFFSET) + memstart_addr)
#define __kimg_to_phys(va)	((phys_addr_t)(((unsigned long)(va)) - kimage_voffset))

#define __pa(va)	(__is_lm_address(va) ? __lm_to_phys(va) : __kimg_to_phys(va))
#define __pa_symbol(sym) __kimg_to_phys(sym)
#define __va(pa)	((void *)((unsigned long)((phys_addr_t)(pa) - memstart_addr) + PAGE_OFFSET))

/* Whole pages (arch/arm64/lib/page.S): DC ZVA zeroing, 64-byte ldp/stp copying. */
void clear_page(void *page);
void copy_page(void *to, const void *from);

#define virt_to_phys(va) __pa(va)
#define phys_to_virt(pa) __va(pa)

#endif /* !__ASSEMBLY__ */
#endif
