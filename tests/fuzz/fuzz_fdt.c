/*
 * libFuzzer harness for the FDT reader (lib/fdt.c): any blob is checked with fdt_check(),
 * and a blob it accepts is walked the way the boot code walks one (every node, its name,
 * its properties by name, path lookups), so a check that lets a bad offset through shows
 * up as an out-of-bounds read under AddressSanitizer. Corpus: tests/fuzz/corpus/fdt.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fdt.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *blob = malloc(size ? size : 1);	/* exactly the input: ASan sees a read past it */
	int depth = 0, len;

	memcpy(blob, data, size);
	if (fdt_check(blob, size) == 0) {
		for (int off = 0; off >= 0 && depth >= 0; off = fdt_next_node(blob, off, &depth)) {
			fdt_get_name(blob, off, &len);
			fdt_getprop(blob, off, "reg", &len);
			fdt_getprop(blob, off, "compatible", &len);
			fdt_parent_offset(blob, off);
			for (int sub = fdt_first_subnode(blob, off); sub >= 0;
			     sub = fdt_next_subnode(blob, sub))
				fdt_get_name(blob, sub, &len);
		}
		fdt_path_offset(blob, "/chosen");
		fdt_path_offset(blob, "/memory@40000000");
		fdt_path_offset(blob, "/a/b/c");
	}
	free(blob);
	return 0;
}
