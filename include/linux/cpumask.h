/*
 * CPU masks: a bitmap of CPU numbers, NR_CPUS bits in unsigned longs, as Linux's struct
 * cpumask. Tasks keep the CPUs they may run on in one (task_struct.cpus_mask, set by
 * sched_setaffinity); cpu_active_mask holds the CPUs that run tasks (the boot CPU until the
 * SMP bring-up adds the others).
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

extern struct cpumask cpu_active_mask;

static inline unsigned int cpumask_size(void)
{
	return sizeof(struct cpumask);
}

static inline bool cpumask_test_cpu(unsigned int cpu, const struct cpumask *m)
{
	return cpu < NR_CPUS &&
	       (m->bits[cpu / CPUMASK_BITS_PER_LONG] >> (cpu % CPUMASK_BITS_PER_LONG)) & 1;
}

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *m)
{
	m->bits[cpu / CPUMASK_BITS_PER_LONG] |= 1UL << (cpu % CPUMASK_BITS_PER_LONG);
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

#endif
