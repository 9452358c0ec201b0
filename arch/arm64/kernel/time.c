// SPDX-License-Identifier: GPL-2.0
/*
 * The periodic tick from the EL1 virtual timer (CNTV): it fires when CNTVCT_EL0 reaches
 * CNTV_CVAL_EL0, as a PPI whose INTID the DTB's timer node gives (third "interrupts"
 * entry, usually PPI 11 = INTID 27). Each tick moves the compare value one period on, so
 * ticks do not drift with interrupt latency.
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <asm/barrier.h>
#include <asm/irq.h>
#include <asm/setup.h>
#include <asm/sysreg.h>
#include <asm/timex.h>

#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_IMASK		(1u << 1)

#define ARCH_TIMER_VIRT_PPI_DEFAULT 27
#define TIMER_IRQ_VIRT_INDEX	2	/* secure phys, non-secure phys, virt, hyp */

static u64 tick_period;		/* counter ticks per jiffy */
static u64 next_tick;

static void arch_timer_handler(unsigned int intid, struct pt_regs *regs)
{
	u64 now = read_sysreg(cntvct_el0);

	next_tick += tick_period;
	if (next_tick <= now)	/* stalled (e.g. the host was busy): restart from now */
		next_tick = now + tick_period;
	write_sysreg(next_tick, cntv_cval_el0);
	isb();
	timer_tick(regs);
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
	next_tick = read_sysreg(cntvct_el0) + tick_period;
	write_sysreg(next_tick, cntv_cval_el0);
	write_sysreg(CNTV_CTL_ENABLE, cntv_ctl_el0);
	/* User space may read CNTVCT_EL0, nothing else of the timer (asm/sysreg.h). */
	write_sysreg(CNTKCTL_EL0VCTEN, cntkctl_el1);
	isb();
	pr_info("timer: arch timer at %lu Hz, virtual timer INTID %u, HZ=%d\n", freq, intid, HZ);
}
