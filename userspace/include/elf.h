/* The part of <elf.h> the seed programs use (auxiliary vector entries), for a libc-free build. */
#ifndef FERRY_ELF_H
#define FERRY_ELF_H

#include <stdint.h>

#define AT_NULL    0
#define AT_SYSINFO 32

typedef struct {
	uint32_t a_type;
	union {
		uint32_t a_val;
	} a_un;
} Elf32_auxv_t;

typedef struct {
	uint64_t a_type;
	union {
		uint64_t a_val;
	} a_un;
} Elf64_auxv_t;

#endif
