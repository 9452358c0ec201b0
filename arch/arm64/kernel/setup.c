// SPDX-License-Identifier: GPL-2.0
/*
 * From head.S to start_kernel(), and setup_arch(): everything the generic boot needs from
 * arm64 comes from the DTB whose address the boot loader left in x0. In order:
 *   semihosting probe -> DTB mapped and checked (or a clear message and panic)
 *   -> console (stdout-path) -> command line -> early params -> memblock from /memory
 *   -> PSCI method -> the CPUs (/cpus) -> final page tables with the linear map -> PAN
 *   -> console via ioremap.
 */
#include <linux/random.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/console.h>
#include <linux/fdt.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/vmalloc.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <asm/psci.h>
#include <asm/semihosting.h>
#include <asm/serial.h>
#include <asm/percpu.h>
#include <asm/setup.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>

/* The boot stack; 2*THREAD_SIZE aligned like every kernel stack (entry.S stack check). */
unsigned long init_stack[THREAD_SIZE / sizeof(long)] __aligned(THREAD_ALIGN);

/*
 * What head.S reads for every CPU: its per-CPU data (TPIDR_EL1), and for a secondary its
 * MPIDR (to find its number) and its secondary_data. smp.c fills them in.
 */
struct pcpu_arm64 pcpu_arm64[NR_CPUS];
u64 __cpu_logical_map[NR_CPUS] = { [0 ... NR_CPUS - 1] = INVALID_HWID };
struct secondary_data secondary_data[NR_CPUS];

phys_addr_t __fdt_pointer;
const void *initial_boot_params;

static phys_addr_t console_phys;

/* Called by head.S on the boot stack, MMU on, BSS clear, VBAR_EL1 set. */
asmlinkage void __noreturn arm64_start_kernel(phys_addr_t dt_phys)
{
	__fdt_pointer = dt_phys;
	start_kernel();
}

/*
 * The DTB cannot be used: nothing (not even the console address) can be trusted, so say so
 * on the UART the configuration names and stop.
 */
static void __noreturn bad_fdt(phys_addr_t dt_phys, const char *why)
{
	if (CONFIG_ARM64_EARLYCON_PL011)
		pl011_console_init(early_ioremap_uart(CONFIG_ARM64_EARLYCON_PL011));
	panic("Invalid device tree blob at physical address %#llx: %s. "
	      "The boot loader must pass the DTB address in x0.",
	      (unsigned long long)dt_phys, why);
}

static const void *map_and_check_fdt(phys_addr_t dt_phys)
{
	const void *fdt;
	size_t mapped;
	int err;

	if (!dt_phys || !IS_ALIGNED(dt_phys, 8))
		bad_fdt(dt_phys, dt_phys ? "not 8-byte aligned" : "no DTB (x0 was 0)");
	fdt = fixmap_remap_fdt(dt_phys, &mapped);
	err = fdt_check(fdt, min(mapped, (size_t)MAX_FDT_SIZE));
	if (err)
		bad_fdt(dt_phys, fdt_strerror(err));
	return fdt;
}

/*
 * The console UART: /chosen stdout-path ("/pl011@9000000" or an alias like "serial0",
 * options after ':' ignored), else the first enabled "arm,pl011".
 */
static int find_console_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *path;
	int len, node = -1;

	path = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;
	if (path && len > 1) {
		char buf[128];
		size_t n = strnlen(path, len);
		char *colon;

		if (n >= sizeof(buf))
			n = sizeof(buf) - 1;
		memcpy(buf, path, n);
		buf[n] = '\0';
		colon = strchr(buf, ':');
		if (colon)
			*colon = '\0';
		if (buf[0] != '/') {
			int aliases = fdt_path_offset(fdt, "/aliases");
			const char *alias = aliases >= 0 ?
				fdt_getprop(fdt, aliases, buf, &len) : NULL;

			if (alias) {
				n = strnlen(alias, len);
				if (n >= sizeof(buf))
					n = sizeof(buf) - 1;
				memcpy(buf, alias, n);
				buf[n] = '\0';
			}
		}
		node = fdt_path_offset(fdt, buf);
		if (node >= 0 && fdt_node_check_compatible(fdt, node, "arm,pl011") == 0)
			return node;
	}
	node = -1;
	while ((node = fdt_node_offset_by_compatible(fdt, node, "arm,pl011")) >= 0) {
		if (fdt_node_is_enabled(fdt, node))
			return node;
	}
	return -1;
}

/*
 * The UART's interrupt as a GIC INTID: the first "interrupts" specifier, in the GIC's
 * three cells <type number flags> (type 0: an SPI, INTID 32 + number; 1: a PPI, 16 +
 * number). 0 when there is none.
 */
static unsigned int console_intid(const void *fdt, int node)
{
	const u8 *cells;
	int len;

	cells = fdt_getprop(fdt, node, "interrupts", &len);
	if (!cells || len < 12)
		return 0;
	return (fdt32_ld(cells) == 0 ? 32 : 16) + fdt32_ld(cells + 4);
}

static void setup_console(const void *fdt)
{
	int node = find_console_node(fdt);
	u64 size;

	if (node < 0 || fdt_get_reg(fdt, node, 0, &console_phys, &size)) {
		console_phys = 0;
		return;		/* no console: printk keeps the log, panic still powers off */
	}
	pl011_console_init(early_ioremap_uart(console_phys));
	pl011_console_set_irq(console_intid(fdt, node));
	/* The CPU address, after the "ranges" of any bus the node sits on (fdt_get_reg). */
	pr_info("console: PL011 at MMIO %#llx (%s)\n", (unsigned long long)console_phys,
		fdt_get_name(fdt, node, NULL));
}

/* The fixmap console works for ever, but the device belongs in the ioremap space. */
static void move_console_to_ioremap(void)
{
	void __iomem *base;

	if (!console_phys)
		return;
	base = ioremap(console_phys, PAGE_SIZE);
	if (base)
		pl011_console_set_base(base);
	else
		pr_warn("console: ioremap(%#llx) failed, staying on the fixmap\n",
			(unsigned long long)console_phys);
}

static void setup_command_line(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen");
	const char *args;
	int len;

	args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &len) : NULL;
	if (args) {
		set_boot_command_line(args, strnlen(args, len));
		return;
	}
	pr_notice("DTB has no /chosen bootargs: using the built-in command line \"%s\"\n",
		  CONFIG_DEFAULT_CMDLINE);
	set_boot_command_line(CONFIG_DEFAULT_CMDLINE, strlen(CONFIG_DEFAULT_CMDLINE));
}

/*
 * The bootloader's randomness for drivers/char/random.c: /chosen's rng-seed (bytes QEMU
 * and U-Boot put there) and kaslr-seed (a 64-bit value). Both are secrets; Linux also
 * clears them in the DTB, which is mapped read-only here (docs/files.md).
 */
static void setup_rng_seed(const void *fdt)
{
	static const char *const props[] = { "rng-seed", "kaslr-seed" };
	int chosen = fdt_path_offset(fdt, "/chosen");

	for (unsigned int i = 0; chosen >= 0 && i < ARRAY_SIZE(props); i++) {
		int len;
		const void *seed = fdt_getprop(fdt, chosen, props[i], &len);

		if (seed && len > 0)
			add_bootloader_randomness(seed, len);
	}
}

void setup_arch(void)
{
	const void *fdt;

	semihosting_probe();	/* first: even a bad DTB should exit QEMU with a status */
	early_fixmap_init();
	fdt = map_and_check_fdt(__fdt_pointer);
	initial_boot_params = fdt;
	setup_console(fdt);
	setup_command_line(fdt);
	if (IS_ENABLED(CONFIG_USER_MODE))
		setup_rng_seed(fdt);
	parse_early_param();

	pr_info("Booting Ferry on arm64: entered at EL%u, DTB at %#llx (%u bytes), image at %#llx\n",
		boot_cpu_mode >> 2, (unsigned long long)__fdt_pointer, fdt_totalsize(fdt),
		(unsigned long long)__pa_symbol(_text));
	pr_info("semihosting: %s\n", semihosting_available() ?
		"present (power off reports the exit status)" : "absent");

	arm64_memblock_init(fdt, __fdt_pointer);
	psci_dt_init(fdt);
	if (IS_ENABLED(CONFIG_USER_MODE))
		smp_init_cpus(fdt);	/* /cpus: which CPUs exist and how each is started */
	paging_init();
	cpu_enable_pan();	/* TTBR0 is user space's from here on: keep the kernel out */

	/* Normally the DTB is in (reserved) RAM and the linear map covers it; when mem= cut
	 * that RAM off, the DTB window stays mapped and keeps serving. */
	if (arm64_range_in_memory(__fdt_pointer, fdt_totalsize(fdt)))
		initial_boot_params = __va(__fdt_pointer);
	move_console_to_ioremap();
}
