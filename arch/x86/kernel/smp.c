// SPDX-License-Identifier: GPL-2.0
/*
 * The arch half of SMP (linux/smp.h) on x86_64: starting the CPUs kernel/acpi.c found, and
 * the IPIs between them.
 *
 * Start-up of CPU n (one at a time: smp_init() waits for each):
 *
 *   boot CPU: __cpu_up(n, idle)                 CPU n
 *     fill in the trampoline's fields           (waits for a SIPI since our INIT)
 *     INIT, 10 ms, SIPI, 200 us,  ----------->  trampoline_64.S: real -> protected -> long
 *     [SIPI, 200 us] if it has not started        mode, on the idle task's stack
 *     wait until it says so (ap_started)        start_secondary(n): the kernel's page
 *   return 0                      <-----------    tables, its own GDT/TSS/GS, the shared
 *                                                 IDT, the syscall MSRs, FPU, SMEP/SMAP,
 *                                                 its local APIC and timer; "started"
 *   smp_init() waits for it online <----------  cpu_startup_entry(): online, idle loop
 *
 * The trampoline's fields and starting_idle are shared by the boot CPU and the CPU being
 * started, and by nobody else: only one CPU is started at a time, and the boot CPU writes
 * them before the SIPI (the IPI orders the writes before the new CPU's first read).
 * ap_started is the reply: written by the new CPU, read by the boot CPU.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/memblock.h>
#include <asm/smp.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/traps.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/percpu.h>
#include <asm/current.h>
#include <asm/smap.h>
#include <asm/timex.h>
#include <asm/msr.h>

u32 x86_cpu_to_apicid[NR_CPUS];

/* trampoline_64.S: the code to copy, and the fields to fill in the copy. */
extern const char trampoline_start[], trampoline_end[];
extern const char tr_gdt_desc[], tr_jump32[], tr_jump64[], tr_cr3[], tr_efer[], tr_cpu[];
extern const char tr_stack[], tr_entry[], tr_protected[], tr_long[];
extern const u64 boot_gdt[];		/* head_64.S */

static phys_addr_t trampoline_phys;	/* its page below 1 MiB: 0 when there is none */

/*
 * The trampoline's page tables: PML4[0] -> one PDPT -> one PD of 2 MiB pages mapping physical
 * 0..1 GiB to itself, executable: the trampoline runs there while it turns paging on, and
 * the GDT it loaded (head_64.S's boot_gdt, in the kernel image) is read through the same
 * linear address once paging is on, at the far jump to 64-bit mode. PML4[256..511] are the
 * kernel's own (their PDPTs are shared, so they never go stale). Kernel BSS: below 4 GiB,
 * as a CR3 loaded in 32-bit mode must be.
 */
static u64 tr_pml4[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static u64 tr_pdpt[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
static u64 tr_pd[PTRS_PER_TABLE] __aligned(PAGE_SIZE);

static struct task_struct *starting_idle;	/* the idle task of the CPU being started */
#define AP_GIVEN_UP	(-2)		/* the boot CPU stopped waiting (ap_started) */
static int ap_started = -1;			/* its number once it runs C on its own state */

/* SDM vol. 3, 9.4.4.1: the waits of the INIT-SIPI-SIPI sequence. */
#define INIT_DEASSERT_WAIT_US	10000
#define SIPI_WAIT_US		200
#define AP_START_TIMEOUT_US	1000000	/* TCG on a busy host: generous */

/*
 * setup_arch(), before the first MiB is fenced off: a page there for the trampoline (a SIPI
 * vector names a page below 1 MiB). memblock hands out free RAM only, so nothing the boot
 * loader left there (start_info, the command line) is overwritten.
 */
void smp_reserve_trampoline(void)
{
	trampoline_phys = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, PAGE_SIZE, 0x100000);
	if (!trampoline_phys)
		pr_warn("smp: no free page below 1 MiB for the trampoline: the boot CPU runs alone\n");
}

/* Field sym of the trampoline's copy. */
static void *trampoline_field(const char *sym)
{
	return (char *)__va(trampoline_phys) + (sym - trampoline_start);
}

static u32 trampoline_addr(const char *sym)
{
	return trampoline_phys + (sym - trampoline_start);
}

void __noreturn start_secondary(unsigned int cpu);

void smp_prepare_cpus(void)
{
	size_t size = trampoline_end - trampoline_start;

	if (nr_cpu_ids < 2 || !trampoline_phys)
		return;
	BUG_ON(size > PAGE_SIZE);
	if (__pa_symbol(_end) > PTRS_PER_TABLE * PMD_SIZE) {
		pr_err("smp: the kernel lies above 1 GiB, out of the trampoline's reach: one CPU\n");
		trampoline_phys = 0;
		return;
	}
	memcpy(__va(trampoline_phys), trampoline_start, size);

	for (int i = 0; i < PTRS_PER_TABLE; i++)
		tr_pd[i] = ((u64)i << PMD_SHIFT) | _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE;
	tr_pdpt[0] = __pa_symbol(tr_pd) | _PAGE_PRESENT | _PAGE_RW;
	tr_pml4[0] = __pa_symbol(tr_pdpt) | _PAGE_PRESENT | _PAGE_RW;
	for (int i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++)
		tr_pml4[i] = kernel_pgd[i];

	*(u32 *)(trampoline_field(tr_gdt_desc) + 2) = __pa_symbol(boot_gdt);
	*(u32 *)trampoline_field(tr_jump32) = trampoline_addr(tr_protected);
	*(u32 *)trampoline_field(tr_jump64) = trampoline_addr(tr_long);
	*(u32 *)trampoline_field(tr_cr3) = __pa_symbol(tr_pml4);
	*(u32 *)trampoline_field(tr_efer) = EFER_LME | (rdmsr(MSR_EFER) & EFER_NXE);
	*(u64 *)trampoline_field(tr_entry) = (unsigned long)start_secondary;
}

static bool wait_started(unsigned int cpu, unsigned long us)
{
	u64 start = get_cycles(), limit = (u64)cycles_per_sec() * us / 1000000;

	while (__atomic_load_n(&ap_started, __ATOMIC_ACQUIRE) != (int)cpu) {
		if (get_cycles() - start > limit)
			return false;
		cpu_relax();
	}
	return true;
}

int __cpu_up(unsigned int cpu, struct task_struct *idle)
{
	u32 apic_id = x86_cpu_to_apicid[cpu];
	u32 sipi = APIC_DM_STARTUP | (trampoline_phys >> PAGE_SHIFT);

	if (!trampoline_phys)
		return -ENODEV;
	starting_idle = idle;
	*(u32 *)trampoline_field(tr_cpu) = cpu;
	*(u64 *)trampoline_field(tr_stack) = (unsigned long)idle->stack + THREAD_SIZE;
	__atomic_store_n(&ap_started, -1, __ATOMIC_RELEASE);

	/*
	 * INIT puts the CPU in wait-for-SIPI whatever the firmware left it doing (SeaBIOS
	 * parks the CPUs it counted in a hlt loop); the Startup IPI then starts it at the
	 * trampoline. The SDM's sequence sends the SIPI twice, for CPUs that miss the first;
	 * one that took the first ignores the second, but we skip it when it has started.
	 */
	lapic_send_ipi(apic_id, APIC_INT_ASSERT | APIC_DM_INIT);
	udelay(INIT_DEASSERT_WAIT_US);
	lapic_send_ipi(apic_id, sipi);
	udelay(SIPI_WAIT_US);
	if (!wait_started(cpu, 0)) {
		lapic_send_ipi(apic_id, sipi);
		udelay(SIPI_WAIT_US);
	}
	if (!wait_started(cpu, AP_START_TIMEOUT_US)) {
		/*
		 * A CPU that is only slow (a busy TCG host) could still run the trampoline
		 * later, and would then read the next CPU's number and stack from its fields.
		 * INIT puts it back in wait-for-SIPI, so it never does. It may have answered
		 * since the last look, though: the exchange settles who won. One that answers
		 * after it sees AP_GIVEN_UP and parks itself (start_secondary).
		 */
		int expected = -1;

		if (!__atomic_compare_exchange_n(&ap_started, &expected, AP_GIVEN_UP, false,
						 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return 0;
		lapic_send_ipi(apic_id, APIC_INT_ASSERT | APIC_DM_INIT);
		pr_err("CPU%u (APIC ID %u) did not start after INIT-SIPI-SIPI\n", cpu, apic_id);
		return -EIO;
	}
	return 0;
}

/*
 * A new CPU's first C code (trampoline_64.S calls it on its idle task's stack, still on the
 * trampoline page tables, interrupts off). Whatever the boot CPU did to itself in
 * x86_64_start_kernel() and setup_arch(), in the same order; then the per-CPU pieces of
 * start_kernel(): its local APIC and tick. Nothing may use GS (current, printk's CPU number)
 * before setup_percpu().
 */
void __noreturn start_secondary(unsigned int cpu)
{
	write_cr3(__pa(kernel_pgd));		/* the trampoline's identity map is done with */
	write_cr4(read_cr4() | X86_CR4_PGE);	/* global kernel pages, as paging_init() */
	cpu_init_gdt(cpu);
	setup_percpu(cpu);
	idt_load();
	set_current_task(starting_idle);	/* current, TSS.sp0, sysenter stack */
	syscall_init();
	fpu_init_cpu();
	cpu_setup_smep_smap();
	lapic_setup_cpu();
	lapic_timer_start();

	int expected = -1;

	if (!__atomic_compare_exchange_n(&ap_started, &expected, (int)cpu, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		for (;;)		/* too late: the boot CPU gave up on us */
			__asm__ __volatile__("cli; hlt");
	cpu_startup_entry();
}

void smp_cpus_done(void)
{
}

static const u8 ipi_vector[NR_IPI] = {
	[IPI_RESCHEDULE] = RESCHEDULE_VECTOR,
	[IPI_CALL_FUNC] = CALL_FUNCTION_VECTOR,
};

/* irq.c's do_irq() receives them and calls handle_ipi(). */
void arch_send_ipi(unsigned int cpu, enum ipi_msg_type type)
{
	if (WARN_ON(cpu >= NR_CPUS || type >= NR_IPI || !cpu_online(cpu)))
		return;
	lapic_send_ipi(x86_cpu_to_apicid[cpu], APIC_DM_FIXED | ipi_vector[type]);
}
