// SPDX-License-Identifier: GPL-2.0
/*
 * The periodic tick from the EL1 virtual timer (CNTV): it fires when CNTVCT_EL0 reaches
 * CNTV_CVAL_EL0, as a PPI whose INTID the DTB's timer node gives (third "interrupts"
 * entry, usually PPI 11 = INTID 27). Each tick moves the compare value one period on, so
 * ticks do not drift with interrupt latency.
 *
 * Every CPU has its own timer (CNTV_* are per-CPU registers) and its own copy of the PPI:
 * each CPU programs the same period at start (time_init, arch_timer_starting_cpu) and
 * keeps its own next compare value. All read the one system counter; CPU 0 alone advances
 * jiffies (kernel/time.c).
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <asm/barrier.h>
#include <asm/irq.h>
#include <asm/percpu.h>
#include <asm/setup.h>
#include <asm/sysreg.h>
#include <asm/timex.h>

#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_IMASK		(1u << 1)

#define ARCH_TIMER_VIRT_PPI_DEFAULT 27
#define TIMER_IRQ_VIRT_INDEX	2	/* secure phys, non-secure phys, virt, hyp */

static u64 tick_period;		/* counter ticks per jiffy, the same on every CPU */
static u64 next_tick[NR_CPUS];	/* each CPU's own, touched only by that CPU */
/* Timer interrupts each CPU took (arch_timer_ticks(), for ktest=smp_arm64). */
static unsigned long long ticks_taken[NR_CPUS];

static void arch_timer_handler(unsigned int intid, struct pt_regs *regs)
{
	unsigned int cpu = this_cpu_arm64()->cpu;
	u64 now = read_sysreg(cntvct_el0);

	next_tick[cpu] += tick_period;
	if (next_tick[cpu] <= now)	/* stalled (e.g. the host was busy): restart from now */
		next_tick[cpu] = now + tick_period;
	write_sysreg(next_tick[cpu], cntv_cval_el0);
	isb();
	WRITE_ONCE(ticks_taken[cpu], ticks_taken[cpu] + 1);
	timer_tick(regs);
}

unsigned long long arch_timer_ticks(unsigned int cpu)
{
	return cpu < NR_CPUS ? READ_ONCE(ticks_taken[cpu]) : 0;
}

/*
 * This CPU's timer: first tick one period from now; EL0 may read the counter only. For a
 * secondary CPU, interrupts still masked, after irq_cpu_init() enabled its copy of the PPI.
 */
void arch_timer_starting_cpu(void)
{
	unsigned int cpu = this_cpu_arm64()->cpu;

	write_sysreg(CNTV_CTL_IMASK, cntv_ctl_el0);
	next_tick[cpu] = read_sysreg(cntvct_el0) + tick_period;
	write_sysreg(next_tick[cpu], cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	/* User space may read CNTVCT_EL0, nothing else of the timer (asm/sysreg.h). */
	write_sysreg(CNTKCTL_EL0VCTEN, cntkctl_el1);
	isb();
}

/* "interrupts" = <type number flags> x4; type 1 = PPI (INTID 16 + n), 0 = SPI (32 + n). */
static unsigned int timer_intid(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
	const u8 *cells;
	int len;

	if (node < 0)
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv7-timer");
	cells = node >= 0 ? fdt_getprop(fdt, node, "interrupts", &len) : NULL;
	if (!cells || len < (TIMER_IRQ_VIRT_INDEX + 1) * 12) {
		pr_warn("timer: no interrupts in the DTB timer node, assuming INTID %d\n",
			ARCH_TIMER_VIRT_PPI_DEFAULT);
		return ARCH_TIMER_VIRT_PPI_DEFAULT;
	}
	cells += TIMER_IRQ_VIRT_INDEX * 12;
	return (fdt32_ld(cells) == 1 ? 16 : 32) + fdt32_ld(cells + 4);
}

void time_init(void)
{
	unsigned long freq = cycles_per_sec();
	unsigned int intid = timer_intid(initial_boot_params);

	if (!freq)
		panic("timer: CNTFRQ_EL0 is 0 (firmware did not set the counter frequency)");
	tick_period = freq / HZ;
	write_sysreg(CNTV_CTL_IMASK, cntv_ctl_el0);
	if (request_irq(intid, arch_timer_handler))
		panic("timer: cannot get INTID %u", intid);
	arch_timer_starting_cpu();
	pr_info("timer: arch timer at %lu Hz, virtual timer INTID %u, HZ=%d\n", freq, intid, HZ);
}
