// SPDX-License-Identifier: GPL-2.0
/*
 * The boot memory map from the DTB: RAM from the /memory nodes, then everything already in
 * use reserved — the kernel image, the DTB itself, the initrd, the /memreserve/ block and
 * /reserved-memory — then mem= applied. Also fixes memstart_addr, the RAM address the
 * linear map starts from.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fdt.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/setup.h>

u64 memstart_addr;

static void add_memory_nodes(const void *fdt)
{
	int node, found = 0;

	fdt_for_each_subnode(node, fdt, 0) {
		int len, i;
		const char *type = fdt_getprop(fdt, node, "device_type", &len);
		u64 base, size;

		if (!type || len < 7 || strcmp(type, "memory") || !fdt_node_is_enabled(fdt, node))
			continue;
		for (i = 0; fdt_get_reg(fdt, node, i, &base, &size) == 0; i++) {
			if (!size)
				continue;
			pr_info("memory: %#llx-%#llx (%llu MiB)\n", (unsigned long long)base,
				(unsigned long long)(base + size - 1),
				(unsigned long long)(size >> 20));
			memblock_add(base, size);
			found++;
		}
	}
	if (!found)
		panic("DTB has no /memory node: cannot tell where RAM is");
}

/* /chosen linux,initrd-start / -end: 32- or 64-bit cells, end exclusive. */
static void reserve_initrd(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const void *ps, *pe;
	int ls, le;
	u64 start, end;

	if (chosen < 0)
		return;
	ps = fdt_getprop(fdt, chosen, "linux,initrd-start", &ls);
	pe = fdt_getprop(fdt, chosen, "linux,initrd-end", &le);
	if (!ps || !pe)
		return;
	start = ls == 8 ? fdt64_ld(ps) : ls == 4 ? fdt32_ld(ps) : 0;
	end = le == 8 ? fdt64_ld(pe) : le == 4 ? fdt32_ld(pe) : 0;
	if (!start || end <= start) {
		pr_warn("initrd: ignoring bad linux,initrd-start/end %#llx-%#llx\n",
			(unsigned long long)start, (unsigned long long)end);
		return;
	}
	initrd_start = start;
	initrd_size = end - start;
	memblock_reserve(start, end - start);
	pr_info("initrd: %#llx-%#llx (%zu bytes)\n", (unsigned long long)start,
		(unsigned long long)(end - 1), initrd_size);
}

/* Firmware's own memory: /memreserve/ entries and /reserved-memory children. */
static void reserve_firmware_memory(const void *fdt)
{
	u64 base, size;
	int i, parent, node;

	for (i = 0; fdt_get_mem_rsv(fdt, i, &base, &size); i++) {
		if (size)
			memblock_reserve(base, size);
	}

	parent = fdt_path_offset(fdt, "/reserved-memory");
	if (parent < 0)
		return;
	fdt_for_each_subnode(node, fdt, parent) {
		bool nomap = fdt_getprop(fdt, node, "no-map", NULL) != NULL;

		if (!fdt_node_is_enabled(fdt, node))
			continue;
		if (fdt_getprop(fdt, node, "reg", NULL) &&
		    fdt_get_reg(fdt, node, 0, &base, &size) != 0)
			pr_warn("reserved-memory: %s: cannot read its reg (no ranges on "
				"/reserved-memory?): not reserved\n", fdt_get_name(fdt, node, NULL));
		for (i = 0; fdt_get_reg(fdt, node, i, &base, &size) == 0; i++) {
			/* no-map: not even the linear map may cover it (speculative accesses). */
			if (nomap)
				memblock_remove(base, size);
			else
				memblock_reserve(base, size);
		}
	}
}

/* Is [base, base+size) inside one memory region, i.e. covered by the linear map? */
bool arm64_range_in_memory(phys_addr_t base, phys_addr_t size)
{
	unsigned int i;

	for (i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		if (base >= r->base && base + size <= r->base + r->size)
			return true;
	}
	return false;
}

void arm64_memblock_init(const void *fdt, phys_addr_t dt_phys)
{
	phys_addr_t kernel_start = __pa_symbol(_text);
	phys_addr_t kernel_end = __pa_symbol(_end);

	add_memory_nodes(fdt);
	memblock_reserve(kernel_start, kernel_end - kernel_start);
	memblock_reserve(dt_phys, fdt_totalsize(fdt));
	reserve_initrd(fdt);
	reserve_firmware_memory(fdt);
	memblock_enforce_limit();
	memblock_check_above(kernel_end);

	/* mem= may have cut away the RAM the boot loader put the initrd in. */
	if (initrd_start && !arm64_range_in_memory(initrd_start, initrd_size)) {
		pr_warn("initrd: %#llx-%#llx lies outside usable memory (mem=?), ignoring it\n",
			(unsigned long long)initrd_start,
			(unsigned long long)(initrd_start + initrd_size - 1));
		initrd_start = 0;
		initrd_size = 0;
	}

	/* 1 GiB alignment keeps VA and PA congruent modulo any block size. */
	memstart_addr = ALIGN_DOWN(memblock_start_of_DRAM(), PUD_SIZE);
}
