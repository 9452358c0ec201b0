/*
 * The CPU's random number instructions, for seeding drivers/char/random.c: RDSEED (CPUID
 * leaf 7 EBX bit 18: conditioned entropy) and RDRAND (leaf 1 ECX bit 30: a DRBG output).
 * Each may fail transiently (CF clear): a few retries, as Intel's guide suggests.
 */
#ifndef _ASM_X86_ARCHRANDOM_H
#define _ASM_X86_ARCHRANDOM_H

#include <linux/types.h>
#include <asm/processor.h>

static inline bool rdseed_long(unsigned long *v)
{
	bool ok;

	for (int i = 0; i < 10; i++) {
		__asm__ __volatile__("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) :: "cc");
		if (ok)
			return true;
	}
	return false;
}

static inline bool rdrand_long(unsigned long *v)
{
	bool ok;

	for (int i = 0; i < 10; i++) {
		__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) :: "cc");
		if (ok)
			return true;
	}
	return false;
}

/* Fill v[0..n) from RDSEED, else RDRAND: the longs filled (0 when the CPU has neither). */
static inline int arch_get_random_seed_longs(unsigned long *v, int n)
{
	u32 a, b, c, d, max;
	bool seed, rand;
	int i;

	cpuid(0, &max, &b, &c, &d);
	cpuid(1, &a, &b, &c, &d);
	rand = c & (1u << 30);
	seed = false;
	if (max >= 7) {
		cpuid_count(7, 0, &a, &b, &c, &d);
		seed = b & (1u << 18);
	}
	for (i = 0; i < n; i++)
		if (!(seed && rdseed_long(&v[i])) && !(rand && rdrand_long(&v[i])))
			break;
	return i;
}

#endif
