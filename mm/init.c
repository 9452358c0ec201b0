// SPDX-License-Identifier: GPL-2.0
/* mm_init(): from memblock's boot-time view to the running allocators. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/slab.h>
#include <linux/init.h>

void mm_init(void)
{
	unsigned long total_kib = memblock_phys_mem_size() >> 10;

	page_alloc_init();
	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK data+bss)\n",
		nr_free_pages() << (PAGE_SHIFT - 10), total_kib,
		(unsigned long)(_etext - _text) >> 10,
		(unsigned long)(_end - _sdata) >> 10);
}
