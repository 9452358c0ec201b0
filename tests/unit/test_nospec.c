/*
 * array_index_nospec(): the mask must be ~0 exactly when index < size, for every boundary
 * (0, size - 1, size, size + 1, LONG_MAX, ULONG_MAX ...), in the generic C version and in
 * the arch version of the machine running the test (x86_64 on the host; the arm64 version
 * runs the same file cross-built under qemu-aarch64, see scripts/check.py).
 */
#include <limits.h>
#include <linux/nospec.h>
#include "ktap.h"

/* The arch version, from tests/unit/nospec_arch.c (a separate file: same function name). */
unsigned long arch_mask(unsigned long index, unsigned long size);
extern const char *arch_mask_name;

/* With UNIT_TEST, <linux/nospec.h> has only the generic version. */
static unsigned long generic_mask(unsigned long index, unsigned long size)
{
	return array_index_mask_nospec(index, size);
}

static const unsigned long sizes[] = { 1, 2, 3, 63, 64, 335, 451, 452, 0x7fffffff,
				       0x80000000UL, LONG_MAX };

static void check_all(unsigned long (*mask)(unsigned long, unsigned long))
{
	for (unsigned i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned long s = sizes[i];
		unsigned long idx[] = { 0, 1, s - 2, s - 1, s, s + 1, s + 1000, LONG_MAX,
					(unsigned long)LONG_MAX + 1, ULONG_MAX - 1, ULONG_MAX,
					0x40000000UL, 0x100000027UL };

		for (unsigned j = 0; j < sizeof(idx) / sizeof(idx[0]); j++) {
			unsigned long want = idx[j] < s ? ~0UL : 0UL;

			if (mask(idx[j], s) != want) {
				printf("    # mask(%#lx, %#lx) = %#lx, want %#lx\n",
				       idx[j], s, mask(idx[j], s), want);
				unit_failed_now = 1;
			}
		}
	}
}

TEST(generic_mask_every_boundary)
{
	check_all(generic_mask);
}

TEST(arch_mask_every_boundary)
{
	printf("    # arch version: %s\n", arch_mask_name);
	check_all(arch_mask);
}

TEST(index_is_clamped_to_zero)
{
	unsigned int nr = 500, max = 451;

	EXPECT_EQ(array_index_nospec(nr, max), 0);
	nr = 450;
	EXPECT_EQ(array_index_nospec(nr, max), 450);
}
