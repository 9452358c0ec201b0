/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writing the kernel's own instructions, at boot only: the x86 SMAP sites (asm/smap.h) and
 * the static keys (linux/jump_label.h). The kernel image's text is mapped read-only from
 * paging_init() on, so the arch writes the bytes through the other mapping of the same
 * physical page, the direct (x86) or linear (arm64) map, and then makes the CPU fetch them:
 *
 *   text_poke_early(addr, bytes, len)   arch/<arch>/kernel/text_patch.c: write through the
 *                                       alias, then serialise (x86) or clean and invalidate
 *                                       the caches to the point of unification (arm64)
 *   mark_text_alias_ro()                kernel/text_seal.c, start_kernel: the last patch is
 *                                       done; the alias of text and rodata becomes read-only
 *                                       too (arch_seal_text_alias), as Linux maps it, so a
 *                                       kernel bug cannot write the text through it either
 *
 * Nothing else runs while text is written (one CPU, before any user task), so no CPU can be
 * executing an instruction as it changes. After the seal text_poke_early() panics: there is
 * no writable mapping of text left to write through.
 */
#ifndef _LINUX_TEXT_PATCHING_H
#define _LINUX_TEXT_PATCHING_H

#include <linux/types.h>

extern bool kernel_text_sealed;		/* set once by mark_text_alias_ro() */

void text_poke_early(void *addr, const void *bytes, size_t len);
void mark_text_alias_ro(void);
void arch_seal_text_alias(void);

#endif
