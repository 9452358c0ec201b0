/*
 * Unit tests of fs/initramfs.c: a good newc archive unpacks whole; a broken one stops at the
 * first fault with what is wrong, the entry and its offset, and the count of entries made
 * before it (never a negative count).
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/initramfs.h>
#include "ktap.h"

/* The tmpfs side's stand-in: remember what would have been created. */
static int made;
static char made_names[8][32];

int initramfs_make_entry(const struct initramfs_entry *e)
{
	if (made < 8)
		snprintf(made_names[made], sizeof(made_names[0]), "%s", e->name);
	made++;
	return 0;
}

void initramfs_finish(void)
{
}

static char ar[4096];
static size_t ar_len;

/* Append one newc entry: header, name + NUL, pad to 4, data, pad to 4. */
static size_t add_entry(const char *name, unsigned int mode, const char *data)
{
	size_t at = ar_len, namesize = strlen(name) + 1, filesize = data ? strlen(data) : 0;
	char hdr[111];

	snprintf(hdr, sizeof(hdr), "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
		 1, mode, 0, 0, 1, 0, (unsigned int)filesize, 0, 0, 0, 0, (unsigned int)namesize, 0);
	memcpy(ar + ar_len, hdr, 110);
	ar_len += 110;
	memcpy(ar + ar_len, name, namesize);
	ar_len = ALIGN(ar_len + namesize, 4);
	if (filesize)
		memcpy(ar + ar_len, data, filesize);
	ar_len = ALIGN(ar_len + filesize, 4);
	return at;
}

/* init, a directory, then the trailer; returns the trailer's offset. */
static size_t good_archive(void)
{
	memset(ar, 0, sizeof(ar));
	ar_len = 0;
	made = 0;
	add_entry("init", 0100755, "\x7f" "ELF pretend program");
	add_entry("etc", 0040755, NULL);
	return add_entry("TRAILER!!!", 0, NULL);
}

static struct initramfs_status unpack(size_t len)
{
	struct initramfs_status st;
	int n;

	made = 0;
	n = unpack_initramfs(ar, len, &st);
	EXPECT_EQ(n, st.entries);
	EXPECT(n >= 0);
	EXPECT_EQ(made, n);
	return st;
}

TEST(complete_archive_unpacks_every_entry)
{
	struct initramfs_status st;

	good_archive();
	st = unpack(ar_len);
	EXPECT(st.error == NULL);
	EXPECT_EQ(st.entries, 2);
	EXPECT(!strcmp(made_names[0], "init") && !strcmp(made_names[1], "etc"));
}

TEST(truncated_header_names_the_entry)
{
	size_t trailer = good_archive();
	struct initramfs_status st = unpack(trailer + 50);	/* half the trailer's header */

	EXPECT(st.error && strstr(st.error, "truncated header"));
	EXPECT_EQ(st.entry, 3);
	EXPECT_EQ(st.offset, trailer);
	EXPECT_EQ(st.entries, 2);
}

TEST(truncated_name)
{
	size_t trailer = good_archive();
	struct initramfs_status st = unpack(trailer + 110 + 4);	/* "TRAI" */

	EXPECT(st.error && strstr(st.error, "truncated name"));
	EXPECT_EQ(st.entry, 3);
	EXPECT_EQ(st.offset, trailer);
	EXPECT_EQ(st.entries, 2);
}

TEST(truncated_data)
{
	struct initramfs_status st;

	good_archive();
	st = unpack(110 + 8 + 5);	/* init's header and name, 5 bytes of its data */
	EXPECT(st.error && strstr(st.error, "truncated data"));
	EXPECT_EQ(st.entry, 1);
	EXPECT_EQ(st.offset, 0);
	EXPECT_EQ(st.entries, 0);
}

TEST(bad_magic)
{
	size_t trailer = good_archive();
	struct initramfs_status st;

	memcpy(ar + trailer, "070707", 6);	/* the old binary-ish "odc" magic */
	st = unpack(ar_len);
	EXPECT(st.error && strstr(st.error, "bad magic"));
	EXPECT_EQ(st.entry, 3);
	EXPECT_EQ(st.offset, trailer);
	EXPECT_EQ(st.entries, 2);

	good_archive();
	ar[0] = 'x';
	st = unpack(ar_len);
	EXPECT(st.error && strstr(st.error, "bad magic"));
	EXPECT_EQ(st.entry, 1);
	EXPECT_EQ(st.entries, 0);
}

TEST(bad_hex_field)
{
	good_archive();
	ar[54] = 'g';		/* filesize of the first entry */
	struct initramfs_status st = unpack(ar_len);

	EXPECT(st.error && strstr(st.error, "bad header"));
	EXPECT_EQ(st.entry, 1);
}

TEST(missing_trailer_keeps_the_entries)
{
	size_t trailer = good_archive();
	struct initramfs_status st = unpack(trailer);	/* ends right where the trailer was */

	EXPECT(st.error && strstr(st.error, "TRAILER"));
	EXPECT_EQ(st.entry, 3);
	EXPECT_EQ(st.offset, trailer);
	EXPECT_EQ(st.entries, 2);
}

TEST(empty_archive)
{
	struct initramfs_status st;

	good_archive();
	st = unpack(0);
	EXPECT(st.error && strstr(st.error, "TRAILER"));
	EXPECT_EQ(st.entry, 1);
	EXPECT_EQ(st.entries, 0);
}

TEST(name_without_nul)
{
	good_archive();
	ar[110 + 4] = 'X';	/* "init\0" -> "initX" */
	struct initramfs_status st = unpack(ar_len);

	EXPECT(st.error && strstr(st.error, "NUL"));
	EXPECT_EQ(st.entry, 1);
}

TEST(huge_sizes_do_not_wrap)
{
	good_archive();
	memcpy(ar + 54, "ffffffff", 8);	/* filesize 4 GiB - 1 */
	struct initramfs_status st = unpack(ar_len);

	EXPECT(st.error && strstr(st.error, "truncated data"));
	good_archive();
	memcpy(ar + 94, "ffffffff", 8);	/* namesize 4 GiB - 1 */
	st = unpack(ar_len);
	EXPECT(st.error && strstr(st.error, "truncated name"));
}
