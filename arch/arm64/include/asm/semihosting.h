/*
 * Arm semihosting (Arm "Semihosting for AArch32 and AArch64"): HLT #0xF000 with an
 * operation number in w0 and a parameter in x1 asks the debugger or emulator to act for us.
 * QEMU honours it with -semihosting; without it the instruction is undefined.
 */
#ifndef _ASM_ARM64_SEMIHOSTING_H
#define _ASM_ARM64_SEMIHOSTING_H

#include <linux/types.h>

#define SYS_TIME			0x11
#define SYS_ERRNO			0x13
#define SYS_EXIT			0x18
#define ADP_Stopped_ApplicationExit	0x20026

void semihosting_probe(void);
bool semihosting_available(void);
void semihosting_exit(int status);	/* returns only if the host ignored it */

#endif
