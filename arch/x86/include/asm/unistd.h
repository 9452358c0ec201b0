/*
 * Syscall numbers of both x86 ABIs, generated from the .tbl files in arch/x86/entry/syscalls/
 * (arch/x86/Makefile.syscalls): __NR_name for x86_64, __NR_ia32_name for i386, so both fit
 * in one translation unit. The table sizes bound the lookups in entry/common.c.
 */
#ifndef _ASM_X86_UNISTD_H
#define _ASM_X86_UNISTD_H

#include <asm/unistd_64.h>
#include <asm/unistd_32_ia32.h>

#define NR_syscalls		__NR_syscalls
#define IA32_NR_syscalls	__NR_ia32_syscalls

#endif
