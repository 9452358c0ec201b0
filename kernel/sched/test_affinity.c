// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of CPU affinity (KTAP, "ktest=affinity"): sched_setaffinity's store
 * keeps the mask it is given (CPUs not running yet included, as Linux's cpus_mask), refuses
 * one with no active CPU without changing anything, and the answer sched_getaffinity gives
 * is the stored mask's active CPUs. With one CPU running nothing else tells these apart.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/string.h>

KTEST(affinity, setaffinity_stores_the_mask)
{
	struct cpumask saved = current->cpus_mask, want = { 0 }, got;

	cpumask_set_cpu(0, &want);
	if (NR_CPUS > 1)
		cpumask_set_cpu(NR_CPUS - 1, &want);	/* possible, not running */
	KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(current, &want), 0);
	KTEST_EXPECT(t, cpumask_test_cpu(0, &current->cpus_mask));
	KTEST_EXPECT(t, cpumask_test_cpu(NR_CPUS - 1, &current->cpus_mask));
	task_cpus_allowed(current, &got);
	KTEST_EXPECT(t, cpumask_test_cpu(0, &got));
	KTEST_EXPECT(t, NR_CPUS == 1 || !cpumask_test_cpu(NR_CPUS - 1, &got));
	current->cpus_mask = saved;
}

KTEST(affinity, setaffinity_without_an_active_cpu_is_einval)
{
	struct cpumask saved = current->cpus_mask, idle_only = { 0 }, got;

	if (NR_CPUS > 1)
		cpumask_set_cpu(NR_CPUS - 1, &idle_only);
	KTEST_EXPECT_EQ(t, set_cpus_allowed_ptr(current, &idle_only), -EINVAL);
	KTEST_EXPECT(t, !memcmp(&current->cpus_mask, &saved, sizeof(saved)));
	task_cpus_allowed(current, &got);
	KTEST_EXPECT(t, cpumask_test_cpu(smp_processor_id(), &got));
}
