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

/*
 * BAR 2's address and size. The size comes from the standard probe (write all ones, read
 * back which address bits stick), with memory decoding off meanwhile, so the header's own
 * size claim can be checked against what the device really decodes.
 */
static u64 read_bar(int dev, u8 off, u64 *size)
{
	u32 cmd = pci_conf1_read(0, dev, 0, PCI_COMMAND);
	u32 lo = pci_conf1_read(0, dev, 0, off), hi = 0, lo_mask, hi_mask = ~0u;
	bool is64 = lo & PCI_BASE_ADDRESS_MEM_TYPE_64;

	pci_conf1_write(0, dev, 0, PCI_COMMAND, cmd & ~PCI_COMMAND_MEMORY);
	pci_conf1_write(0, dev, 0, off, ~0u);
	lo_mask = pci_conf1_read(0, dev, 0, off);
	pci_conf1_write(0, dev, 0, off, lo);
	if (is64) {
		hi = pci_conf1_read(0, dev, 0, off + 4);
		pci_conf1_write(0, dev, 0, off + 4, ~0u);
		hi_mask = pci_conf1_read(0, dev, 0, off + 4);
		pci_conf1_write(0, dev, 0, off + 4, hi);
	}
	pci_conf1_write(0, dev, 0, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY);
	*size = ~(((u64)hi_mask << 32 | lo_mask) & PCI_BASE_ADDRESS_MEM_MASK) + 1;
	return ((u64)hi << 32 | lo) & PCI_BASE_ADDRESS_MEM_MASK;
}

phys_addr_t arch_trace_shm_find(u64 *size)
{
	int dev = find_ivshmem();
	u64 bar;

	if (dev < 0) {
		pr_warn("trace: no ivshmem device (1af4:1110) on PCI bus 0: tracing off\n");
		return 0;
	}
	bar = read_bar(dev, PCI_BASE_ADDRESS_0 + 4 * IVSHMEM_BAR, size);
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
