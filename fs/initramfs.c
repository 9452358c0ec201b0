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
#include "internal.h"
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

/*
 * Unpack the archive into ramfs. Stops at the first thing wrong and says what and where in
 * *st; the entries before it stay. Returns the number of files, directories and links made.
 */
int unpack_initramfs(const void *start, size_t size, struct initramfs_status *st)
{
	const char *base = start;
	size_t off = 0;
	int created = 0;

	*st = (struct initramfs_status){ 0 };
#define FAIL(why) do { st->error = (why); goto out; } while (0)
	for (int entry = 1;; entry++) {
		const char *h = base + off;
		u32 mode, filesize, namesize;

		st->offset = off;
		st->entry = entry;
		if (off == size)
			FAIL("no TRAILER!!! entry: the archive ends");
		if (size - off < NEWC_HDR)
			FAIL("truncated header");
		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
			FAIL("bad magic (not a newc cpio header)");
		if (!hex8(h + 14, &mode) || !hex8(h + 54, &filesize) || !hex8(h + 94, &namesize))
			FAIL("bad header (a field is not 8 hex digits)");
		size_t name_off = off + NEWC_HDR;
		size_t data_off = name_off + namesize;

		if (!namesize)
			FAIL("empty name");
		if (namesize > size - name_off)
			FAIL("truncated name");
		if (base[name_off + namesize - 1])
			FAIL("name not NUL-terminated");
		data_off = ALIGN(data_off, 4);
		const char *name = base + name_off;

		if (!strcmp(name, "TRAILER!!!"))
			break;
		if (data_off > size || filesize > size - data_off)
			FAIL("truncated data");
		if (S_ISREG(mode) || S_ISDIR(mode) || (mode & S_IFMT) == S_IFLNK) {
			ramfs_create(name, mode, base + data_off, filesize);
			created++;
		}
		off = min(ALIGN(data_off + (size_t)filesize, 4), size);
	}
#undef FAIL
out:
	st->entries = created;
	return created;
}
