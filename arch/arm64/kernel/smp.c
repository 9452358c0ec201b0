// SPDX-License-Identifier: GPL-2.0
/*
 * The arm64 half of SMP (linux/smp.h): which CPUs the device tree describes, starting each
 * one (PSCI CPU_ON, or a spin-table release), what a started CPU does before it idles, and
 * the IPIs (one GIC SGI per enum ipi_msg_type).
 *
 *   setup_arch -> smp_init_cpus(fdt)    /cpus: logical number, MPIDR, enable method
 *   smp_init -> smp_prepare_cpus()      the IPI handlers (SGIs, enabled on each CPU)
 *            -> __cpu_up(n, idle)       secondary_data[n], cleaned to PoC; CPU_ON/release
 *   CPU n: head.S secondary_entry -> secondary_start_kernel(): TTBR0, PAN, its GIC part
 *          and timer -> cpu_startup_entry()
 *
 * Logical CPU 0 is the boot CPU, whatever its MPIDR; the others are numbered in /cpus
 * order. The DTB's data (cpu_logical_map, methods, release addresses) is written here
 * before any other CPU starts, and only read afterwards.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/errno.h>
#include <linux/fdt.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <asm/barrier.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/pgtable.h>
#include <asm/psci.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>
#include <asm/timex.h>

/* head.S reads these with fixed offsets. */
_Static_assert(__builtin_offsetof(struct pcpu_arm64, entry_task) == PCPU_ENTRY_TASK, "percpu");
_Static_assert(__builtin_offsetof(struct secondary_data, stack_top) == SD_STACK_TOP, "sd");
_Static_assert(__builtin_offsetof(struct secondary_data, task) == SD_TASK, "sd");
_Static_assert(__builtin_offsetof(struct secondary_data, pcpu) == SD_PCPU, "sd");
_Static_assert(__builtin_offsetof(struct secondary_data, tcr) == SD_TCR, "sd");
_Static_assert(sizeof(struct secondary_data) == 1 << SD_SIZE_SHIFT, "sd");

void secondary_entry(void);	/* head.S: physical entry point of a started CPU */

enum enable_method { METHOD_NONE, METHOD_PSCI, METHOD_SPIN_TABLE };

static enum enable_method cpu_method[NR_CPUS];
static u64 cpu_release_addr[NR_CPUS];	/* spin-table: where to write the entry address */

/* ---- Enumeration: /cpus ------------------------------------------------------------- */

/* The node's MPIDR ("reg", #address-cells of /cpus: 1 or 2), or INVALID_HWID. */
static u64 cpu_node_hwid(const void *fdt, int node, int ac)
{
	const void *reg;
	int len;
	u64 hwid;

	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg || ac < 1 || ac > 2 || len < 4 * ac)
		return INVALID_HWID;
	hwid = fdt_read_cells(&reg, ac);
	return hwid & ~MPIDR_HWID_MASK ? INVALID_HWID : hwid;
}

/* How the node's CPU is started; NULL, or why it cannot be. */
static const char *cpu_node_method(const void *fdt, int node, enum enable_method *method,
				   u64 *release)
{
	const char *m;
	const void *addr;
	int len;

	m = fdt_getprop(fdt, node, "enable-method", &len);
	if (!m || len < 1)
		return "no enable-method";
	if (!strcmp(m, "psci")) {
		if (!psci_available())
			return "enable-method \"psci\" but no usable /psci node";
		*method = METHOD_PSCI;
		return NULL;
	}
	if (!strcmp(m, "spin-table")) {
		addr = fdt_getprop(fdt, node, "cpu-release-addr", &len);
		if (!addr || len != 8)
			return "spin-table without a 64-bit cpu-release-addr";
		*release = fdt64_ld(addr);
		if (!*release || (*release & 7))
			return "spin-table cpu-release-addr 0 or not 8-byte aligned";
		*method = METHOD_SPIN_TABLE;
		return NULL;
	}
	return "enable-method not \"psci\" or \"spin-table\"";
}

static bool hwid_known(u64 hwid, unsigned int upto)
{
	for (unsigned int cpu = 0; cpu < upto; cpu++)
		if (cpu_logical_map(cpu) == hwid)
			return true;
	return false;
}

void smp_init_cpus(const void *fdt)
{
	u64 boot_hwid = read_sysreg(mpidr_el1) & MPIDR_HWID_MASK;
	int cpus = fdt_path_offset(fdt, "/cpus"), node, ac;
	unsigned int next = 1, beyond = 0, by_method[3] = { 0 };
	bool boot_seen = false;

	cpu_logical_map(0) = boot_hwid;
	if (cpus < 0) {
		pr_warn("smp: no /cpus in the DTB: the boot CPU runs alone\n");
		return;
	}
	ac = fdt_address_cells(fdt, cpus);
	for (node = fdt_first_subnode(fdt, cpus); node >= 0; node = fdt_next_subnode(fdt, node)) {
		const char *name = fdt_get_name(fdt, node, NULL), *type, *why;
		enum enable_method method = METHOD_NONE;
		u64 hwid, release = 0;
		unsigned int cpu;
		int len;

		type = fdt_getprop(fdt, node, "device_type", &len);
		if (!type || strcmp(type, "cpu"))
			continue;		/* cpu-map, l2-cache, ... */
		hwid = cpu_node_hwid(fdt, node, ac);
		if (hwid == INVALID_HWID) {
			pr_warn("smp: /cpus/%s: no valid MPIDR in reg: skipped\n", name);
			continue;
		}
		if (hwid == boot_hwid) {
			if (boot_seen)
				pr_warn("smp: /cpus/%s: MPIDR %#llx listed twice: skipped\n", name,
					(unsigned long long)hwid);
			boot_seen = true;
			continue;		/* already running: needs no method */
		}
		if (hwid_known(hwid, next)) {
			pr_warn("smp: /cpus/%s: MPIDR %#llx listed twice: skipped\n", name,
				(unsigned long long)hwid);
			continue;
		}
		why = cpu_node_method(fdt, node, &method, &release);
		if (why) {
			pr_warn("smp: /cpus/%s: %s: skipped\n", name, why);
			continue;
		}
		if (next >= NR_CPUS) {
			beyond++;
			continue;
		}
		cpu = next++;
		cpu_logical_map(cpu) = hwid;
		cpu_method[cpu] = method;
		cpu_release_addr[cpu] = release;
		by_method[method]++;
		cpumask_set_cpu(cpu, &cpu_possible_mask);
		cpumask_set_cpu(cpu, &cpu_present_mask);
	}
	if (!boot_seen)
		pr_warn("smp: the boot CPU (MPIDR %#llx) is not in /cpus\n",
			(unsigned long long)boot_hwid);
	if (beyond)
		pr_warn("smp: %u more CPU%s in /cpus than NR_CPUS=%d (CONFIG_NR_CPUS): ignored\n",
			beyond, beyond == 1 ? "" : "s", NR_CPUS);
	nr_cpu_ids = next;
	pr_info("smp: %u CPU%s described, boot CPU MPIDR %#llx; to start: %u by psci, "
		"%u by spin-table\n", next, next == 1 ? "" : "s", (unsigned long long)boot_hwid,
		by_method[METHOD_PSCI], by_method[METHOD_SPIN_TABLE]);
}

/* ---- Starting a CPU ------------------------------------------------------------------ */

/* The started CPU reads with its MMU off, so uncached: push our cached stores to memory. */
static void dcache_clean_poc(const void *start, size_t size)
{
	unsigned long line = 4UL << ((read_sysreg(ctr_el0) >> 16) & 0xf);	/* DminLine */
	unsigned long a = (unsigned long)start & ~(line - 1);

	for (; a < (unsigned long)start + size; a += line)
		__asm__ __volatile__("dc cvac, %0" : : "r"(a) : "memory");
	dsb(sy);
}

/*
 * spin-table (Linux Documentation/arch/arm64/booting.rst): the CPU waits in firmware,
 * polling cpu-release-addr with wfe; writing our entry's physical address there and
 * sending an event releases it, MMU off. The location is in RAM the DTB reserved; when
 * the linear map covers it, the store goes through the cache and is cleaned to PoC, else
 * through a Device mapping, which reaches memory directly.
 */
static int spin_table_release(unsigned int cpu)
{
	phys_addr_t pa = cpu_release_addr[cpu];
	u64 entry = __pa_symbol(secondary_entry);

	if (arm64_range_in_memory(pa, sizeof(u64))) {
		u64 *slot = __va(pa);

		WRITE_ONCE(*slot, entry);
		dcache_clean_poc(slot, sizeof(*slot));
	} else {
		/* Not unmapped afterwards: the window is one page per such CPU, once. */
		void __iomem *io = ioremap(pa & PAGE_MASK, PAGE_SIZE);

		if (!io)
			return -ENOMEM;
		writeq(entry, io + (pa & ~PAGE_MASK));
	}
	dsb(sy);				/* the store is in memory before the event */
	__asm__ __volatile__("sev" : : : "memory");
	return 0;
}

/* ---- IPIs ------------------------------------------------------------------------------ */

/* SGI n carries enum ipi_msg_type n; irq.c acknowledged it and ends it after we return. */
static void ipi_handler(unsigned int sgi, struct pt_regs *regs)
{
	handle_ipi((enum ipi_msg_type)sgi);
}

void arch_send_ipi(unsigned int cpu, enum ipi_msg_type type)
{
	irq_send_sgi(cpu, type);
}

void smp_prepare_cpus(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		pcpu_arm64[cpu].cpu = cpu;
	for (unsigned int ipi = 0; ipi < NR_IPI; ipi++)
		if (request_irq(ipi, ipi_handler))
			panic("smp: cannot get SGI %u for IPI %u", ipi, ipi);
}

int __cpu_up(unsigned int cpu, struct task_struct *idle)
{
	struct secondary_data *sd;

	if (cpu >= NR_CPUS || cpu_method[cpu] == METHOD_NONE)
		return -ENODEV;
	sd = &secondary_data[cpu];
	pcpu_arm64[cpu].entry_task = idle;
	sd->stack_top = (unsigned long)idle->stack + THREAD_SIZE;
	sd->task = idle;
	sd->pcpu = &pcpu_arm64[cpu];
	sd->tcr = read_sysreg(tcr_el1);
	dcache_clean_poc(sd, sizeof(*sd));
	dcache_clean_poc(__cpu_logical_map, sizeof(__cpu_logical_map));
	if (cpu_method[cpu] == METHOD_SPIN_TABLE)
		return spin_table_release(cpu);
	return psci_cpu_on(cpu_logical_map(cpu), __pa_symbol(secondary_entry));
}

/*
 * A started CPU's first C, on its idle task's stack, interrupts masked, MMU on with the
 * kernel's tables, TPIDR_EL1 and VBAR_EL1 set (head.S). Everything else per CPU is set
 * here before it says it is online.
 */
asmlinkage void __noreturn secondary_start_kernel(unsigned int entry_el)
{
	unsigned int cpu = this_cpu_arm64()->cpu;

	/* head.S's identity map leaves TTBR0: user space's half holds nothing until a task
	 * runs. Its block is global, so it must leave this CPU's TLB too. */
	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	isb();
	__asm__ __volatile__("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
	this_cpu_enable_pan();
	irq_cpu_init();			/* its GIC part; its SGIs and the timer PPI enabled */
	arch_timer_starting_cpu();
	pr_info("CPU%u: MPIDR %#llx up (entered at EL%u)\n", cpu,
		(unsigned long long)cpu_logical_map(cpu), entry_el >> 2);
	cpu_startup_entry();
}

void smp_cpus_done(void)
{
}
