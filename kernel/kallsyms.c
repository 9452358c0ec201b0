// SPDX-License-Identifier: GPL-2.0
/*
 * Address -> function name, from the table scripts/kallsyms.py generates at link time
 * (scripts/link-vmlinux.sh). Used by %pS so every register dump names the code it shows.
 */
#include <linux/kallsyms.h>
#include <linux/string.h>

extern const u64 kallsyms_num;
extern const u64 kallsyms_addresses[];
extern const u32 kallsyms_sizes[];
extern const u32 kallsyms_name_offs[];
extern const char kallsyms_names[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	u64 lo = 0, hi = kallsyms_num;

	if (!hi || addr < kallsyms_addresses[0])
		return NULL;
	while (hi - lo > 1) {		/* last entry with address <= addr */
		u64 mid = (lo + hi) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (kallsyms_sizes[lo] && addr - kallsyms_addresses[lo] >= kallsyms_sizes[lo])
		return NULL;		/* past the end of the last function */
	if (size)
		*size = kallsyms_sizes[lo];
	if (offset)
		*offset = addr - kallsyms_addresses[lo];
	return kallsyms_names + kallsyms_name_offs[lo];
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (u64 i = 0; i < kallsyms_num; i++)
		if (!strcmp(kallsyms_names + kallsyms_name_offs[i], name))
			return kallsyms_addresses[i];
	return 0;
}
