// SPDX-License-Identifier: GPL-2.0
/*
 * Exception-table lookup: when the kernel faults, the fault handler asks whether the faulting
 * instruction is one that was allowed to fault (a user-memory access in the uaccess layer).
 * The table is small and built by the linker in link order, so a linear scan is enough.
 */
#include <linux/extable.h>

extern const struct exception_table_entry __start___ex_table[], __stop___ex_table[];

static unsigned long ex_insn_addr(const struct exception_table_entry *e)
{
	return (unsigned long)&e->insn + e->insn;
}

const struct exception_table_entry *search_exception_tables(unsigned long ip)
{
	for (const struct exception_table_entry *e = __start___ex_table; e < __stop___ex_table; e++)
		if (ex_insn_addr(e) == ip)
			return e;
	return NULL;
}
