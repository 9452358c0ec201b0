/* Symbol names for addresses, so register dumps say "do_syscall_64+0x1c/0x80". */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

/* Returns the name of the function containing addr, or NULL; *offset and *size filled. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);

#endif
