/*
 * GDT layout and segment selectors. The order is Linux's and is not free: SYSCALL loads
 * CS = STAR[47:32] and SS = +8; SYSRET to 64-bit loads CS = STAR[63:48] + 16 and SS = +8,
 * to 32-bit CS = STAR[63:48] and SS = +8. With STAR[63:48] = 0x23 - 3 = 0x20 that needs
 * user32 CS, user DS, user64 CS in a row, and kernel CS then kernel DS.
 */
#ifndef _ASM_X86_SEGMENT_H
#define _ASM_X86_SEGMENT_H

#include <linux/const.h>

#define GDT_ENTRY_KERNEL32_CS	1	/* 32-bit kernel code: only used on the way to long mode */
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_USER32_CS	4
#define GDT_ENTRY_USER_DS	5
#define GDT_ENTRY_USER_CS	6
#define GDT_ENTRY_TSS		8	/* 16 bytes: entries 8 and 9 */
#define GDT_ENTRY_TLS_MIN	12	/* three thread-local-storage slots (set_thread_area) */
#define GDT_ENTRY_TLS_ENTRIES	3
#define GDT_ENTRY_TLS_MAX	(GDT_ENTRY_TLS_MIN + GDT_ENTRY_TLS_ENTRIES - 1)
#define GDT_ENTRIES		16

#define __KERNEL32_CS	(GDT_ENTRY_KERNEL32_CS * 8)		/* 0x08 */
#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)		/* 0x10 */
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)		/* 0x18 */
#define __USER32_CS	(GDT_ENTRY_USER32_CS * 8 + 3)		/* 0x23 */
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)		/* 0x2b */
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)		/* 0x33 */
#define GDT_ENTRY_TSS_SEL (GDT_ENTRY_TSS * 8)			/* 0x40 */

/*
 * Code/data descriptor flags, as the 16 bits at descriptor bits 40..55:
 * access byte (P, DPL, S, type) in the low 8, then G, D/B, L, AVL in the top nibble.
 */
#define DESC_CODE64_KERNEL	0xa09b	/* G, L,   P DPL0 code exec/read accessed */
#define DESC_CODE32_KERNEL	0xc09b	/* G, D,   P DPL0 code */
#define DESC_DATA_KERNEL	0xc093	/* G, D/B, P DPL0 data read/write accessed */
#define DESC_CODE64_USER	0xa0fb	/* as kernel, DPL3 */
#define DESC_CODE32_USER	0xc0fb
#define DESC_DATA_USER		0xc0f3

/* A flat (base 0, limit 4 GiB) descriptor; long mode ignores base/limit of CS/DS/SS. */
#define GDT_ENTRY_FLAT(flags)						\
	((((flags) & _AC(0xf0ff, ULL)) << 40) | (_AC(0xf, ULL) << 48) | _AC(0xffff, ULL))

#endif
