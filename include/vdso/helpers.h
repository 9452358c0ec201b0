/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the vDSO data page, for the kernel (kernel/vsyscall.c) and the vDSO code
 * (lib/vdso/gettimeofday.c) alike, so both compute a clock the same way to the nanosecond.
 *
 * The seqcount protocol: the one writer (the tick on the timekeeping CPU) makes seq odd,
 * writes the data, then makes seq even again, with a write barrier between each step. A
 * reader waits for an even seq, reads the data, and starts again if seq changed meanwhile;
 * its read barriers keep the data loads between the two seq loads, even on another CPU
 * (x86 orders loads with loads, so a compiler barrier is enough there; arm64 needs
 * "dmb ishld", AArch32 "dmb ish").
 *
 * The includer defines smp_rmb() and cpu_relax() first: the kernel's asm/barrier.h and
 * asm/processor.h, or the vDSO's arch header (asm/vdso/gettimeofday.h).
 */
#ifndef _VDSO_HELPERS_H
#define _VDSO_HELPERS_H

#include <linux/compiler.h>
#include <vdso/datapage.h>

static __always_inline u32 vdso_read_begin(const struct vdso_data *vd)
{
	u32 seq;

	while ((seq = READ_ONCE(vd->seq)) & 1)
		cpu_relax();
	smp_rmb();
	return seq;
}

static __always_inline bool vdso_read_retry(const struct vdso_data *vd, u32 start)
{
	smp_rmb();
	return READ_ONCE(vd->seq) != start;
}

/*
 * A high resolution clock's shifted nanoseconds past base->sec at counter value 'cycles'.
 * A counter behind cycle_last (another CPU's counter a little behind, once there is SMP)
 * counts as no time passed rather than a huge unsigned one. The product fits in 64 bits for
 * the 10 minutes kernel/vsyscall.c sizes mult for; the tick updates 100 times a second.
 */
static __always_inline u64 vdso_hres_snsec(const struct vdso_data *vd,
					   const struct vdso_timestamp *base, u64 cycles)
{
	u64 delta = cycles - vd->cycle_last;

	if ((s64)delta < 0)
		delta = 0;
	return base->snsec + delta * vd->mult;
}

/*
 * ns / NSEC_PER_SEC by subtraction: ns is less than a few seconds here, and a 32-bit vDSO
 * has no libgcc for a 64-bit division. The empty asm keeps the compiler from turning the
 * loop back into that division.
 */
static __always_inline u32 vdso_div_ns(u64 ns, u64 *sec)
{
	while (ns >= 1000000000ULL) {
		__asm__("" : "+rm"(ns));
		ns -= 1000000000ULL;
		(*sec)++;
	}
	return (u32)ns;
}

#endif
