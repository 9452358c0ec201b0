/*
 * Unit tests of lib/fdt.c: lookups on a known tree (tests/unit/fdt/sample.dts, compiled by
 * dtc), every kind of corruption the checker must refuse, and random corruption that must
 * never make any function read outside the blob (run under AddressSanitizer).
 */
#include <string.h>
#include <stdint.h>
#include <linux/fdt.h>
#include "ktap.h"

static unsigned char blob[65536];
static size_t blob_len;

static void load_sample(void)
{
	const char *path = getenv("FDT_SAMPLE");
	FILE *f;

	if (blob_len)
		return;
	f = path ? fopen(path, "rb") : NULL;
	if (!f) {
		printf("# FDT_SAMPLE not set or unreadable\n");
		exit(2);
	}
	blob_len = fread(blob, 1, sizeof(blob), f);
	fclose(f);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

TEST(sample_is_valid)
{
	load_sample();
	EXPECT_EQ(fdt_check(blob, blob_len), 0);
	EXPECT_EQ(fdt_totalsize(blob), blob_len);
}

TEST(path_lookup_and_props)
{
	int chosen, len;
	const char *s;

	load_sample();
	chosen = fdt_path_offset(blob, "/chosen");
	EXPECT(chosen >= 0);
	s = fdt_getprop(blob, chosen, "bootargs", &len);
	EXPECT_STR(s, "loglevel=8 init=/init");
	EXPECT_EQ(len, (int)strlen("loglevel=8 init=/init") + 1);
	EXPECT(fdt_getprop(blob, chosen, "nonexistent", NULL) == NULL);
	EXPECT(fdt_path_offset(blob, "/nope") < 0);
	EXPECT(fdt_path_offset(blob, "chosen") < 0);	/* paths are absolute */
	EXPECT_EQ(fdt_path_offset(blob, "/"), 0);
	EXPECT(fdt_path_offset(blob, "/soc/okay-dev") >= 0);
	EXPECT(fdt_path_offset(blob, "/soc/okay-dev@2000") >= 0);
	EXPECT(fdt_path_offset(blob, "/soc/okay-dev@3000") < 0);
}

TEST(memory_nodes_and_reg)
{
	int node, count = 0;
	uint64_t addr, size;

	load_sample();
	fdt_for_each_subnode(node, blob, 0) {
		int len;
		const char *t = fdt_getprop(blob, node, "device_type", &len);

		if (!t || strcmp(t, "memory"))
			continue;
		EXPECT_EQ(fdt_get_reg(blob, node, 0, &addr, &size), 0);
		if (count == 0) {
			EXPECT_EQ(addr, 0x40000000);
			EXPECT_EQ(size, 0x10000000);
		} else {
			EXPECT_EQ(addr, 0x80000000);
			EXPECT_EQ(size, 0x1000000);
		}
		EXPECT(fdt_get_reg(blob, node, 1, &addr, &size) < 0);
		count++;
	}
	EXPECT_EQ(count, 2);
}

TEST(reg_with_one_cell_parent_and_second_entry)
{
	uint64_t addr, size;
	int gic, dev;

	load_sample();
	gic = fdt_node_offset_by_compatible(blob, -1, "arm,cortex-a15-gic");
	EXPECT(gic >= 0);
	EXPECT_EQ(fdt_get_reg(blob, gic, 1, &addr, &size), 0);
	EXPECT_EQ(addr, 0x8010000);
	EXPECT_EQ(size, 0x10000);
	EXPECT_EQ(fdt_node_offset_by_phandle(blob, 0x8002), gic);
	dev = fdt_path_offset(blob, "/soc/okay-dev");
	EXPECT_EQ(fdt_get_reg(blob, dev, 0, &addr, &size), 0);
	EXPECT_EQ(addr, 0x20002000);	/* through the soc's first window */
	EXPECT_EQ(size, 0x200);
}

/* "reg" is a bus address: the CPU address comes through the "ranges" of every bus above. */
TEST(reg_translated_through_ranges)
{
	uint64_t addr = 0, size = 0;

	load_sample();
	EXPECT_EQ(fdt_get_reg(blob, fdt_path_offset(blob, "/soc/uart@7e201000"), 0, &addr, &size), 0);
	EXPECT_EQ(addr, 0xfe201000);
	EXPECT_EQ(size, 0x200);
	/* Two levels: an empty "ranges" (identity), then the soc's second window. */
	EXPECT_EQ(fdt_get_reg(blob, fdt_path_offset(blob, "/soc/bridge/dev"), 0, &addr, &size), 0);
	EXPECT_EQ(addr, 0xfe300100);
	/* Root children are CPU addresses already. */
	EXPECT_EQ(fdt_get_reg(blob, fdt_path_offset(blob, "/pl011@9000000"), 0, &addr, &size), 0);
	EXPECT_EQ(addr, 0x9000000);
	/* In no window, and behind a bus without "ranges": refused, not guessed. */
	EXPECT(fdt_get_reg(blob, fdt_path_offset(blob, "/soc/stray"), 0, &addr, &size) < 0);
	EXPECT(fdt_get_reg(blob, fdt_path_offset(blob, "/soc/i2c/rtc"), 0, &addr, &size) < 0);
}

TEST(compatible_status_and_names)
{
	int n, len;

	load_sample();
	n = fdt_node_offset_by_compatible(blob, -1, "arm,primecell");
	EXPECT(n >= 0);
	EXPECT_STR(fdt_get_name(blob, n, &len), "pl011@9000000");
	EXPECT_EQ(fdt_node_check_compatible(blob, n, "arm,pl011"), 0);
	EXPECT_EQ(fdt_node_check_compatible(blob, n, "arm,pl010"), 1);
	EXPECT(fdt_node_offset_by_compatible(blob, n, "arm,pl011") < 0);	/* only one */
	EXPECT(!fdt_node_is_enabled(blob, fdt_path_offset(blob, "/soc/disabled-dev")));
	EXPECT(fdt_node_is_enabled(blob, fdt_path_offset(blob, "/soc/okay-dev")));
	EXPECT(fdt_node_is_enabled(blob, fdt_path_offset(blob, "/psci")));
	EXPECT_EQ(fdt_parent_offset(blob, fdt_path_offset(blob, "/soc/okay-dev")),
		  fdt_path_offset(blob, "/soc"));
	EXPECT(fdt_parent_offset(blob, 0) < 0);
}

TEST(mem_rsv_block)
{
	uint64_t a, s;

	load_sample();
	EXPECT(fdt_get_mem_rsv(blob, 0, &a, &s));
	EXPECT_EQ(a, 0x48000000);
	EXPECT_EQ(s, 0x10000);
	EXPECT(!fdt_get_mem_rsv(blob, 1, &a, &s));
}

static int check_mutated(void (*mutate)(unsigned char *))
{
	static unsigned char copy[sizeof(blob)];

	memcpy(copy, blob, blob_len);
	mutate(copy);
	return fdt_check(copy, blob_len);
}

static void bad_magic(unsigned char *b) { put32(b, 0xd00dfeee); }
static void old_version(unsigned char *b) { put32(b + 20, 15); }
static void size_past_buffer(unsigned char *b) { put32(b + 4, blob_len + 4); }
static void size_too_small(unsigned char *b) { put32(b + 4, 64); }
static void struct_off_past_end(unsigned char *b) { put32(b + 8, 0x7ffffff0); }
static void strings_past_end(unsigned char *b) { put32(b + 32, 0x7fffffff); }
static void bad_first_token(unsigned char *b)
{
	uint32_t off = fdt32_ld(b + 8);

	put32(b + off, 0x77);
}

TEST(corruptions_are_refused)
{
	load_sample();
	EXPECT_EQ(check_mutated(bad_magic), -FDT_ERR_BADMAGIC);
	EXPECT_EQ(check_mutated(old_version), -FDT_ERR_BADVERSION);
	EXPECT_EQ(check_mutated(size_past_buffer), -FDT_ERR_TRUNCATED);
	EXPECT_EQ(check_mutated(size_too_small), -FDT_ERR_TRUNCATED);
	EXPECT_EQ(check_mutated(struct_off_past_end), -FDT_ERR_TRUNCATED);
	EXPECT_EQ(check_mutated(strings_past_end), -FDT_ERR_TRUNCATED);
	EXPECT_EQ(check_mutated(bad_first_token), -FDT_ERR_BADSTRUCTURE);
	EXPECT(fdt_check(blob, 39) < 0);		/* smaller than a header */
	EXPECT(fdt_check(blob, blob_len - 1) < 0);	/* buffer shorter than totalsize */
	EXPECT_STR(fdt_strerror(-FDT_ERR_BADMAGIC), "bad magic (not a device tree blob)");
}

/* Every lookup on a blob that passed fdt_check, or on garbage, stays inside the blob. */
static void exercise(const unsigned char *b)
{
	uint64_t a, s;
	int n, len;

	fdt_path_offset(b, "/chosen");
	fdt_path_offset(b, "/soc/okay-dev");
	for (n = 0; n >= 0; n = fdt_next_node(b, n, NULL)) {
		fdt_getprop(b, n, "reg", &len);
		fdt_get_reg(b, n, 0, &a, &s);
		fdt_node_is_enabled(b, n);
		fdt_get_name(b, n, &len);
		fdt_parent_offset(b, n);
	}
	fdt_node_offset_by_compatible(b, -1, "arm,pl011");
	fdt_get_mem_rsv(b, 0, &a, &s);
}

TEST(random_corruption_never_reads_outside)
{
	static unsigned char copy[sizeof(blob)];
	unsigned seed = 12345;
	int refused = 0;

	load_sample();
	for (int round = 0; round < 20000; round++) {
		unsigned char *exact = malloc(blob_len);	/* ASan catches any overread */

		memcpy(exact, blob, blob_len);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245 + 12345;
			exact[(seed >> 8) % blob_len] ^= (unsigned char)(1u << ((seed >> 4) % 8));
		}
		if (fdt_check(exact, blob_len) == 0)
			exercise(exact);
		else
			refused++;
		memcpy(copy, exact, blob_len);
		free(exact);
	}
	EXPECT(refused > 0);
}
