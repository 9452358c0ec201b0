// SPDX-License-Identifier: GPL-2.0
/*
 * Unpack the initramfs: a cpio archive in the "newc" format (magic 070701), the format
 * Linux takes from the boot loader. Each entry is a 110-byte ASCII header of 8-digit hex
 * fields, the NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes; the
 * entry named TRAILER!!! ends it. Every field is checked against the archive's size, so a
 * corrupt archive stops unpacking with a message instead of reading past its end.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/string.h>

#define NEWC_HDR 110

static bool hex8(const char *p, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

int unpack_initramfs(const void *start, size_t size)
{
	const char *base = start;
	size_t off = 0;
	int files = 0;

	while (off + NEWC_HDR <= size) {
		const char *h = base + off;
		u32 mode, filesize, namesize;

		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6)) {
			if (!h[0] && files)	/* zero padding after the trailer of a concatenation */
				break;
			pr_err("initramfs: bad cpio magic at offset %zu\n", off);
			return -1;
		}
		if (!hex8(h + 14, &mode) || !hex8(h + 54, &filesize) || !hex8(h + 94, &namesize)) {
			pr_err("initramfs: bad header at offset %zu\n", off);
			return -1;
		}
		size_t name_off = off + NEWC_HDR;
		size_t data_off = ALIGN(name_off + namesize, 4);
		size_t next = ALIGN(data_off + (size_t)filesize, 4);

		if (!namesize || name_off + namesize > size || data_off + filesize > size ||
		    base[name_off + namesize - 1]) {
			pr_err("initramfs: entry at offset %zu runs past the archive\n", off);
			return -1;
		}
		const char *name = base + name_off;

		if (!strcmp(name, "TRAILER!!!"))
			return files;
		if (S_ISREG(mode) || S_ISDIR(mode) || (mode & S_IFMT) == S_IFLNK) {
			ramfs_create(name, mode, base + data_off, filesize);
			files++;
		}
		off = next;
	}
	if (files)
		pr_warn("initramfs: no TRAILER!!! entry; using the %d files found\n", files);
	return files;
}
