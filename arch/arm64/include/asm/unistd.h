/*
 * arm64 syscall numbers (asm-generic numbering), generated from scripts/syscall.tbl into
 * $(objtree)/arch/arm64/include/generated/asm/unistd_64.h (arch/arm64/Makefile.syscalls).
 * __NR_syscalls (one past the highest number) sizes sys_call_table.
 */
#ifndef _ASM_ARM64_UNISTD_H
#define _ASM_ARM64_UNISTD_H

#include <asm/unistd_64.h>

#define NR_syscalls	__NR_syscalls

#endif
