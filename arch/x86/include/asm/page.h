/*
 * The x86_64 kernel address space and the page size.
 *
 *   0x0000000000000000 .. 0x00007fffffffffff  user space (empty until later issues)
 *   0xffff888000000000 ..                     direct map of all RAM (PAGE_OFFSET)
 *   0xffffc90000000000 .. +32 TiB             vmalloc/ioremap area (asm/pgtable.h)
 *   0xffffffff80000000 .. +1 GiB              the kernel image: physical 0x200000 runs
 *                                             at 0xffffffff80200000 (-2 GiB, so that
 *                                             -mcmodel=kernel can use sign-extended
 *                                             32-bit absolute addresses)
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <linux/const.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#define PMD_SHIFT	21		/* one page-directory entry maps 2 MiB */
#define PMD_SIZE	(_AC(1, UL) << PMD_SHIFT)
#define PUD_SHIFT	30		/* one PDPT entry maps 1 GiB */
#define PUD_SIZE	(_AC(1, UL) << PUD_SHIFT)
#define PGDIR_SHIFT	39		/* one PML4 entry maps 512 GiB */
#define PGDIR_SIZE	(_AC(1, UL) << PGDIR_SHIFT)

#define PAGE_OFFSET		_AC(0xffff888000000000, UL)
#define __START_KERNEL_map	_AC(0xffffffff80000000, UL)
#define __PHYSICAL_START	_AC(0x200000, UL)
#define __START_KERNEL		(__START_KERNEL_map + __PHYSICAL_START)

#ifndef __ASSEMBLY__
#include <linux/types.h>

/* Physical address of a kernel-image or direct-map virtual address. */
static inline phys_addr_t __phys_addr(unsigned long va)
{
	if (va >= __START_KERNEL_map)
		return va - __START_KERNEL_map;
	return va - PAGE_OFFSET;
}

#define __pa(va)	__phys_addr((unsigned long)(va))
#define __pa_symbol(s)	((phys_addr_t)((unsigned long)(s) - __START_KERNEL_map))
#define __va(pa)	((void *)((unsigned long)(pa) + PAGE_OFFSET))

/* Zero one page: rep stosq writes RCX quadwords of RAX at RDI. */
static inline void clear_page(void *page)
{
	unsigned long count = PAGE_SIZE / 8, zero = 0;

	__asm__ __volatile__("rep stosq"
			     : "+D"(page), "+c"(count) : "a"(zero) : "memory");
}

/*
 * Copy one page: rep movsq moves RCX quadwords from RSI to RDI (DF is clear in the kernel).
 * One instruction under QEMU's icount, and the CPU's fast-string path on hardware.
 */
static inline void copy_page(void *to, const void *from)
{
	unsigned long count = PAGE_SIZE / 8;

	__asm__ __volatile__("rep movsq"
			     : "+D"(to), "+S"(from), "+c"(count) : : "memory");
}

#endif /* !__ASSEMBLY__ */
#endif
