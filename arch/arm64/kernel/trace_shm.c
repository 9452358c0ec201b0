// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's trace channel: QEMU's ivshmem-plain device (PCI 1af4:1110) on the virt machine's
 * PCIe, whose BAR 2 is the host's trace file (scripts/qemu-run.py --trace creates it and
 * drains it while the guest runs). The generic ring code (kernel/trace/) asks for it through
 * arch_trace_shm_find(), maps the file header, checks it against the size, then maps only
 * the rings it uses and sets them up.
 *
 * kernel/trace/ring.c maps the BAR Normal-NC (ioremap_wc): records are built with ordinary, possibly
 * unaligned stores and memcpy, which Device memory would fault on, and stores merge. The
 * ring's release store of head orders them for the host (include/uapi/linux/ferry_trace.h).
 */
#include <linux/kernel.h>
#include <linux/syscall_trace.h>
#include <asm/pci.h>

#define IVSHMEM_VENDOR	0x1af4		/* Red Hat, Inc. */
#define IVSHMEM_DEVICE	0x1110		/* Inter-VM shared memory */
#define IVSHMEM_BAR	2		/* the shared memory (BAR 0: registers, unused) */

phys_addr_t arch_trace_shm_find(u64 *size)
{
	struct pci_host host;
	const char *why = pci_host_probe(&host);
	u64 phys;
	bool assigned;
	int dev;

	if (why) {
		pr_warn("trace: no channel: %s\n", why);
		return 0;
	}
	dev = pci_find_device(&host, IVSHMEM_VENDOR, IVSHMEM_DEVICE);
	if (dev < 0) {
		pr_warn("trace: no channel: no ivshmem device (1af4:1110) on PCI bus %02x\n",
			host.bus);
		return 0;
	}
	why = pci_bar_setup(&host, dev, IVSHMEM_BAR, &phys, size, &assigned);
	if (why) {
		pr_warn("trace: no channel: ivshmem %02x:%02x.0 BAR 2: %s\n", host.bus, dev, why);
		return 0;
	}
	pr_info("trace: ivshmem %02x:%02x.0 BAR 2 at %#llx, %llu KiB (%s), write-combining\n",
		host.bus, dev, (unsigned long long)phys, (unsigned long long)(*size >> 10),
		assigned ? "assigned by the kernel" : "as the firmware left it");
	return phys;
}
