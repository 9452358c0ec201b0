// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 trace channel: a file on the host shared with the guest as PCI memory.
 *
 * QEMU's ivshmem-plain device (PCI 1af4:1110) exposes a host file (memory-backend-file,
 * share=on) as its BAR 2; a store to that BAR is a store to the file's pages, with no exit
 * to QEMU. scripts/qemu-run.py --trace creates the file (include/uapi/linux/ferry_trace.h
 * has its layout), hands it to QEMU and drains it while the guest runs. This file only finds
 * the device through the conf1 ports and sizes BAR 2; kernel/trace/ring.c maps the header
 * page, checks the host's header in it and maps only the rings it uses.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pci.h>
#include <linux/syscall_trace.h>
#include <uapi/linux/ferry_trace.h>

#define IVSHMEM_VENDOR_DEVICE	0x11101af4	/* Red Hat / Inter-VM shared memory */
#define IVSHMEM_BAR		2

/* Bus 0, function 0 of each slot: where QEMU puts a -device without a bus= option. */
static int find_ivshmem(void)
{
	for (int dev = 0; dev < 32; dev++)
		if (pci_conf1_read(0, dev, 0, PCI_VENDOR_ID) == IVSHMEM_VENDOR_DEVICE)
			return dev;
	return -1;
}

static u32 conf1_read(const struct pci_cfg *cfg, u32 off)
{
	return pci_conf1_read(0, cfg->dev, cfg->fn, off);
}

static void conf1_write(const struct pci_cfg *cfg, u32 off, u32 val)
{
	pci_conf1_write(0, cfg->dev, cfg->fn, off, val);
}

phys_addr_t arch_trace_shm_find(u64 *size)
{
	int dev = find_ivshmem();
	struct pci_cfg cfg = { .read = conf1_read, .write = conf1_write, .dev = dev };
	bool is64;
	u64 bar;

	if (dev < 0) {
		pr_warn("trace: no ivshmem device (1af4:1110) on PCI bus 0: tracing off\n");
		return 0;
	}
	/* the size the device really decodes, so the header's own size claim can be checked */
	*size = pci_bar_probe(&cfg, IVSHMEM_BAR, &bar, &is64);
	pci_set_memory_decode(&cfg, true);
	if (!bar) {
		pr_warn("trace: ivshmem at 00:%02x.0 has no address (firmware left BAR 2 unset): "
			"tracing off\n", dev);
		return 0;
	}
	if (*size < FTR_HEADER_SIZE) {
		pr_warn("trace: ivshmem at 00:%02x.0 decodes only %llu bytes: tracing off\n", dev,
			(unsigned long long)*size);
		return 0;
	}
	return bar;
}
