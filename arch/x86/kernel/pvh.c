// SPDX-License-Identifier: GPL-2.0
/*
 * The PVH boot protocol (Xen's "HVM direct boot", used by QEMU -kernel for an ELF with a
 * PVH note): EBX at entry points to struct hvm_start_info. We take the memory map, the
 * command line and the first module (QEMU's -initrd) from it.
 * Layouts: Xen's public header arch-x86/hvm/start_info.h (version 1).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <asm/setup.h>
#include <asm/smp.h>

struct hvm_start_info {
	u32 magic;		/* XEN_HVM_START_MAGIC_VALUE */
	u32 version;		/* 1 adds the memory map */
	u32 flags;
	u32 nr_modules;
	u64 modlist_paddr;	/* struct hvm_modlist_entry[nr_modules] */
	u64 cmdline_paddr;	/* NUL-terminated */
	u64 rsdp_paddr;
	u64 memmap_paddr;	/* struct hvm_memmap_table_entry[memmap_entries] */
	u32 memmap_entries;
	u32 reserved;
};

struct hvm_modlist_entry {
	u64 paddr;
	u64 size;
	u64 cmdline_paddr;
	u64 reserved;
};

struct hvm_memmap_table_entry {
	u64 addr;
	u64 size;
	u32 type;		/* E820 types: 1 = RAM */
	u32 reserved;
};

#define E820_TYPE_RAM	1
#define PVH_MAX_ENTRIES	1024	/* far more than any machine: beyond, the field is garbage */

static void pvh_memory_map(const struct hvm_start_info *si)
{
	const struct hvm_memmap_table_entry *map;
	size_t bytes = (size_t)si->memmap_entries * sizeof(*map);

	if (si->version < 1 || !si->memmap_entries || si->memmap_entries > PVH_MAX_ENTRIES)
		panic("PVH boot: no usable memory map (start_info version %u, %u entries)",
		      si->version, si->memmap_entries);
	map = early_boot_ptr(si->memmap_paddr, bytes, "PVH memory map");
	memblock_reserve(si->memmap_paddr, bytes);
	for (u32 i = 0; i < si->memmap_entries; i++)
		if (map[i].type == E820_TYPE_RAM)
			memblock_add(map[i].addr, map[i].size);
}

static void pvh_command_line(const struct hvm_start_info *si)
{
	const char *s;
	size_t len;

	if (!si->cmdline_paddr) {
		set_boot_command_line(NULL, 0);
		return;
	}
	/*
	 * Measure the whole line (as far as the early mapping reaches), so an over-long one is
	 * refused with its real length, not cut, and not reported as the limit plus one.
	 */
	s = early_boot_ptr(si->cmdline_paddr, 1, "PVH command line");
	len = strnlen(s, EARLY_MAPPED_LIMIT - si->cmdline_paddr);
	memblock_reserve(si->cmdline_paddr, len + 1);
	set_boot_command_line(s, len);
}

static void pvh_modules(const struct hvm_start_info *si)
{
	const struct hvm_modlist_entry *mod;
	size_t bytes = (size_t)si->nr_modules * sizeof(*mod);

	if (!si->nr_modules)
		return;
	if (si->nr_modules > PVH_MAX_ENTRIES)
		panic("PVH boot: corrupt module count %u", si->nr_modules);
	mod = early_boot_ptr(si->modlist_paddr, bytes, "PVH module list");
	memblock_reserve(si->modlist_paddr, bytes);
	for (u32 i = 0; i < si->nr_modules; i++)
		memblock_reserve(mod[i].paddr, mod[i].size);
	/* The first module is the initrd (QEMU -initrd). */
	initrd_start = mod[0].paddr;
	initrd_size = mod[0].size;
}

static bool reads_as_text(u32 word)
{
	for (int i = 0; i < 4; i++, word >>= 8)
		if ((word & 0xff) < ' ' || (word & 0xff) > '~')
			return false;
	return true;
}

void pvh_parse_boot_info(u32 info_phys)
{
	const struct hvm_start_info *si;

	si = early_boot_ptr(info_phys, sizeof(*si), "PVH start_info");
	if (si->magic != XEN_HVM_START_MAGIC_VALUE)
		panic("PVH boot: bad start_info magic %#x at %#x (expected %#x)%s",
		      si->magic, info_phys, XEN_HVM_START_MAGIC_VALUE,
		      reads_as_text(si->magic) ? "; it reads as text: QEMU's PVH loader lets a "
		      "command line longer than about 4 KiB run over the start_info" : "");
	pr_info("boot: PVH, start_info version %u at %#x\n", si->version, info_phys);
	memblock_reserve(info_phys, sizeof(*si));

	pvh_command_line(si);
	pvh_memory_map(si);
	pvh_modules(si);
	if (IS_ENABLED(CONFIG_USER_MODE))
		boot_rsdp_phys = si->rsdp_paddr;	/* 0 when the loader did not look */
}
