// SPDX-License-Identifier: GPL-2.0
/*
 * text_poke_early() on x86 (linux/text_patching.h): the image maps text read-only at
 * __START_KERNEL_map + physical; the direct map has the same physical bytes at PAGE_OFFSET +
 * physical, read-write until mark_text_alias_ro(). x86 keeps instruction fetch coherent with
 * stores to the same physical bytes through any mapping; the serialising cpuid afterwards
 * discards anything already fetched or decoded from the old bytes (Intel SDM vol. 3, 8.1.3).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/text_patching.h>
#include <asm/page.h>
#include <asm/processor.h>

void text_poke_early(void *addr, const void *bytes, size_t len)
{
	u32 a, b, c, d;

	if (kernel_text_sealed)
		panic("text_poke_early(%px): the text alias is read-only now", addr);
	memcpy(__va(__pa_symbol(addr)), bytes, len);
	cpuid(0, &a, &b, &c, &d);	/* serialising */
}
