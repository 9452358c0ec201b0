// SPDX-License-Identifier: GPL-2.0
/*
 * The vDSO's clock functions, one body for every ABI. Each arch's vDSO source includes its
 * asm/vdso/gettimeofday.h (the counter, the data page's address, the barriers and the
 * syscall fallbacks) and then this file, and exports the __vdso_* / __kernel_* names its
 * ABI's libc looks up.
 *
 * The clock ids the data page carries (VDSO_HRES, VDSO_COARSE in vdso/datapage.h) are
 * answered here; everything else (the CPU-time clocks, a process's or thread's clock id,
 * the alarm clocks, bad ids) goes to the real syscall, which gives the answer or the error.
 * So does every call while clock_mode says the counter is not for user space.
 */
#include <vdso/datapage.h>
#include <vdso/helpers.h>

/*
 * The data page: each image's linker script puts vvar_page at the start of [vvar], a fixed
 * distance below the image (mm/vdso.c maps them so), so its address is PC-relative and the
 * kernel has no relocation to do. Not declared const: the kernel changes it, and a const
 * object's loads could be moved across the seqcount's barriers.
 */
extern struct vdso_data vvar_page __attribute__((visibility("hidden")));

static __always_inline const struct vdso_data *__arch_get_vdso_data(void)
{
	return &vvar_page;
}

struct vdso_timespec64 {
	s64 tv_sec;
	s64 tv_nsec;
};

struct vdso_timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

struct vdso_timeval {
	long tv_sec;
	long tv_usec;
};

struct vdso_timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

/* A high resolution clock; false if the counter is not for user space (fall back). */
static __always_inline bool do_hres(const struct vdso_data *vd, int clk, u64 *sec, u32 *nsec)
{
	const struct vdso_timestamp *base = &vd->basetime[clk];
	u64 snsec;
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		if (vd->clock_mode == VDSO_CLOCKMODE_NONE)
			return false;
		snsec = vdso_hres_snsec(vd, base, __arch_get_hw_counter());
		*sec = base->sec;
		snsec >>= vd->shift;
	} while (vdso_read_retry(vd, seq));
	*nsec = vdso_div_ns(snsec, sec);
	return true;
}

/* A coarse clock: the time of the last update, no counter read. */
static __always_inline void do_coarse(const struct vdso_data *vd, int clk, u64 *sec, u32 *nsec)
{
	const struct vdso_timestamp *base = &vd->basetime[clk];
	u32 seq;

	do {
		seq = vdso_read_begin(vd);
		*sec = base->sec;
		*nsec = (u32)base->snsec;
	} while (vdso_read_retry(vd, seq));
}

/* Clock 'clk' now, if the vDSO can tell; false: ask the syscall. */
static __always_inline bool vdso_clock_read(int clk, u64 *sec, u32 *nsec)
{
	const struct vdso_data *vd = __arch_get_vdso_data();
	u32 msk;

	if ((u32)clk >= VDSO_BASES)
		return false;		/* negative ids (CPU clocks of a pid) included */
	msk = 1U << clk;
	if (msk & VDSO_HRES)
		return do_hres(vd, clk, sec, nsec);
	if (msk & VDSO_COARSE) {
		do_coarse(vd, clk, sec, nsec);
		return true;
	}
	return false;
}

static __always_inline int __cvdso_clock_gettime(int clk, struct vdso_timespec64 *ts)
{
	u64 sec;
	u32 nsec;

	if (!vdso_clock_read(clk, &sec, &nsec))
		return clock_gettime_fallback(clk, ts);
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

#ifdef VDSO_HAS_32BIT_FALLBACK
/* The 32-bit ABIs' clock_gettime with 32-bit seconds (i386, arm). */
static __always_inline int __cvdso_clock_gettime32(int clk, struct vdso_timespec32 *ts)
{
	u64 sec;
	u32 nsec;

	if (!vdso_clock_read(clk, &sec, &nsec))
		return clock_gettime32_fallback(clk, ts);
	ts->tv_sec = (s32)sec;
	ts->tv_nsec = nsec;
	return 0;
}
#endif

static __always_inline int __cvdso_gettimeofday(struct vdso_timeval *tv, struct vdso_timezone *tz)
{
	const struct vdso_data *vd = __arch_get_vdso_data();

	if (tv) {
		u64 sec;
		u32 nsec;

		if (!do_hres(vd, VDSO_CLOCK_REALTIME, &sec, &nsec))
			return gettimeofday_fallback(tv, tz);
		tv->tv_sec = (long)sec;
		tv->tv_usec = nsec / 1000;
	}
	if (tz) {
		tz->tz_minuteswest = vd->tz_minuteswest;
		tz->tz_dsttime = vd->tz_dsttime;
	}
	return 0;
}

#ifdef VDSO_HAS_TIME
/* time(): the realtime seconds of the last update, as the syscall answers (no seqcount:
 * one aligned word is read; on a 32-bit ABI its low half, which is all time_t holds). */
static __always_inline long __cvdso_time(long *t)
{
	const struct vdso_data *vd = __arch_get_vdso_data();
	long secs = (long)READ_ONCE(vd->basetime[VDSO_CLOCK_REALTIME].sec);

	if (t)
		*t = secs;
	return secs;
}
#endif

/* The resolution, or false for an id the data page does not describe. */
static __always_inline bool vdso_clock_res(int clk, u32 *ns)
{
	const struct vdso_data *vd = __arch_get_vdso_data();
	u32 msk;

	if ((u32)clk >= VDSO_BASES)
		return false;
	msk = 1U << clk;
	if (msk & VDSO_HRES)
		*ns = READ_ONCE(vd->hrtimer_res);
	else if (msk & VDSO_COARSE)
		*ns = READ_ONCE(vd->coarse_res);
	else
		return false;
	return true;
}

static __always_inline int __cvdso_clock_getres(int clk, struct vdso_timespec64 *res)
{
	u32 ns;

	if (!vdso_clock_res(clk, &ns))
		return clock_getres_fallback(clk, res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = ns;
	}
	return 0;
}

#ifdef VDSO_HAS_32BIT_FALLBACK
static __always_inline int __cvdso_clock_getres32(int clk, struct vdso_timespec32 *res)
{
	u32 ns;

	if (!vdso_clock_res(clk, &ns))
		return clock_getres32_fallback(clk, res);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = ns;
	}
	return 0;
}
#endif
