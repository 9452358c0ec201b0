/* Bits of RFLAGS, CR0, CR4 and EFER that this kernel sets or tests (SDM vol. 3, 2.5). */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

#define X86_EFLAGS_TF	0x00000100	/* trap flag: single step */
#define X86_EFLAGS_IF_BIT 9
#define X86_EFLAGS_DF	0x00000400	/* direction flag: the ABI wants it clear */

#define X86_CR0_PE	0x00000001	/* protected mode */
#define X86_CR0_WP	0x00010000	/* ring 0 honours read-only pages */
#define X86_CR0_PG	0x80000000	/* paging */

#define X86_CR4_PAE	0x00000020	/* 64-bit page-table entries: required for long mode */
#define X86_CR4_PGE	0x00000080	/* global pages */

#define MSR_EFER	0xc0000080
#define EFER_SCE	(1 << 0)	/* SYSCALL/SYSRET */
#define EFER_LME	(1 << 8)	/* long mode enable */
#define EFER_NXE	(1 << 11)	/* no-execute bit in page tables */

#endif
