/*
 * Memory barriers. mb/rmb/wmb order against devices too, so they are full-system DSBs;
 * isb() resynchronises the pipeline after a system-register write.
 */
#ifndef _ASM_ARM64_BARRIER_H
#define _ASM_ARM64_BARRIER_H

#include <linux/compiler.h>

#define isb()		__asm__ __volatile__("isb" : : : "memory")
#define dsb(opt)	__asm__ __volatile__("dsb " #opt : : : "memory")
#define dmb(opt)	__asm__ __volatile__("dmb " #opt : : : "memory")

#define mb()		dsb(sy)
#define rmb()		dsb(ld)
#define wmb()		dsb(st)
/* Between CPUs of the inner shareable domain (normal memory only): loads, stores. */
#define smp_rmb()	dmb(ishld)
#define smp_wmb()	dmb(ishst)

#ifndef barrier
#define barrier()	__asm__ __volatile__("" : : : "memory")
#endif

#endif
