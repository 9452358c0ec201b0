/* Unit tests of lib/vsprintf.c and lib/kstrtox.c: the formats kernel code relies on. */
#include <string.h>
#include <linux/kernel.h>
#include "ktap.h"

/* Stand-in symbol table for %pS. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	if (addr >= 0x1000 && addr < 0x1080) {
		*size = 0x80;
		*offset = addr - 0x1000;
		return "do_syscall_64";
	}
	return NULL;
}

static char buf[256];
#define FMT(...) (snprintf(buf, sizeof(buf), __VA_ARGS__), buf)

TEST(integers)
{
	EXPECT_STR(FMT("%d %i %u", -5, 7, 4000000000u), "-5 7 4000000000");
	EXPECT_STR(FMT("%ld %lld", -1L, -9223372036854775807LL - 1), "-1 -9223372036854775808");
	EXPECT_STR(FMT("%lu", 18446744073709551615UL), "18446744073709551615");
	EXPECT_STR(FMT("%x %X %#x %o", 0xbeef, 0xbeef, 255, 8), "beef BEEF 0xff 10");
	EXPECT_STR(FMT("%#o %#o %#x", 0, 8, 0), "0 010 0");
	EXPECT_STR(FMT("%hhu %hd", 257, 65535), "1 -1");
	EXPECT_STR(FMT("%zu %td", (size_t)42, (ptrdiff_t)-3), "42 -3");
}

TEST(width_precision_flags)
{
	EXPECT_STR(FMT("[%5d][%-5d][%05d]", 42, 42, -42), "[   42][42   ][-0042]");
	EXPECT_STR(FMT("[%+d][% d]", 5, 5), "[+5][ 5]");
	EXPECT_STR(FMT("[%#010x]", 0x1234), "[0x00001234]");
	EXPECT_STR(FMT("[%.3d][%.0d]", 7, 0), "[007][]");
	EXPECT_STR(FMT("[%*d][%-*d]", 4, 1, 3, 2), "[   1][2  ]");
	EXPECT_STR(FMT("[%.2s][%6s][%-6s]", "abcdef", "ab", "ab"), "[ab][    ab][ab    ]");
	EXPECT_STR(FMT("%016lx", 0xffffffff81000000UL), "ffffffff81000000");
}

TEST(strings_chars_pointers)
{
	EXPECT_STR(FMT("%s|%c|%%", (char *)NULL, 'x'), "(null)|x|%");
	EXPECT_STR(FMT("%p", (void *)0xdead), "0xdead");
	EXPECT_STR(FMT("%pS", (void *)0x1010), "do_syscall_64+0x10/0x80");
	EXPECT_STR(FMT("%ps", (void *)0x1010), "do_syscall_64");
	EXPECT_STR(FMT("%pS", (void *)0x5000), "0x5000");
}

TEST(truncation_and_return_value)
{
	char small[5];
	int n = snprintf(small, sizeof(small), "%s", "abcdefgh");

	EXPECT_EQ(n, 8);
	EXPECT_STR(small, "abcd");
	EXPECT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
}

TEST(number_parsing)
{
	unsigned long long v;
	char *end;

	EXPECT_EQ(simple_strtoull("0x1f", NULL, 0), 31);
	EXPECT_EQ(simple_strtoull("017", NULL, 0), 15);
	EXPECT_EQ(simple_strtoll("-12", NULL, 10), -12);
	EXPECT_EQ(kstrtoull("123", 10, &v), 0);
	EXPECT_EQ(v, 123);
	EXPECT(kstrtoull("12x", 10, &v) != 0);
	EXPECT(kstrtoull("", 10, &v) != 0);
	EXPECT_EQ(memparse("64M", &end), 64ULL << 20);
	EXPECT_EQ(*end, '\0');
	EXPECT_EQ(memparse("2g", NULL), 2ULL << 30);
	EXPECT_EQ(memparse("4096", NULL), 4096);
}
