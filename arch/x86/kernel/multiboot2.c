// SPDX-License-Identifier: GPL-2.0
/*
 * The Multiboot2 boot protocol (GRUB's "multiboot2" command): EAX holds the magic, EBX the
 * physical address of the boot information, a u32 total size and reserved word followed by
 * 8-byte-aligned tags {u32 type; u32 size; ...} up to an end tag. We read the command line
 * (tag 1), modules (tag 3: the first is the initrd) and the memory map (tag 6).
 * Layouts: the Multiboot2 specification, section 3.6.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <asm/setup.h>
#include <asm/smp.h>

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14	/* a copy of the ACPI 1.0 RSDP */
#define MB2_TAG_ACPI_NEW	15	/* a copy of the ACPI 2.0+ RSDP */

#define MB2_MEMORY_AVAILABLE	1
#define MB2_INFO_MAX_SIZE	(1u << 20)	/* sanity bound on total_size */

struct mb2_tag {
	u32 type;
	u32 size;		/* including this header, excluding padding */
};

struct mb2_tag_string {		/* command line */
	struct mb2_tag tag;
	char string[];
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start;
	u32 mod_end;		/* first byte after the module */
	char cmdline[];
};

struct mb2_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;
	u32 zero;
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size;		/* a multiple of 8, at least sizeof(struct mb2_mmap_entry) */
	u32 entry_version;
	/* entries follow, entry_size bytes apart */
};

static void mb2_cmdline(const struct mb2_tag_string *t)
{
	size_t max = t->tag.size - sizeof(t->tag);

	set_boot_command_line(t->string, strnlen(t->string, max));
}

static void mb2_module(const struct mb2_tag_module *t, int index)
{
	if (t->tag.size < sizeof(*t) || t->mod_end < t->mod_start)
		panic("Multiboot2 boot: corrupt module tag (%#x-%#x)", t->mod_start, t->mod_end);
	memblock_reserve(t->mod_start, t->mod_end - t->mod_start);
	if (index == 0) {
		initrd_start = t->mod_start;
		initrd_size = t->mod_end - t->mod_start;
	}
}

static int mb2_mmap(const struct mb2_tag_mmap *t)
{
	const char *p = (const char *)(t + 1), *end = (const char *)t + t->tag.size;
	int ram = 0;

	if (t->tag.size < sizeof(*t) || t->entry_size < sizeof(struct mb2_mmap_entry))
		panic("Multiboot2 boot: corrupt memory map tag (entry size %u)", t->entry_size);
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;

		if (e->type == MB2_MEMORY_AVAILABLE) {
			memblock_add(e->addr, e->len);
			ram++;
		}
	}
	return ram;
}

void multiboot2_parse_boot_info(u32 magic, u32 info_phys)
{
	const u32 *header;
	const char *info, *p, *end;
	u32 total;
	int modules = 0, ram_ranges = -1;
	bool have_cmdline = false, ended = false;

	if (magic != MULTIBOOT2_BOOTLOADER_MAGIC)
		panic("Multiboot2 boot: bad magic %#x in EAX (expected %#x)",
		      magic, MULTIBOOT2_BOOTLOADER_MAGIC);
	header = early_boot_ptr(info_phys, 8, "Multiboot2 information");
	total = header[0];
	if (total < 16 || total > MB2_INFO_MAX_SIZE || (info_phys & 7))
		panic("Multiboot2 boot: corrupt information at %#x (total size %u)",
		      info_phys, total);
	info = early_boot_ptr(info_phys, total, "Multiboot2 information");
	memblock_reserve(info_phys, total);
	pr_info("boot: Multiboot2, information at %#x (%u bytes)\n", info_phys, total);

	/* Tags follow the 8-byte header, each starting 8-byte aligned. */
	end = info + total;
	for (p = info + 8; p + sizeof(struct mb2_tag) <= end; p += ALIGN(((struct mb2_tag *)p)->size, 8)) {
		const struct mb2_tag *tag = (const void *)p;

		if (tag->size < sizeof(*tag) || tag->size > (size_t)(end - p))
			panic("Multiboot2 boot: corrupt tag %u (size %u) at offset %#lx",
			      tag->type, tag->size, (unsigned long)(p - info));
		if (tag->type == MB2_TAG_END) {
			ended = true;
			break;
		}
		switch (tag->type) {
		case MB2_TAG_CMDLINE:
			mb2_cmdline((const void *)tag);
			have_cmdline = true;
			break;
		case MB2_TAG_MODULE:
			mb2_module((const void *)tag, modules++);
			break;
		case MB2_TAG_MMAP:
			ram_ranges = mb2_mmap((const void *)tag);
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The copy itself serves as the RSDP (acpi.c); the 2.0+ one wins. */
			if (IS_ENABLED(CONFIG_USER_MODE) &&
			    (tag->type == MB2_TAG_ACPI_NEW || !boot_rsdp_phys))
				boot_rsdp_phys = info_phys + (p - info) + sizeof(*tag);
			break;
		}
	}
	if (!ended)
		panic("Multiboot2 boot: information at %#x has no end tag", info_phys);
	if (ram_ranges < 0)
		panic("Multiboot2 boot: no memory map tag");
	if (!have_cmdline)
		set_boot_command_line(NULL, 0);
}
