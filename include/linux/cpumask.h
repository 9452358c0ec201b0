/*
 * CPU masks: a bitmap of CPU numbers, NR_CPUS bits in unsigned longs, as Linux's struct
 * cpumask. Tasks keep the CPUs they may run on in one (task_struct.cpus_mask, set by
 * sched_setaffinity). Four global masks, each a subset of the one before (kernel/smp.c):
 *
 *   cpu_possible_mask  the CPUs the firmware describes (set by the arch at boot, then fixed)
 *   cpu_present_mask   ... that the arch could try to start
 *   cpu_online_mask    ... that run: set by the CPU itself in cpu_startup_entry()
 *   cpu_active_mask    ... that take tasks (the scheduler places tasks only here)
 *
 * Bits are set with atomic read-modify-writes: two CPUs may come online at once.
 */
#ifndef _LINUX_CPUMASK_H
#define _LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/smp.h>

#define CPUMASK_BITS_PER_LONG	(8 * sizeof(long))
#define CPUMASK_LONGS		((NR_CPUS + CPUMASK_BITS_PER_LONG - 1) / CPUMASK_BITS_PER_LONG)

struct cpumask {
	unsigned long bits[CPUMASK_LONGS];
};

/* Every CPU bit set: what init starts with, and what every task inherits by default. */
#define CPU_MASK_ALL	{ .bits = { [0 ... CPUMASK_LONGS - 1] = ~0UL } }

extern struct cpumask cpu_possible_mask, cpu_present_mask, cpu_online_mask, cpu_active_mask;

static inline unsigned int cpumask_size(void)
{
	return sizeof(struct cpumask);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS &&
	       (__atomic_load_n(&m->bits[cpu / CPUMASK_BITS_PER_LONG], __ATOMIC_RELAXED) >>
		(cpu % CPUMASK_BITS_PER_LONG)) & 1;
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_fetch_or(&m->bits[cpu / CPUMASK_BITS_PER_LONG],
			  1UL << (cpu % CPUMASK_BITS_PER_LONG), __ATOMIC_RELAXED);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *m)
{
	__atomic_fetch_and(&m->bits[cpu / CPUMASK_BITS_PER_LONG],
			   ~(1UL << (cpu % CPUMASK_BITS_PER_LONG)), __ATOMIC_RELAXED);
}

static inline void cpumask_clear(struct cpumask *m)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		m->bits[i] = 0;
}

/* dst = a & b; whether any bit is left. */
static inline bool cpumask_and(struct cpumask *dst, const struct cpumask *a,
			       const struct cpumask *b)
{
	unsigned long any = 0;

	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		any |= dst->bits[i] = a->bits[i] & b->bits[i];
	return any != 0;
}

/* The lowest CPU in both a and b, or NR_CPUS when they share none. */
static inline unsigned int cpumask_first_and(const struct cpumask *a, const struct cpumask *b)
{
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++) {
		unsigned long w = a->bits[i] & b->bits[i];

		if (w)
			return i * CPUMASK_BITS_PER_LONG + __builtin_ctzl(w);
	}
	return NR_CPUS;
}

/* The lowest CPU of m at or above n, or NR_CPUS. */
static inline unsigned int cpumask_next_from(unsigned int n, const struct cpumask *m)
{
	for (; n < NR_CPUS; n++)
		if (cpumask_test_cpu(n, m))
			return n;
	return NR_CPUS;
}

static inline unsigned int cpumask_weight(const struct cpumask *m)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		for (unsigned long w = m->bits[i]; w; w &= w - 1)	/* no libgcc popcount */
			n++;
	return n;
}

#define for_each_cpu(cpu, mask) \
	for ((cpu) = cpumask_next_from(0, (mask)); (cpu) < NR_CPUS; \
	     (cpu) = cpumask_next_from((cpu) + 1, (mask)))
#define for_each_possible_cpu(cpu)	for_each_cpu(cpu, &cpu_possible_mask)
#define for_each_online_cpu(cpu)	for_each_cpu(cpu, &cpu_online_mask)

static inline bool cpu_online(unsigned int cpu)
{
	return cpumask_test_cpu(cpu, &cpu_online_mask);
}

static inline unsigned int num_online_cpus(void)
{
	return cpumask_weight(&cpu_online_mask);
}

static inline void set_cpu_possible(unsigned int cpu, bool on)
{
	if (on)
		cpumask_set_cpu(cpu, &cpu_possible_mask);
	else
		cpumask_clear_cpu(cpu, &cpu_possible_mask);
}

static inline void set_cpu_present(unsigned int cpu, bool on)
{
	if (on)
		cpumask_set_cpu(cpu, &cpu_present_mask);
	else
		cpumask_clear_cpu(cpu, &cpu_present_mask);
}

#endif
