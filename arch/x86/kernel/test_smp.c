// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of x86 SMP (KTAP, "ktest=smp_x86"; tests/boot/cases.py boots them with
 * -smp 4): every CPU the MADT described came online, takes its own timer ticks, receives
 * both IPIs and runs calls on itself; and a page unmapped while another CPU has the mm
 * loaded faults on that CPU afterwards (the TLB shootdown), for both kinds of flush; and a
 * reused kernel stack slot is not reached through another CPU's stale translation. With one
 * CPU the tests that need a second one are skipped.
 */
#include <linux/ktest.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/uaccess.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/apic.h>
#include <linux/errno.h>
#include <linux/mmu_gather.h>
#include <linux/vmalloc.h>
#include <linux/gfp.h>

#define WAIT_TICKS	(HZ / 2)	/* for something another CPU does: far more than enough */

/* Busy-wait with interrupts on (ticks keep coming) until *p changes from old or time is up. */
static bool wait_change(const volatile u64 *p, u64 old)
{
	unsigned long end = jiffies + WAIT_TICKS;

	while (*p == old && (long)(jiffies - end) < 0)
		cpu_relax();
	return *p != old;
}

KTEST(smp_x86, every_present_cpu_online)
{
	unsigned int cpu;

	KTEST_EXPECT_EQ(t, num_online_cpus(), nr_cpu_ids);
	KTEST_EXPECT_EQ(t, cpumask_weight(&cpu_present_mask), nr_cpu_ids);
	for_each_cpu(cpu, &cpu_online_mask) {
		KTEST_EXPECT_EQ(t, per_cpu_hot(cpu)->cpu_number, cpu);
		KTEST_EXPECT(t, per_cpu_hot(cpu)->self == per_cpu_hot(cpu));
	}
}

KTEST(smp_x86, every_cpu_ticks)
{
	unsigned int cpu;

	for_each_cpu(cpu, &cpu_online_mask) {
		u64 before = READ_ONCE(per_cpu_hot(cpu)->timer_ticks);

		if (!wait_change(&per_cpu_hot(cpu)->timer_ticks, before)) {
			printk(KERN_ERR "    # CPU%u: no timer tick in %d jiffies\n", cpu, WAIT_TICKS);
			t->failed = 1;
		}
	}
}

KTEST(smp_x86, reschedule_ipi_arrives)
{
	unsigned int cpu, me = smp_processor_id();

	if (num_online_cpus() < 2)
		KTEST_SKIP(t, "one CPU");
	for_each_cpu(cpu, &cpu_online_mask) {
		u64 before = ipi_count(cpu, IPI_RESCHEDULE);
		unsigned long end = jiffies + WAIT_TICKS;

		if (cpu == me)
			continue;
		smp_send_reschedule(cpu);
		while (ipi_count(cpu, IPI_RESCHEDULE) == before && (long)(jiffies - end) < 0)
			cpu_relax();
		KTEST_EXPECT(t, ipi_count(cpu, IPI_RESCHEDULE) > before);
	}
}

struct where {
	unsigned int cpu;	/* smp_processor_id() there */
	unsigned int gs_cpu;	/* pcpu_hot.cpu_number through its own GS */
	u32 apic_id;		/* its local APIC's ID register */
};

static void record_where(void *arg)
{
	struct where *w = &((struct where *)arg)[smp_processor_id()];

	w->cpu = smp_processor_id();
	w->gs_cpu = this_cpu_hot()->cpu_number;
	w->apic_id = lapic_read(APIC_ID) >> 24;
}

KTEST(smp_x86, call_function_runs_on_each_cpu)
{
	static struct where where[NR_CPUS];
	unsigned int cpu;

	for_each_cpu(cpu, &cpu_online_mask) {
		u64 before = ipi_count(cpu, IPI_CALL_FUNC);

		where[cpu].cpu = where[cpu].gs_cpu = ~0u;
		KTEST_EXPECT_EQ(t, smp_call_function_single(cpu, record_where, where, true), 0);
		KTEST_EXPECT_EQ(t, where[cpu].cpu, cpu);
		KTEST_EXPECT_EQ(t, where[cpu].gs_cpu, cpu);
		KTEST_EXPECT_EQ(t, where[cpu].apic_id, x86_cpu_to_apicid[cpu]);
		if (cpu != smp_processor_id())
			KTEST_EXPECT(t, ipi_count(cpu, IPI_CALL_FUNC) > before);
	}
}

static void count_cpu(void *arg)
{
	__atomic_fetch_or((unsigned long *)arg, 1UL << smp_processor_id(), __ATOMIC_RELAXED);
}

KTEST(smp_x86, on_each_cpu_reaches_all)
{
	unsigned long seen = 0;

	on_each_cpu(count_cpu, &seen, true);
	KTEST_EXPECT_EQ(t, seen, cpu_online_mask.bits[0]);
}

/*
 * TLB shootdown. A throwaway mm with two user pages is loaded on another CPU (in an IPI: it
 * runs its idle task, which has no mm of its own), which reads both, so its TLB holds them.
 * Then this CPU unmaps one page with unmap_user_page() (the INVLPG flush) and the other with
 * unmap_user_range() (the mmu_gather's whole-mm flush). The other CPU must now fault on both.
 * QEMU's TLB, like a real one, keeps a translation until it is flushed: without the IPIs
 * the reads would still succeed.
 */
#define TLB_VA	0x20000000UL

struct tlb_probe {
	struct mm_struct *mm;
	int err[2];		/* get_user of each page: 0 or -EFAULT */
	unsigned long val[2];
};

static void remote_load_and_read(void *arg)
{
	struct tlb_probe *p = arg;

	if (p->mm)
		switch_mm(NULL, p->mm);		/* the idle task's own tables are the kernel's */
	for (int i = 0; i < 2; i++) {
		p->val[i] = 0;
		p->err[i] = get_user(p->val[i], (unsigned long __user *)(TLB_VA + i * PAGE_SIZE));
	}
}

static void remote_unload(void *arg)
{
	switch_mm(arg, NULL);
}

static unsigned int other_cpu(void)
{
	unsigned int cpu;

	for_each_cpu(cpu, &cpu_online_mask)
		if (cpu != smp_processor_id())
			return cpu;
	return NR_CPUS;
}

KTEST(smp_x86, tlb_shootdown_reaches_cpu_with_mm_loaded)
{
	unsigned int cpu = other_cpu();
	struct tlb_probe p = { 0 };
	struct mm_struct *mm;
	phys_addr_t pa;
	u64 flushes;

	if (cpu == NR_CPUS)
		KTEST_SKIP(t, "one CPU");
	mm = mm_alloc(TASK_SIZE_MAX);
	KTEST_EXPECT(t, mm != NULL);
	if (!mm)
		return;
	KTEST_EXPECT_EQ(t, mm_map_anon(mm, TLB_VA, 2 * PAGE_SIZE, VM_READ | VM_WRITE), 0);
	p.mm = mm;
	smp_call_function_single(cpu, remote_load_and_read, &p, true);
	KTEST_EXPECT_EQ(t, p.err[0], 0);
	KTEST_EXPECT_EQ(t, p.err[1], 0);
	KTEST_EXPECT(t, cpumask_test_cpu(cpu, &mm->context.cpu_mask));
	KTEST_EXPECT(t, !cpumask_test_cpu(smp_processor_id(), &mm->context.cpu_mask));

	flushes = per_cpu_hot(cpu)->tlb_remote_flushes;
	pa = unmap_user_page(mm, TLB_VA);		/* one page: INVLPG there */
	KTEST_EXPECT(t, pa != 0);
	if (pa)
		put_page(phys_to_page(pa));		/* the mapping's reference */
	KTEST_EXPECT_EQ(t, per_cpu_hot(cpu)->tlb_remote_flushes, flushes + 1);
	unmap_user_range(mm, TLB_VA + PAGE_SIZE, TLB_VA + 2 * PAGE_SIZE, true);	/* CR3 there */
	KTEST_EXPECT_EQ(t, per_cpu_hot(cpu)->tlb_remote_flushes, flushes + 2);

	p.mm = NULL;					/* still loaded there */
	smp_call_function_single(cpu, remote_load_and_read, &p, true);
	KTEST_EXPECT_EQ(t, p.err[0], -EFAULT);
	KTEST_EXPECT_EQ(t, p.err[1], -EFAULT);

	smp_call_function_single(cpu, remote_unload, mm, true);
	KTEST_EXPECT(t, !cpumask_test_cpu(cpu, &mm->context.cpu_mask));
	flushes = per_cpu_hot(cpu)->tlb_remote_flushes;
	flush_tlb_mm(mm);				/* nobody has it loaded: no IPI */
	KTEST_EXPECT_EQ(t, per_cpu_hot(cpu)->tlb_remote_flushes, flushes);
	mmput(mm);
}

/*
 * Kernel pages are global: a CPU keeps their translations across CR3 loads, and
 * unmap_kernel_page() flushes only the CPU that unmaps. Stack slots of the vmalloc area are
 * reused, so another CPU that once read a stack must not reach the old frame through the
 * same address once the slot holds a new stack (alloc_kernel_stack() flushes it on every CPU,
 * flush_tlb_kernel_range()). The old frames are held meanwhile, so the new stack gets other
 * frames, as it would on a busy system.
 */
struct stack_probe {
	const volatile unsigned long *p;
	unsigned long val;
};

static void remote_read_word(void *arg)
{
	struct stack_probe *r = arg;

	r->val = *r->p;
}

#define STACK_PAGES	(THREAD_SIZE / PAGE_SIZE)

KTEST(smp_x86, reused_stack_slot_not_stale_on_other_cpu)
{
	unsigned int cpu = other_cpu();
	struct stack_probe r;
	void *held[STACK_PAGES];
	unsigned long *s, *s2;

	if (cpu == NR_CPUS)
		KTEST_SKIP(t, "one CPU");
	s = alloc_kernel_stack();
	KTEST_EXPECT(t, s != NULL);
	if (!s)
		return;
	*s = 0x1111;
	r.p = s;
	smp_call_function_single(cpu, remote_read_word, &r, true);	/* cached there now */
	KTEST_EXPECT_EQ(t, r.val, 0x1111);
	free_kernel_stack(s);
	for (int i = 0; i < STACK_PAGES; i++)
		held[i] = get_zeroed_page();		/* likely the frames just freed */
	s2 = alloc_kernel_stack();
	KTEST_EXPECT(t, s2 == s);			/* the lowest free slot: the same one */
	if (s2) {
		*s2 = 0x2222;
		smp_call_function_single(cpu, remote_read_word, &r, true);
		KTEST_EXPECT_EQ(t, r.val, 0x2222);
		free_kernel_stack(s2);
	}
	for (int i = 0; i < STACK_PAGES; i++)
		if (held[i])
			free_page(held[i]);
}
