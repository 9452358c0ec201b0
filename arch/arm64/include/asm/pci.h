/*
 * PCI on arm64: the generic ECAM host bridge the device tree describes
 * (compatible = "pci-host-ecam-generic", what QEMU's virt machine has), with just enough to
 * find one device on the bridge's first bus and give its memory BAR an address when no
 * firmware did (arch/arm64/kernel/pci.c). No enumeration behind bridges, no interrupts.
 */
#ifndef _ASM_ARM64_PCI_H
#define _ASM_ARM64_PCI_H

#include <linux/types.h>
#include <linux/pci_bar.h>

/* Configuration space registers (type 0 header) and the bits we use. */
#define PCI_VENDOR_ID		0x00	/* vendor in bits 15:0, device in 31:16 */
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_MEMORY	0x2	/* decode memory BARs */
#define PCI_HEADER_TYPE		0x0e
#define PCI_BASE_ADDRESS_0	0x10
#define  PCI_BASE_ADDRESS_SPACE_IO	0x1
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x8
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0xfULL)

/* One memory window of the host bridge: PCI bus addresses [pci, pci + size) are the CPU's
 * [cpu, cpu + size). */
struct pci_window {
	u64 cpu, pci, size;
};

struct pci_host {
	void __iomem *cfg;		/* the first bus's 1 MiB of ECAM (Device-nGnRE) */
	u64 cfg_phys;
	u32 bus;			/* the first bus number ("bus-range") */
	struct pci_window mem32;	/* size 0: none */
	struct pci_window mem64;	/* size 0: none */
};

/*
 * Find the ECAM host bridge in the boot DTB and map its first bus. NULL, or why not (a
 * short phrase for the caller's one warning line).
 */
const char *pci_host_probe(struct pci_host *h);

u32 pci_read_config(const struct pci_host *h, unsigned int dev, unsigned int fn, u32 off);
void pci_write_config(const struct pci_host *h, unsigned int dev, unsigned int fn, u32 off,
		      u32 val);

/* The slot (0-31, function 0) on the first bus with this vendor:device, or -1. */
int pci_find_device(const struct pci_host *h, u16 vendor, u16 device);

/*
 * A memory BAR of function 0 of slot dev: its CPU address and size. When nothing has given
 * it an address yet, assign one from the bridge's windows (64-bit first for a 64-bit BAR),
 * then turn memory decoding on. NULL, or why not.
 */
const char *pci_bar_setup(const struct pci_host *h, unsigned int dev, unsigned int bar,
			  u64 *cpu_addr, u64 *size, bool *assigned);

#endif
