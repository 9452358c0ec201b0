/*
 * Arm semihosting (Arm "Semihosting for AArch32 and AArch64"): HLT #0xF000 with an
 * operation number in w0 and a parameter in x1 asks the debugger or emulator to act for us.
 * QEMU honours it with -semihosting; without it the instruction is undefined.
 */
#ifndef _ASM_ARM64_SEMIHOSTING_H
#define _ASM_ARM64_SEMIHOSTING_H

#include <linux/types.h>

#define SYS_OPEN			0x01
#define SYS_WRITE			0x05
#define SYS_TIME			0x11
#define SYS_ERRNO			0x13
#define SYS_EXIT			0x18
#define ADP_Stopped_ApplicationExit	0x20026
/* SYS_OPEN modes are ISO C fopen() modes by index: 4 = "w" (create or truncate). */
#define SH_OPEN_W			4

void semihosting_probe(void);
bool semihosting_available(void);
void semihosting_exit(int status);	/* returns only if the host ignored it */
long semihosting_open(const char *name, unsigned long mode);
unsigned long semihosting_write(long handle, const void *buf, size_t len);

#endif
