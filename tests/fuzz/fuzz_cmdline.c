/*
 * libFuzzer harness for the kernel command-line parser (kernel/params.c): any bytes become
 * the boot command line (as the boot protocol hands it over, cut where a NUL is and to the
 * limit the arch code enforces before calling it), then both passes run: the early one and
 * the one that hands words to __setup() handlers and init's argv and environment. Two
 * handlers stand in for the kernel's, one with '=' and one bare, and check what they get.
 * Corpus: tests/fuzz/corpus/cmdline.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/init.h>

static int value_setup(char *val)
{
	if (strlen(val) >= COMMAND_LINE_SIZE)
		abort();
	return val[0] == 'x' ? -1 : 0;	/* a "malformed" value now and then */
}

static int word_setup(char *val)
{
	return 0;
}

/* The kernel's linker script makes the .init.setup table; here one array and its end. */
const struct kernel_param __setup_start[] = {
	{ "loglevel=", value_setup, 1 },
	{ "ktest", word_setup, 0 },
	{ "init=", value_setup, 0 },
};
__asm__(".globl __setup_end\n.set __setup_end, __setup_start + 3 * 24");

void set_boot_command_line(const char *src, size_t len);
void parse_early_param(void);
void parse_args(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size ? size : 1);

	memcpy(line, data, size);
	set_boot_command_line(line, size < COMMAND_LINE_SIZE ? size : COMMAND_LINE_SIZE - 1);
	parse_early_param();
	parse_args();
	free(line);
	return 0;
}
