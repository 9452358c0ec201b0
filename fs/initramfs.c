// SPDX-License-Identifier: GPL-2.0
/*
 * Unpack the initramfs: a cpio archive in the "newc" format (magic 070701), the format
 * Linux takes from the boot loader. Each entry is a 110-byte ASCII header of 8-digit hex
 * fields, the NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes; the
 * entry named TRAILER!!! ends it. Every field is checked against the archive's size, so a
 * corrupt archive stops unpacking with a message instead of reading past its end.
 *
 * This file only parses; each entry is made in the root tmpfs by initramfs_make_entry()
 * (fs/initramfs_vfs.c), so the parser is unit-tested on the host alone.
 */
#include <linux/kernel.h>
#include <linux/initramfs.h>
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
 * Unpack the archive into the root tmpfs. Stops at the first thing wrong and says what and where in
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
		u32 f[13];	/* ino mode uid gid nlink mtime filesize devmajor devminor
				 * rdevmajor rdevminor namesize check */
		u32 mode, filesize, namesize;
		bool hex_ok = true;

		st->offset = off;
		st->entry = entry;
		if (off == size)
			FAIL("no TRAILER!!! entry: the archive ends");
		if (size - off < NEWC_HDR)
			FAIL("truncated header");
		if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
			FAIL("bad magic (not a newc cpio header)");
		for (int i = 0; i < 13; i++)
			hex_ok = hex_ok && hex8(h + 6 + 8 * i, &f[i]);
		if (!hex_ok)
			FAIL("bad header (a field is not 8 hex digits)");
		mode = f[1];
		filesize = f[6];
		namesize = f[11];
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
		struct initramfs_entry e = {
			.name = name, .ino = f[0], .mode = mode, .uid = f[2], .gid = f[3],
			.nlink = f[4], .mtime = f[5], .data = base + data_off, .size = filesize,
			.dev_major = f[7], .dev_minor = f[8], .rdev_major = f[9], .rdev_minor = f[10],
		};

		if (!initramfs_make_entry(&e))
			created++;
		off = min(ALIGN(data_off + (size_t)filesize, 4), size);
	}
#undef FAIL
out:
	initramfs_finish();
	st->entries = created;
	return created;
}
