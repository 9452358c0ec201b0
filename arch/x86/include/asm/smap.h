/*
 * SMAP's two instructions, stac (let ring 0 touch user pages) and clac (forbid it again), and
 * where they are. Only the uaccess layer (asm/uaccess.h, asm/futex.h, fpu_signal.c) opens the
 * window, and only for the instructions that touch user memory; every entry from user mode or
 * from an interrupt closes it (clac in entry_64.S and entry_64_compat.S, MSR_SYSCALL_MASK.AC
 * for syscall, sysenter's popfq), so user code setting AC gets nothing.
 *
 * stac and clac are #UD on a CPU without SMAP (qemu64), so each site is assembled as a 3-byte
 * NOP (0f 1f 00) and recorded in .smap_sites; smap_init() (cpu/smap.c) rewrites the recorded
 * sites into 0f 01 cb (stac) or 0f 01 ca (clac) when the CPU has SMAP, before turning
 * CR4.SMAP on. A CPU without SMAP runs one NOP per site.
 */
#ifndef _ASM_X86_SMAP_H
#define _ASM_X86_SMAP_H

#define SMAP_CLAC_MODRM	0xca
#define SMAP_STAC_MODRM	0xcb

#ifdef __ASSEMBLY__

.macro SMAP_SITE modrm
661:	.byte 0x0f, 0x1f, 0x00
	.pushsection .smap_sites, "a"
	.balign 4
	.long 661b - .
	.long \modrm
	.popsection
.endm

#define ASM_CLAC	SMAP_SITE SMAP_CLAC_MODRM
#define ASM_STAC	SMAP_SITE SMAP_STAC_MODRM

#else

#include <linux/types.h>

/* One patch site: the NOP's address relative to this entry, and the byte that makes it. */
struct smap_site {
	s32 offset;
	u32 modrm;
};

#define __SMAP_STR(x)	#x
#define __SMAP_SITE(modrm)						\
	"661:	.byte 0x0f, 0x1f, 0x00\n"				\
	"	.pushsection .smap_sites, \"a\"\n"			\
	"	.balign 4\n"						\
	"	.long 661b - .\n"					\
	"	.long " __SMAP_STR(modrm) "\n"					\
	"	.popsection\n"

/* The compiler must not move memory accesses across either: "memory". */
static __always_inline void stac(void)
{
	__asm__ __volatile__(__SMAP_SITE(SMAP_STAC_MODRM) : : : "memory");
}

static __always_inline void clac(void)
{
	__asm__ __volatile__(__SMAP_SITE(SMAP_CLAC_MODRM) : : : "memory");
}

extern bool x86_smap_enabled, x86_smep_enabled;
void smap_init(void);			/* boot CPU, once: patch the sites */
void cpu_setup_smep_smap(void);		/* every CPU: CR4.SMEP and CR4.SMAP */

#endif /* __ASSEMBLY__ */
#endif
