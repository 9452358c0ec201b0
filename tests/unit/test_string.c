/*
 * Unit tests of lib/string.c's memory functions, against byte-by-byte reference results, for
 * every alignment of source and destination and every length around the word and unrolled
 * block sizes. The kernel's functions are renamed here so they do not replace the C
 * library's in the test binary.
 */
#include <string.h>
#include "ktap.h"

void *ferry_memset(void *s, int c, size_t n);
void *ferry_memcpy(void *d, const void *s, size_t n);
void *ferry_memmove(void *d, const void *s, size_t n);

#define BUF 160
#define GUARD 0xa5

static unsigned char buf[BUF], ref[BUF], src[BUF];

static void fill(unsigned char *p, int seed)
{
	for (int i = 0; i < BUF; i++)
		p[i] = (unsigned char)(i * 7 + seed);
}

TEST(memset_every_alignment_and_length)
{
	for (int off = 0; off < 16; off++)
		for (int n = 0; off + n < BUF - 8; n++) {
			memset(buf, GUARD, BUF);
			memset(ref, GUARD, BUF);
			for (int i = 0; i < n; i++)
				ref[off + i] = 0x3c;
			EXPECT(ferry_memset(buf + off, 0x13c, n) == buf + off);	/* only the low byte */
			if (memcmp(buf, ref, BUF)) {
				printf("    # memset off %d len %d wrong\n", off, n);
				EXPECT(0);
				return;
			}
		}
}

TEST(memcpy_every_alignment_pair)
{
	fill(src, 1);
	for (int doff = 0; doff < 9; doff++)
		for (int soff = 0; soff < 9; soff++)
			for (int n = 0; n < 100; n++) {
				memset(buf, GUARD, BUF);
				memset(ref, GUARD, BUF);
				for (int i = 0; i < n; i++)
					ref[doff + i] = src[soff + i];
				EXPECT(ferry_memcpy(buf + doff, src + soff, n) == buf + doff);
				if (memcmp(buf, ref, BUF)) {
					printf("    # memcpy d+%d s+%d len %d wrong\n", doff, soff, n);
					EXPECT(0);
					return;
				}
			}
}

/* Overlap both ways, including distances shorter than a word. */
TEST(memmove_overlapping)
{
	for (int dist = -20; dist <= 20; dist++)
		for (int base = 20; base < 30; base++)
			for (int n = 0; n < 90; n++) {
				fill(buf, 3);
				fill(ref, 3);
				for (int i = 0; i < n; i++)	/* reference: through a copy */
					src[i] = ref[base + i];
				for (int i = 0; i < n; i++)
					ref[base + dist + i] = src[i];
				EXPECT(ferry_memmove(buf + base + dist, buf + base, n) == buf + base + dist);
				if (memcmp(buf, ref, BUF)) {
					printf("    # memmove dist %d base %d len %d wrong\n", dist, base, n);
					EXPECT(0);
					return;
				}
			}
}
