/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Linker script of the x86_64 vmlinux. The image is linked at 0xffffffff80200000 and loaded
 * at physical 0x200000 (p_paddr = p_vaddr - __START_KERNEL_map): PVH and GRUB load ELF
 * segments at p_paddr. Three PT_LOAD segments with the permissions paging_init() gives the
 * kernel mapping (text RX, rodata R, data+bss RW), each starting on a page boundary, and a
 * PT_NOTE for the PVH entry note.
 */
#include <asm/page.h>
#include <asm-generic/vmlinux.lds.h>

#define LOAD_OFFSET __START_KERNEL_map

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)

/*
 * e_entry is a virtual address inside a segment, as ELF means it: loaders translate it
 * through p_vaddr -> p_paddr (GRUB refuses an e_entry that lies in no segment). PVH and
 * Multiboot2 give their own physical entry points anyway (head_64.S).
 */
ENTRY(startup_32)

PHDRS {
	text PT_LOAD FLAGS(5);		/* R E */
	rodata PT_LOAD FLAGS(4);	/* R */
	data PT_LOAD FLAGS(6);		/* R W */
	note PT_NOTE FLAGS(4);
}

SECTIONS
{
	. = __START_KERNEL;
	_text = .;

	.text : AT(ADDR(.text) - LOAD_OFFSET) {
		/* First: the Multiboot2 header must be in the first 32 KiB of the file. */
		KEEP(*(.head.text))
		*(.text .text.*)
	} :text
	_etext = .;

	. = ALIGN(PAGE_SIZE);
	__start_rodata = .;
	.rodata : AT(ADDR(.rodata) - LOAD_OFFSET) {
		*(.rodata .rodata.* .rodata1)
		GENERIC_RODATA_TABLES
		/* The stac/clac sites smap_init() patches (asm/smap.h). */
		. = ALIGN(4);
		__smap_sites_start = .;
		KEEP(*(.smap_sites))
		__smap_sites_end = .;
	} :rodata

	.notes : AT(ADDR(.notes) - LOAD_OFFSET) {
		KEEP(*(.note.Xen))
	} :rodata :note
	__end_rodata = .;

	. = ALIGN(PAGE_SIZE);
	_sdata = .;
	.data : AT(ADDR(.data) - LOAD_OFFSET) {
		*(.data .data.*)
	} :data
	_edata = .;

	. = ALIGN(PAGE_SIZE);
	.bss : AT(ADDR(.bss) - LOAD_OFFSET) {
		__bss_start = .;
		*(.bss..page_aligned)
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(8);
		__bss_stop = .;
	} :data

	. = ALIGN(PAGE_SIZE);
	_end = .;

	DISCARDS
}

/* head_64.S's pa() arithmetic and the early page tables assume this. */
ASSERT(_end - _text <= 512 * 1024 * 1024, "kernel image larger than 512 MiB")
ASSERT(__bss_start == ALIGN(__bss_start, 8), "BSS must be 8-byte aligned")
