/*
 * Layout of the arm64 kernel image. The Image file is 'objcopy -O binary' of this, so the
 * header (.head.text) must come first and everything up to _edata is file content; BSS and
 * the early page tables follow in memory only (image_size in the header covers them).
 * Boundaries between text, read-only data and data are page aligned because paging_init()
 * maps them with different permissions.
 */
#include <asm-generic/vmlinux.lds.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/thread_info.h>

OUTPUT_ARCH(aarch64)
ENTRY(_head)

SECTIONS
{
	. = KIMAGE_VADDR;
	_text = .;
	.head.text : { KEEP(*(.head.text)) }

	.text : {
		_stext = .;
		/* What runs while the MMU is being switched: one page, identity-mapped. */
		. = ALIGN(PAGE_SIZE);
		__idmap_text_start = .;
		*(.idmap.text)
		__idmap_text_end = .;
		. = ALIGN(PAGE_SIZE);
		*(.text .text.*)
	}
	. = ALIGN(PAGE_SIZE);
	_etext = .;

	.rodata : {
		__start_rodata = .;
		GENERIC_RODATA_TABLES
		/* SYSCALL_DEFINE metadata (linux/syscalls.h), read by the tracer. */
		. = ALIGN(8);
		KEEP(*(__syscalls_metadata))
		*(.rodata .rodata.*)
	}
	. = ALIGN(PAGE_SIZE);
	__end_rodata = .;

	.data : {
		_sdata = .;
		*(.data .data.*)
	}
	_edata = .;

	.bss (NOLOAD) : {
		. = ALIGN(16);
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(16);
		__bss_stop = .;
	}

	/* Early page tables (head.S): after BSS, so clearing BSS cannot wipe them in use. */
	. = ALIGN(PAGE_SIZE);
	.pgdir (NOLOAD) : {
		init_idmap_pg_dir = .;
		. += 2 * PAGE_SIZE;
		init_pg_dir = .;
		. += 3 * PAGE_SIZE;
		init_pg_end = .;
	}
	_end = .;
	_kernel_size = _end - _text;

	.got : { *(.got .got.plt) }
	ASSERT(SIZEOF(.got) == 0, "the kernel must not need a GOT")

	DISCARDS
}

ASSERT(__idmap_text_end - __idmap_text_start <= PAGE_SIZE, ".idmap.text must fit one page")
ASSERT(_end <= FDT_VIRT_BASE, "kernel image runs into the DTB window")
ASSERT(_head == KIMAGE_VADDR, "the Image header must be first")
