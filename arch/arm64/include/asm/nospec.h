/*
 * arm64 array_index_mask_nospec: cmp clears C when index < size (a borrow); ngc gives
 * 0 - 0 - !C, i.e. ~0 or 0. csdb then stops later instructions from using a value that
 * was computed from mispredicted condition flags (Arm's consumption-of-speculative-data
 * barrier).
 */
#ifndef _ASM_ARM64_NOSPEC_H
#define _ASM_ARM64_NOSPEC_H

static inline __attribute__((__always_inline__))
unsigned long array_index_mask_nospec(unsigned long index, unsigned long size)
{
	unsigned long mask;

	__asm__ __volatile__("cmp %1, %2\n\t"
			     "ngc %0, xzr\n\t"
			     "hint #20	// csdb"
			     : "=r" (mask) : "r" (index), "Ir" (size) : "cc");
	return mask;
}
#define array_index_mask_nospec array_index_mask_nospec

#endif
