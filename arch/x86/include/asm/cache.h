/* Cache-line size, for aligning data that CPUs or devices touch separately. */
#ifndef _ASM_X86_CACHE_H
#define _ASM_X86_CACHE_H

#define L1_CACHE_SHIFT	6
#define L1_CACHE_BYTES	(1 << L1_CACHE_SHIFT)

#endif
