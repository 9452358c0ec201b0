/* The arch array_index_mask_nospec of the machine running the unit test, as a function. */
#if defined(__x86_64__)
#include "../../arch/x86/include/asm/nospec.h"
const char *arch_mask_name = "x86_64 cmp/sbb";
#elif defined(__aarch64__)
#include "../../arch/arm64/include/asm/nospec.h"
const char *arch_mask_name = "arm64 cmp/ngc/csdb";
#else
#error "no arch version of array_index_mask_nospec for this host"
#endif

unsigned long arch_mask(unsigned long index, unsigned long size)
{
	return array_index_mask_nospec(index, size);
}
