/*
 * The kernel's virtual address layout (48-bit VA, 4 KiB pages, everything in TTBR1):
 *
 *   0xffff000000000000  PAGE_OFFSET    linear map of all RAM (bit 47 clear)
 *   0xffff800080000000  KIMAGE_VADDR   the kernel image, linked here (bit 47 set)
 *   0xffff8000bf800000  FDT_VIRT_BASE  4 MiB window onto the boot DTB (two 2 MiB blocks)
 *   0xffff8000bfe00000  FIXADDR_START  fixmap: 512 single-page slots (early UART, page tables)
 *   0xffff800100000000  VMALLOC_START  vmalloc / ioremap / kernel stacks (4 GiB)
 *
 * TTBR0 (the low half) belongs to user space; the kernel only borrows it at boot for the
 * identity map that turns the MMU on.
 */
#ifndef _ASM_ARM64_MEMORY_H
#define _ASM_ARM64_MEMORY_H

#include <linux/const.h>

#define VA_BITS		48
#define PAGE_OFFSET	_AC(0xffff000000000000, UL)
#define KIMAGE_VADDR	_AC(0xffff800080000000, UL)
/* The image, the DTB window and the fixmap share the one 1 GiB region of one level-2 table. */
#define KIMAGE_REGION_END (KIMAGE_VADDR + _AC(0x40000000, UL))
#define FDT_VIRT_BASE	(KIMAGE_REGION_END - _AC(0x800000, UL))
#define FDT_WINDOW_SIZE	_AC(0x400000, UL)
#define FIXADDR_START	(KIMAGE_REGION_END - _AC(0x200000, UL))
#define VMALLOC_START	_AC(0xffff800100000000, UL)
#define VMALLOC_END	_AC(0xffff800200000000, UL)

/* Bit 47 tells the two kernel halves apart: clear in the linear map, set from KIMAGE_VADDR on. */
#define LINEAR_MAP_BIT	47

/* Linux's arm64 boot protocol: a DTB is at most 2 MiB and 8-byte aligned. */
#define MAX_FDT_SIZE	_AC(0x200000, UL)

#endif
