/*
 * libFuzzer harness for the initramfs unpacker (fs/initramfs.c, newc cpio): any archive is
 * unpacked; each entry it hands on is read in full (name, data) as the tmpfs side would, so
 * a length the parser failed to check is an out-of-bounds read under AddressSanitizer. The
 * status must make sense: a count never negative, an offset never past the archive.
 * Corpus: tests/fuzz/corpus/cpio.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/initramfs.h>

static volatile unsigned long sink;

int initramfs_make_entry(const struct initramfs_entry *e)
{
	const unsigned char *d = e->data;

	sink += strlen(e->name);
	for (size_t i = 0; d && i < e->size; i++)
		sink += d[i];
	return 0;
}

void initramfs_finish(void)
{
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ar = malloc(size ? size : 1);
	struct initramfs_status st;

	memcpy(ar, data, size);
	memset(&st, 0, sizeof(st));
	unpack_initramfs(ar, size, &st);
	if (st.entries < 0 || st.offset > size)
		abort();
	free(ar);
	return 0;
}
