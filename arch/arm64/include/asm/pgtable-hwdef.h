/*
 * VMSAv8-64 translation table format, 4 KiB granule, 48-bit VA: four levels of 512 entries,
 * level 0 (bits 47:39) .. level 3 (bits 20:12). Level 1 and 2 entries may be blocks of
 * 1 GiB / 2 MiB. Descriptor bit positions: Arm ARM D8.3 ("Translation table descriptor
 * formats"). The memory types index MAIR_EL1, which head.S programs with MAIR_EL1_INIT.
 */
#ifndef _ASM_ARM64_PGTABLE_HWDEF_H
#define _ASM_ARM64_PGTABLE_HWDEF_H

#include <linux/const.h>

#define PTRS_PER_TABLE	512
#define PGDIR_SHIFT	39	/* level 0 */
#define PUD_SHIFT	30	/* level 1: 1 GiB */
#define PMD_SHIFT	21	/* level 2: 2 MiB */
#define PMD_SIZE	(_AC(1, UL) << PMD_SHIFT)
#define PUD_SIZE	(_AC(1, UL) << PUD_SHIFT)

/* Descriptor type, bits 1:0. */
#define PTE_VALID	_BITUL(0)
#define PTE_TYPE_BLOCK	(_AC(1, UL) << 0)	/* levels 1-2 */
#define PTE_TYPE_TABLE	(_AC(3, UL) << 0)	/* levels 0-2 */
#define PTE_TYPE_PAGE	(_AC(3, UL) << 0)	/* level 3 */
#define PTE_TYPE_MASK	(_AC(3, UL) << 0)

/* Lower attributes. */
#define PTE_ATTRINDX(i)	((_AC(i, UL)) << 2)	/* MAIR_EL1 index */
#define PTE_USER	_BITUL(6)		/* AP[1]: EL0 access */
#define PTE_RDONLY	_BITUL(7)		/* AP[2]: read-only */
#define PTE_SHARED	(_AC(3, UL) << 8)	/* SH: inner shareable */
#define PTE_AF		_BITUL(10)		/* access flag: set, or the first access faults */
#define PTE_NG		_BITUL(11)		/* not global: tagged with the ASID */
/* Upper attributes. */
#define PTE_PXN		_BITUL(53)		/* never executable at EL1 */
#define PTE_UXN		_BITUL(54)		/* never executable at EL0 */

#define PTE_ADDR_MASK	_AC(0x0000fffffffff000, UL)	/* output address, bits 47:12 */

/* MAIR_EL1 attribute indexes and their encodings. */
#define MT_DEVICE_nGnRnE	0
#define MT_DEVICE_nGnRE		1
#define MT_NORMAL_NC		2
#define MT_NORMAL		3
#define MAIR_ATTR_DEVICE_nGnRnE	0x00
#define MAIR_ATTR_DEVICE_nGnRE	0x04
#define MAIR_ATTR_NORMAL_NC	0x44
#define MAIR_ATTR_NORMAL_WB	0xff	/* inner/outer write-back, read/write-allocate */
#define MAIR_EL1_INIT	((MAIR_ATTR_DEVICE_nGnRnE << (8 * MT_DEVICE_nGnRnE)) | \
			 (MAIR_ATTR_DEVICE_nGnRE << (8 * MT_DEVICE_nGnRE)) |	\
			 (MAIR_ATTR_NORMAL_NC << (8 * MT_NORMAL_NC)) |		\
			 (MAIR_ATTR_NORMAL_WB << (8 * MT_NORMAL)))

/* Kernel normal memory: cacheable, inner shareable, accessed, never executable by EL0. */
#define PROT_SECT_NORMAL	(PTE_TYPE_BLOCK | PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | \
				 PTE_AF | PTE_UXN)
#define PTE_ATTRS_NORMAL	(PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF | PTE_UXN)
/* Normal non-cacheable (write-combining: stores merge, unaligned ones work): PCI BAR memory. */
#define PTE_ATTRS_NORMAL_NC	(PTE_ATTRINDX(MT_NORMAL_NC) | PTE_SHARED | PTE_AF | PTE_PXN | PTE_UXN)
#define PTE_ATTRS_DEVICE	(PTE_ATTRINDX(MT_DEVICE_nGnRE) | PTE_AF | PTE_PXN | PTE_UXN)

#endif
