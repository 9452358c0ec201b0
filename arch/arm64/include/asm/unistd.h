/*
 * arm64 syscall numbers (asm-generic numbering), generated from scripts/syscall.tbl into
 * $(objtree)/arch/arm64/include/generated/asm/unistd_64.h (arch/arm64/Makefile.syscalls).
 * __NR_syscalls (one past the highest number) sizes sys_call_table, __NR_compat_syscalls
 * compat_sys_call_table.
 */
#ifndef _ASM_ARM64_UNISTD_H
#define _ASM_ARM64_UNISTD_H

#include <asm/unistd_64.h>
#include <asm/unistd_32_compat.h>

#define NR_syscalls	__NR_syscalls

/*
 * The arm EABI (AArch32 tasks): __NR_compat_name from arch/arm64/tools/syscall_32.tbl, and
 * ARM's private calls at the top of its number space (arch/arm64/kernel/sys_compat.c):
 * 0x0f0000 + n; numbers up to __ARM_NR_COMPAT_END - 1 that do nothing return -ENOSYS.
 */
#define __ARM_NR_COMPAT_BASE		0x0f0000
#define __ARM_NR_compat_breakpoint	(__ARM_NR_COMPAT_BASE + 1)
#define __ARM_NR_compat_cacheflush	(__ARM_NR_COMPAT_BASE + 2)
#define __ARM_NR_compat_usr26		(__ARM_NR_COMPAT_BASE + 3)
#define __ARM_NR_compat_usr32		(__ARM_NR_COMPAT_BASE + 4)
#define __ARM_NR_compat_set_tls		(__ARM_NR_COMPAT_BASE + 5)
#define __ARM_NR_compat_get_tls		(__ARM_NR_COMPAT_BASE + 6)
#define __ARM_NR_COMPAT_END		(__ARM_NR_COMPAT_BASE + 0x800)

#endif
