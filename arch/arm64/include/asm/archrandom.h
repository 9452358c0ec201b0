/*
 * The CPU's random number register, for seeding drivers/char/random.c: RNDRRS (FEAT_RNG,
 * ID_AA64ISAR0_EL1.RNDR >= 1), a reseeded read of the CPU's TRNG-backed generator. A read
 * may fail (NZCV.Z set), and then it gives 0.
 */
#ifndef _ASM_ARM64_ARCHRANDOM_H
#define _ASM_ARM64_ARCHRANDOM_H

#include <linux/types.h>
#include <asm/sysreg.h>

static inline bool rndrrs_long(unsigned long *v)
{
	unsigned long ok;

	/* s3_3_c2_c4_1 is RNDRRS; the assembler may not know the name. */
	__asm__ __volatile__("mrs %0, s3_3_c2_c4_1\n\tcset %1, ne" : "=r"(*v), "=r"(ok) :: "cc");
	return ok;
}

/* Fill v[0..n) from RNDRRS: the longs filled (0 when the CPU has no FEAT_RNG). */
static inline int arch_get_random_seed_longs(unsigned long *v, int n)
{
	int i;

	if (((read_sysreg(id_aa64isar0_el1) >> 60) & 0xf) < 1)
		return 0;
	for (i = 0; i < n; i++)
		if (!rndrrs_long(&v[i]))
			break;
	return i;
}

#endif
