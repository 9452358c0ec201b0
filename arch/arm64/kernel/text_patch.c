// SPDX-License-Identifier: GPL-2.0
/*
 * text_poke_early() on arm64 (linux/text_patching.h): the image maps text read-only at
 * KIMAGE_VADDR; the linear map has the same physical bytes at __va(physical), read-write
 * until mark_text_alias_ro(). The instruction side does not see data-side stores on its own
 * (Arm ARM B2.4.4, "Concurrent modification and execution of instructions"), so after the
 * store: clean the line to the point of unification (dc cvau; by the alias's address, the
 * data cache is physically tagged), wait (dsb ish), invalidate the I-cache line by the address
 * the CPU executes from (ic ivau), wait again, and isb so this CPU fetches afresh.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/text_patching.h>
#include <asm/barrier.h>
#include <asm/cache.h>
#include <asm/page.h>

void text_poke_early(void *addr, const void *bytes, size_t len)
{
	unsigned long text = (unsigned long)addr, end = text + len;
	unsigned long alias = (unsigned long)__va(__pa_symbol(text));
	unsigned long line;

	if (kernel_text_sealed)
		panic("text_poke_early(%px): the text alias is read-only now", addr);
	memcpy((void *)alias, bytes, len);
	for (line = alias & ~(L1_CACHE_BYTES - 1UL); line < alias + len; line += L1_CACHE_BYTES)
		__asm__ __volatile__("dc cvau, %0" : : "r"(line) : "memory");
	dsb(ish);
	for (line = text & ~(L1_CACHE_BYTES - 1UL); line < end; line += L1_CACHE_BYTES)
		__asm__ __volatile__("ic ivau, %0" : : "r"(line) : "memory");
	dsb(ish);
	isb();
}
