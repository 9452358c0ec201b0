/*
 * Constants shared by C, assembly and the linker script: _AC(0x1000, UL) is a plain number
 * where a suffix would be a syntax error (assembler, ld) and an unsigned long in C.
 */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#ifdef __ASSEMBLY__
#define _AC(x, suffix) x
#else
#define __AC(x, suffix) x##suffix
#define _AC(x, suffix) __AC(x, suffix)
#endif

#define _BITUL(n) (_AC(1, UL) << (n))

#endif
