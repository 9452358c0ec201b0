// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's clocks, kept in the vDSO data page ([vvar], vdso/datapage.h) that every
 * process maps read-only: the kernel reads its clocks from the same page, with the same
 * arithmetic (vdso/helpers.h), so a syscall and a vDSO call made one after the other agree
 * to the nanosecond and CLOCK_MONOTONIC never steps back between them.
 *
 *   timekeeping_init()   at boot, once the counter's frequency is known: mult and shift,
 *                        and the clocks' bases at the counter's value then
 *   update_vsyscall()    every tick: the bases move forward by the cycles counted since
 *   timekeeping_set_wall() the RTC's time (CLOCK_REALTIME = CLOCK_MONOTONIC + an offset)
 *
 * The writer is the tick on the timekeeping CPU (CPU 0, as Linux's tick_do_timer_cpu),
 * with interrupts off, so there is one writer at a time; the seqcount with smp_wmb() on
 * this side and smp_rmb() on the readers' (vdso/helpers.h) lets readers on any CPU, in
 * the kernel or in user space, see a consistent set of fields without a lock.
 */
#include <linux/kernel.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/timekeeping.h>
#include <linux/vdso.h>
#include <asm/barrier.h>
#include <asm/processor.h>
#include <asm/timex.h>
#include <vdso/helpers.h>

/* A page of its own: user space maps it, so nothing else may share it. */
union vdso_data_store vdso_data_store __aligned(PAGE_SIZE);
#define vdata (&vdso_data_store.data)

/*
 * The longest the counter may run between updates before delta * mult overflows 64 bits:
 * far more than a tick (10 ms), so a tick delayed by a long stretch with interrupts off,
 * or the time between timekeeping_init() and the first tick, is still read right.
 */
#define MAX_UPDATE_INTERVAL_SEC	600

/*
 * mult and shift for a counter of 'freq' Hz: ns = cycles * mult >> shift. The largest
 * shift (the finest mult) whose mult fits 32 bits and whose product with 10 minutes of
 * cycles fits 64 bits.
 */
static void calc_mult_shift(u64 freq, u32 *mult, u32 *shift)
{
	u64 max_cycles = freq * MAX_UPDATE_INTERVAL_SEC;

	for (u32 s = 32; s > 0; s--) {
		u64 m = ((NSEC_PER_SEC << s) + freq / 2) / freq;

		if (m <= 0xffffffffULL && m <= ~0ULL / max_cycles) {
			*mult = (u32)m;
			*shift = s;
			return;
		}
	}
	*mult = (u32)((NSEC_PER_SEC + freq / 2) / freq);
	*shift = 0;
}

static void write_begin(void)
{
	WRITE_ONCE(vdata->seq, vdata->seq + 1);
	smp_wmb();
}

static void write_end(void)
{
	smp_wmb();
	WRITE_ONCE(vdata->seq, vdata->seq + 1);
}

/* Carry whole seconds out of a shifted-nanosecond count. */
static void normalize(struct vdso_timestamp *t)
{
	u64 one_sec = NSEC_PER_SEC << vdata->shift;

	t->sec += t->snsec / one_sec;
	t->snsec %= one_sec;
}

/*
 * The derived clocks from CLOCK_MONOTONIC's base: BOOTTIME and MONOTONIC_RAW are the same
 * count (no suspend, no NTP), REALTIME and TAI the wall offset ahead, and the coarse ones
 * each the whole-nanosecond time of this update. Inside a write section.
 */
static void set_derived_bases(void)
{
	struct vdso_timestamp mono = vdata->basetime[VDSO_CLOCK_MONOTONIC], real = mono;

	real.sec += wall_offset_ns / NSEC_PER_SEC;
	real.snsec += (wall_offset_ns % NSEC_PER_SEC) << vdata->shift;
	normalize(&real);
	vdata->basetime[VDSO_CLOCK_MONOTONIC_RAW] = mono;
	vdata->basetime[VDSO_CLOCK_BOOTTIME] = mono;
	vdata->basetime[VDSO_CLOCK_REALTIME] = real;
	vdata->basetime[VDSO_CLOCK_TAI] = real;
	mono.snsec >>= vdata->shift;
	real.snsec >>= vdata->shift;
	vdata->basetime[VDSO_CLOCK_MONOTONIC_COARSE] = mono;
	vdata->basetime[VDSO_CLOCK_REALTIME_COARSE] = real;
}

/* The counter-only reading, for the moments before timekeeping_init(). */
static u64 cycles_to_ns(u64 c)
{
	u64 f = cycles_per_sec();

	return c / f * NSEC_PER_SEC + c % f * NSEC_PER_SEC / f;
}

void timekeeping_init(void)
{
	u64 now = get_cycles(), ns = cycles_to_ns(now);
	u32 mult, shift;

	BUILD_BUG_ON(sizeof(struct vdso_data) > PAGE_SIZE);
	/* The 32-bit vDSOs read the same offsets: every u64 on a multiple of 8. */
	BUILD_BUG_ON(offsetof(struct vdso_data, cycle_last) % 8 ||
		     offsetof(struct vdso_data, basetime) % 8);
	calc_mult_shift(cycles_per_sec(), &mult, &shift);
	write_begin();
	vdata->mult = mult;
	vdata->shift = shift;
	vdata->cycle_last = now;
	vdata->basetime[VDSO_CLOCK_MONOTONIC].sec = ns / NSEC_PER_SEC;
	vdata->basetime[VDSO_CLOCK_MONOTONIC].snsec = (ns % NSEC_PER_SEC) << shift;
	vdata->hrtimer_res = 1;
	vdata->coarse_res = TICK_NSEC;
	set_derived_bases();
	/* Every arch's counter is readable at EL0 / CPL3: x86 CR4.TSD clear, arm64 EL0VCTEN. */
	vdata->clock_mode = VDSO_CLOCKMODE_COUNTER;
	write_end();
	pr_info("vdso: clock data at %#lx: mult %u shift %u\n",
		(unsigned long)__pa_symbol(&vdso_data_store), mult, shift);
}

void update_vsyscall(void)
{
	struct vdso_timestamp *mono = &vdata->basetime[VDSO_CLOCK_MONOTONIC];
	u64 now;

	if (!vdata->mult || smp_processor_id() != 0)
		return;		/* not set up yet, or not the timekeeping CPU */
	now = get_cycles();
	write_begin();
	mono->snsec = vdso_hres_snsec(vdata, mono, now);
	vdata->cycle_last = now;
	normalize(mono);
	set_derived_bases();
	write_end();
}

/*
 * A new wall offset (the RTC at boot): REALTIME's base moves with it at once. Interrupts
 * off: the tick is the other writer, and must not run inside this write section.
 */
void timekeeping_set_wall(s64 secs)
{
	u64 now = ktime_get_ns(), real = secs > 0 ? (u64)secs * NSEC_PER_SEC : 0;
	unsigned long flags;

	local_irq_save(flags);
	write_begin();
	wall_offset_ns = real > now ? real - now : 0;
	if (vdata->mult)
		set_derived_bases();
	write_end();
	local_irq_restore(flags);
	real_seconds_coarse = (now + wall_offset_ns) / NSEC_PER_SEC;
}

/* A high resolution clock's reading, as the vDSO computes it (vdso/helpers.h). */
static u64 read_hres_ns(int clk)
{
	const struct vdso_timestamp *base = &vdata->basetime[clk];
	u64 sec, snsec;
	u32 seq;

	if (!READ_ONCE(vdata->mult))
		return cycles_to_ns(get_cycles()) + (clk == VDSO_CLOCK_REALTIME ? wall_offset_ns : 0);
	do {
		seq = vdso_read_begin(vdata);
		snsec = vdso_hres_snsec(vdata, base, get_cycles()) >> vdata->shift;
		sec = base->sec;
	} while (vdso_read_retry(vdata, seq));
	return sec * NSEC_PER_SEC + snsec;
}

u64 ktime_get_ns(void)
{
	return read_hres_ns(VDSO_CLOCK_MONOTONIC);
}

u64 ktime_get_seconds(void)
{
	return ktime_get_ns() / NSEC_PER_SEC;
}

u64 ktime_get_real_ns(void)
{
	return read_hres_ns(VDSO_CLOCK_REALTIME);
}

/* The coarse clocks: the time of the last tick (Linux's ktime_get_coarse_*). */
u64 ktime_get_coarse_ns(bool real)
{
	const struct vdso_timestamp *base =
		&vdata->basetime[real ? VDSO_CLOCK_REALTIME_COARSE : VDSO_CLOCK_MONOTONIC_COARSE];
	u64 ns;
	u32 seq;

	if (!READ_ONCE(vdata->mult))
		return real ? ktime_get_real_ns() : ktime_get_ns();
	do {
		seq = vdso_read_begin(vdata);
		ns = base->sec * NSEC_PER_SEC + base->snsec;
	} while (vdso_read_retry(vdata, seq));
	return ns;
}
