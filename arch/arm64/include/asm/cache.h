/* Cache line size: 64 bytes on every Cortex-A core we run on (CTR_EL0.DminLine = 4). */
#ifndef _ASM_ARM64_CACHE_H
#define _ASM_ARM64_CACHE_H

#define L1_CACHE_SHIFT	6
#define L1_CACHE_BYTES	(1 << L1_CACHE_SHIFT)

#endif
