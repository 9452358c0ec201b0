/*
 * array_index_nospec(): clamp an index that user space controls so that, even while the CPU
 * speculates past a bounds check (Spectre variant 1), the array access cannot reach outside
 * the array. The bounds check itself stays a normal branch; this adds a data dependency.
 *
 * array_index_mask_nospec(index, size) is ~0UL when index < size and 0 otherwise, computed
 * without a branch. Arches override it with a sequence the CPU cannot predict around
 * (x86: cmp/sbb; arm64: cmp/ngc then csdb) in <asm/nospec.h>.
 */
#ifndef _LINUX_NOSPEC_H
#define _LINUX_NOSPEC_H

#include <linux/compiler.h>
#ifndef UNIT_TEST
#include <asm/nospec.h>
#endif

/* Keep the compiler from reasoning about a value (and turning the mask into a branch). */
#define OPTIMIZER_HIDE_VAR(var) __asm__ ("" : "=r" (var) : "0" (var))

#ifndef array_index_mask_nospec
static inline unsigned long array_index_mask_nospec(unsigned long index, unsigned long size)
{
	/*
	 * index < size  <=>  both index and (size - 1 - index) have the top bit clear, given
	 * size <= LONG_MAX. OR them, invert, and smear the top bit over the word.
	 */
	OPTIMIZER_HIDE_VAR(index);
	return ~(long)(index | (size - 1UL - index)) >> (sizeof(long) * 8 - 1);
}
#endif

#define array_index_nospec(index, size)						\
({										\
	__typeof__(index) _i = (index);						\
	__typeof__(size) _s = (size);						\
	unsigned long _mask = array_index_mask_nospec(_i, _s);			\
										\
	(__typeof__(_i))(_i & _mask);						\
})

#endif
