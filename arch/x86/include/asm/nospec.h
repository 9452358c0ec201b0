/* x86 array_index_mask_nospec: cmp sets CF when index < size; sbb turns CF into 0 or ~0. */
#ifndef _ASM_X86_NOSPEC_H
#define _ASM_X86_NOSPEC_H

static inline __attribute__((__always_inline__))
unsigned long array_index_mask_nospec(unsigned long index, unsigned long size)
{
	unsigned long mask;

	__asm__ __volatile__("cmp %1, %2\n\t"	/* CF = (index < size), unsigned */
			     "sbb %0, %0"	/* mask = 0 - CF */
			     : "=r" (mask) : "g" (size), "r" (index) : "cc");
	return mask;
}
#define array_index_mask_nospec array_index_mask_nospec

#endif
