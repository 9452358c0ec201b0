/*
 * Memory barriers. x86 keeps loads ordered with loads and stores with stores (TSO), so rmb/wmb
 * only need to stop the compiler; mb() must also order a store before a later load: mfence.
 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler.h>

#define mb()	__asm__ __volatile__("mfence" ::: "memory")
#define rmb()	barrier()
#define wmb()	barrier()
/* Between CPUs (the vDSO data page's seqcount): TSO already orders these, as for rmb/wmb. */
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()

#endif
