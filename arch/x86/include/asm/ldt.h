/*
 * struct user_desc: what set_thread_area() and get_thread_area() exchange with 32-bit user
 * space (Linux's UAPI layout, so glibc's i386 startup works unchanged).
 */
#ifndef _ASM_X86_LDT_H
#define _ASM_X86_LDT_H

#include <linux/types.h>

struct user_desc {
	u32 entry_number;		/* GDT slot, or -1: "pick a free one and tell me" */
	u32 base_addr;
	u32 limit;
	u32 seg_32bit:1;
	u32 contents:2;			/* 0 data, 1 data expand-down; code is refused */
	u32 read_exec_only:1;
	u32 limit_in_pages:1;
	u32 seg_not_present:1;
	u32 useable:1;
	u32 lm:1;
};

#endif
