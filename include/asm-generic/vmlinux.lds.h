/*
 * Pieces every arch linker script places: the tables generic code walks at run time.
 * Included from arch/<arch>/kernel/vmlinux.lds.S (run through the C preprocessor).
 */
#ifndef _ASM_GENERIC_VMLINUX_LDS_H
#define _ASM_GENERIC_VMLINUX_LDS_H

/* Read-only tables; put inside the arch's .rodata output section. */
#define GENERIC_RODATA_TABLES						\
	. = ALIGN(8);							\
	__setup_start = .;						\
	KEEP(*(.init.setup))						\
	__setup_end = .;						\
	. = ALIGN(8);							\
	__ktest_start = .;						\
	KEEP(*(.ktest))							\
	__ktest_end = .;						\
	. = ALIGN(8);							\
	__start___ex_table = .;						\
	KEEP(*(__ex_table))						\
	__stop___ex_table = .;						\
	. = ALIGN(8);							\
	__start___jump_table = .;					\
	KEEP(*(__jump_table))						\
	__stop___jump_table = .;					\
	. = ALIGN(8);							\
	KEEP(*(.rodata.kallsyms))

#define DISCARDS							\
	/DISCARD/ : {							\
		*(.comment) *(.note.GNU-stack) *(.eh_frame)		\
		*(.note.gnu.property)					\
	}

#endif
