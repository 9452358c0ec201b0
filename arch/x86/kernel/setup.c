// SPDX-License-Identifier: GPL-2.0
/*
 * setup_arch(): from the boot loader's description of the machine to memblock and the final
 * page tables. The protocol readers (pvh.c, multiboot2.c) add RAM, reserve what the loader
 * handed over and copy the command line; this file does the steps common to both.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <asm/page.h>
#include <asm/setup.h>
#include <asm/smap.h>
#include <asm/serial.h>
#include <asm/smp.h>

#define LOW_MEMORY_END	0x100000	/* BIOS data, EBDA, VGA, option ROMs: never RAM for us */

/*
 * A pointer to boot information at physical 'phys'. Until paging_init() the early page
 * tables map exactly 0..4 GiB at PAGE_OFFSET; anything else is a corrupt handover.
 */
void *early_boot_ptr(u64 phys, u64 size, const char *what)
{
	if (!phys || phys >= EARLY_MAPPED_LIMIT || size > EARLY_MAPPED_LIMIT - phys)
		panic("boot: %s at %#llx (+%#llx bytes) is missing or not in the first 4 GiB",
		      what, (unsigned long long)phys, (unsigned long long)size);
	return __va(phys);
}

static void read_boot_protocol(void)
{
	switch (boot_params.protocol) {
	case BOOT_PROTO_PVH:
		pvh_parse_boot_info(boot_params.info);
		break;
	case BOOT_PROTO_MB2:
		multiboot2_parse_boot_info(boot_params.magic, boot_params.info);
		break;
	default:
		panic("boot: entered through the ELF entry point with neither PVH nor Multiboot2 "
		      "information (EAX=%#x EBX=%#x); boot with QEMU -kernel or GRUB multiboot2",
		      boot_params.magic, boot_params.info);
	}
}

void setup_arch(void)
{
	/* First, so every message (the printk backlog too) is seen. */
	serial8250_console_init(CONFIG_SERIAL_8250_PORT);

	read_boot_protocol();
	parse_early_param();		/* mem= and friends, before memory is laid out */

	memblock_reserve(__pa_symbol(_text), _end - _text);
	if (IS_ENABLED(CONFIG_USER_MODE)) {
		acpi_boot_init();		/* the CPUs: ACPI tables are in the early mapping */
		smp_reserve_trampoline();	/* a page below 1 MiB, before it is fenced off */
	}
	memblock_reserve(0, LOW_MEMORY_END);
	if (initrd_size)
		pr_info("initrd: %#llx-%#llx\n", (unsigned long long)initrd_start,
			(unsigned long long)(initrd_start + initrd_size - 1));

	memblock_enforce_limit();
	memblock_check_above(__pa_symbol(_end));
	paging_init();
	smap_init();			/* text is read-only now: patched through the direct map */
	cpu_setup_smep_smap();
}
