/*
 * Exception table: pairs (faulting instruction, fixup) emitted next to every instruction
 * that may fault on a user address. The fault handler looks the faulting IP up here and
 * resumes at the fixup (which returns -EFAULT) instead of treating it as a kernel bug.
 * Entries hold 32-bit offsets relative to the entry itself, so the table is position-free.
 */
#ifndef _LINUX_EXTABLE_H
#define _LINUX_EXTABLE_H

#include <linux/types.h>

struct exception_table_entry {
	int insn;
	int fixup;
};

const struct exception_table_entry *search_exception_tables(unsigned long ip);
static inline unsigned long ex_fixup_addr(const struct exception_table_entry *e)
{
	return (unsigned long)&e->fixup + e->fixup;
}

#endif
