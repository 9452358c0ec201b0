// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the arm64 bring-up (KTAP, "ktest=smp_arm64"), meant for a boot with
 * -smp 2 or more (tests/boot/cases.py: arm64_smp4_*); with one CPU they pass trivially.
 * Every CPU the DTB describes is online; each takes its own timer ticks; each receives a
 * reschedule and a call-function IPI (counted by kernel/smp.c as it handles them); a call
 * run on every CPU finds there the per-CPU state head.S and secondary_start_kernel() set:
 * TPIDR_EL1 naming the CPU smp_processor_id() names, entry_task = the running task, and
 * the boot CPU's VBAR/TCR/MAIR/SCTLR/CPACR/CNTKCTL/TTBR1 and PAN; each CPU sends a call;
 * an mm's last mmput clears it from another CPU's TTBR0; an ASID rollover keeps the ASID of
 * an mm another CPU runs.
 */
#include <linux/ktest.h>
#include <linux/cpumask.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/mmu_context.h>
#include <asm/setup.h>
#include <asm/sysreg.h>
#include <asm/timex.h>

#define WAIT_TICKS	(HZ / 2)	/* how long an IPI may take under a busy host */

extern char vectors[];

/* Spin with interrupts on until cond() or WAIT_TICKS passed; cond() is re-read each time. */
#define wait_for(cond) ({							\
	unsigned long __end = jiffies + WAIT_TICKS;				\
	while (!(cond) && (long)(jiffies - __end) < 0)				\
		cpu_relax();							\
	(cond);									\
})

KTEST(smp_arm64, every_described_cpu_is_online)
{
	unsigned int cpu;

	for_each_cpu(cpu, &cpu_present_mask)
		KTEST_EXPECT(t, cpu_online(cpu));
	KTEST_EXPECT_EQ(t, num_online_cpus(), cpumask_weight(&cpu_present_mask));
	printk(KERN_INFO "    # %u CPUs online\n", num_online_cpus());
}

KTEST(smp_arm64, each_cpu_takes_its_own_timer_ticks)
{
	unsigned long long before[NR_CPUS];
	unsigned int cpu;

	for_each_online_cpu(cpu)
		before[cpu] = arch_timer_ticks(cpu);
	for_each_online_cpu(cpu) {
		KTEST_EXPECT(t, wait_for(arch_timer_ticks(cpu) >= before[cpu] + 3));
		if (t->failed)
			printk(KERN_ERR "    # CPU%u: %llu ticks, was %llu\n", cpu,
			       arch_timer_ticks(cpu), before[cpu]);
	}
}

KTEST(smp_arm64, reschedule_ipi_reaches_each_cpu)
{
	unsigned int cpu, me = smp_processor_id();

	for_each_online_cpu(cpu) {
		u64 before = ipi_count(cpu, IPI_RESCHEDULE);

		if (cpu == me)
			continue;
		smp_send_reschedule(cpu);
		KTEST_EXPECT(t, wait_for(ipi_count(cpu, IPI_RESCHEDULE) > before));
	}
}

/* What one CPU finds in its own registers, compared with the boot CPU's. */
struct cpu_state {
	unsigned int cpu, tpidr_cpu;
	bool entry_task_is_current;
	u64 vbar, tcr, mair, sctlr, cpacr, cntkctl, ttbr1, pan;
};

struct call_record {
	struct cpu_state state[NR_CPUS];
	unsigned long ran[NR_CPUS];	/* calls run on each CPU */
};

static void read_cpu_state(struct cpu_state *s)
{
	s->cpu = smp_processor_id();
	s->tpidr_cpu = this_cpu_arm64()->cpu;
	s->entry_task_is_current = this_cpu_arm64()->entry_task == current;
	s->vbar = read_sysreg(vbar_el1);
	s->tcr = read_sysreg(tcr_el1);
	s->mair = read_sysreg(mair_el1);
	s->sctlr = read_sysreg(sctlr_el1);
	s->cpacr = read_sysreg(cpacr_el1);
	s->cntkctl = read_sysreg(cntkctl_el1);
	s->ttbr1 = read_sysreg(ttbr1_el1);
	s->pan = arm64_pan_enabled ? read_sysreg(SYS_PAN) : 0;
}

static void record_call(void *arg)
{
	struct call_record *r = arg;
	unsigned int cpu = smp_processor_id();

	read_cpu_state(&r->state[cpu]);
	__atomic_fetch_add(&r->ran[cpu], 1, __ATOMIC_RELAXED);
}

static void expect_same_state(struct ktest_ctx *t, const struct cpu_state *s,
			      const struct cpu_state *boot, unsigned int cpu)
{
	KTEST_EXPECT_EQ(t, s->cpu, cpu);
	KTEST_EXPECT_EQ(t, s->tpidr_cpu, cpu);
	KTEST_EXPECT(t, s->entry_task_is_current);
	KTEST_EXPECT_EQ(t, s->vbar, (u64)vectors);
	KTEST_EXPECT_EQ(t, s->tcr, boot->tcr);
	KTEST_EXPECT_EQ(t, s->mair, boot->mair);
	KTEST_EXPECT_EQ(t, s->sctlr, boot->sctlr);
	KTEST_EXPECT_EQ(t, s->cpacr, boot->cpacr);
	KTEST_EXPECT_EQ(t, s->cntkctl, boot->cntkctl);
	KTEST_EXPECT_EQ(t, s->ttbr1, boot->ttbr1);
	KTEST_EXPECT_EQ(t, s->pan, boot->pan);
	if (t->failed)
		printk(KERN_ERR "    # CPU%u: per-CPU state differs\n", cpu);
}

KTEST(smp_arm64, call_function_runs_on_every_cpu_with_its_own_state)
{
	static struct call_record r;
	u64 calls_before[NR_CPUS];
	unsigned int cpu, me = smp_processor_id();
	struct cpu_state boot;

	memset(&r, 0, sizeof(r));
	read_cpu_state(&boot);
	for_each_online_cpu(cpu)
		calls_before[cpu] = ipi_count(cpu, IPI_CALL_FUNC);
	on_each_cpu(record_call, &r, true);
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, r.ran[cpu], 1);
		expect_same_state(t, &r.state[cpu], &boot, cpu);
		if (cpu != me)
			KTEST_EXPECT(t, ipi_count(cpu, IPI_CALL_FUNC) > calls_before[cpu]);
	}
	/* One CPU at a time too, waiting for each (smp_call_function_single). */
	for_each_online_cpu(cpu) {
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_call, &r, true), 0);
		KTEST_EXPECT_EQ(t, r.ran[cpu], 2);
	}
}

/*
 * Every CPU sends too: each secondary, in a call run on it, queues one on the next online
 * CPU (the last one on the boot CPU) without waiting. A GICv2 SGI carries its sender's
 * number beside the INTID in GICC_IAR, so this is also where a receiver that forgot to
 * mask it would lose the IPI.
 */
struct relay {
	struct call_record *r;
	unsigned int to[NR_CPUS];
	int err[NR_CPUS];
};

static void relay_call(void *arg)
{
	struct relay *rl = arg;
	unsigned int cpu = smp_processor_id();

	rl->err[cpu] = smp_call_function_single(rl->to[cpu], record_call, rl->r, false);
}

KTEST(smp_arm64, each_cpu_sends_a_call_to_the_next)
{
	static struct call_record r;
	static struct relay rl;
	unsigned int cpu, me = smp_processor_id(), n = 0, next;

	memset(&r, 0, sizeof(r));
	memset(&rl, 0, sizeof(rl));
	rl.r = &r;
	for_each_online_cpu(cpu) {
		next = cpumask_next_from(cpu + 1, &cpu_online_mask);
		rl.to[cpu] = next < NR_CPUS ? next : cpumask_next_from(0, &cpu_online_mask);
	}
	for_each_online_cpu(cpu) {
		if (cpu == me)
			continue;
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, relay_call, &rl, true), 0);
		KTEST_EXPECT_EQ(t, rl.err[cpu], 0);
		KTEST_EXPECT(t, wait_for(__atomic_load_n(&r.ran[rl.to[cpu]], __ATOMIC_ACQUIRE) > 0));
		if (t->failed) {
			printk(KERN_ERR "    # CPU%u -> CPU%u: the call did not run\n", cpu, rl.to[cpu]);
			return;
		}
		n++;
		memset(&r.ran, 0, sizeof(r.ran));
	}
	printk(KERN_INFO "    # %u CPUs sent a call\n", n);
}

/*
 * A CPU where a thread exited keeps its mm in TTBR0 until it runs another user task; the
 * mm's last mmput, on another CPU, must make it let go before the tables are freed
 * (destroy_context in arch/arm64/mm/context.c). Here a call loads a fresh mm on a second
 * CPU the way a context switch would, the boot CPU drops the last reference, and the other
 * CPU's TTBR0 must then be the empty table.
 */
static void load_mm(void *mm)
{
	switch_mm(NULL, mm);
}

static void read_ttbr0(void *out)
{
	*(u64 *)out = read_sysreg(ttbr0_el1) & PTE_ADDR_MASK;
}

KTEST(smp_arm64, last_mmput_clears_the_mm_from_other_cpus)
{
	unsigned int me = smp_processor_id(), other = cpumask_next_from(0, &cpu_online_mask);
	struct mm_struct *mm;
	u64 ttbr0 = 0, pgd;

	if (other == me)
		other = cpumask_next_from(me + 1, &cpu_online_mask);
	if (other >= NR_CPUS)
		KTEST_SKIP(t, "one CPU");
	mm = mm_alloc(TASK_SIZE_MAX);
	KTEST_EXPECT(t, mm != NULL);
	if (!mm)
		return;
	pgd = mm->context.pgd;
	smp_call_function_single(other, load_mm, mm, true);
	smp_call_function_single(other, read_ttbr0, &ttbr0, true);
	KTEST_EXPECT_EQ(t, ttbr0, pgd);
	mmput(mm);
	smp_call_function_single(other, read_ttbr0, &ttbr0, true);
	KTEST_EXPECT_EQ(t, ttbr0, __pa_symbol(reserved_pg_dir));
}

/*
 * An ASID rollover while another CPU runs an mm: that mm keeps its ASID, and no other mm is
 * given the same one while it runs (arch/arm64/mm/context.c). With three ASIDs to hand out,
 * six mms taking turns on this CPU roll the generation over again and again.
 */
static void unload_mm(void *mm)
{
	switch_mm(mm, NULL);
}

#define ASID_OF(mm)	((mm)->context.id & 0xff)	/* ASIDs 1..3 here */

KTEST(smp_arm64, rollover_keeps_the_asid_another_cpu_runs)
{
	unsigned int me = smp_processor_id(), other = cpumask_next_from(0, &cpu_online_mask);
	struct mm_struct *held, *mm[6] = { 0 }, *saved = current->mm;
	u64 gen_before, held_asid;
	int i, round;

	if (other == me)
		other = cpumask_next_from(me + 1, &cpu_online_mask);
	if (other >= NR_CPUS)
		KTEST_SKIP(t, "one CPU");
	held = mm_alloc(TASK_SIZE_MAX);
	for (i = 0; i < 6; i++)
		mm[i] = mm_alloc(TASK_SIZE_MAX);
	for (i = 0; i < 6; i++)
		KTEST_EXPECT(t, held && mm[i]);
	if (t->failed)
		goto out;
	asid_set_limit_for_test(4);
	smp_call_function_single(other, load_mm, held, true);
	held_asid = ASID_OF(held);
	gen_before = asid_generation_for_test();
	for (round = 0; round < 10 && !t->failed; round++)
		for (i = 0; i < 6 && !t->failed; i++) {
			switch_mm(saved, mm[i]);
			KTEST_EXPECT(t, ASID_OF(mm[i]) != held_asid);
			switch_mm(mm[i], saved);
		}
	KTEST_EXPECT(t, asid_generation_for_test() - gen_before >= 10);
	KTEST_EXPECT_EQ(t, ASID_OF(held), held_asid);
	smp_call_function_single(other, unload_mm, held, true);
	asid_set_limit_for_test(0);
out:
	for (i = 0; i < 6; i++)
		if (mm[i])
			mmput(mm[i]);
	if (held)
		mmput(held);
}
