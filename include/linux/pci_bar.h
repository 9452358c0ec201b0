/*
 * Sizing a PCI memory BAR, the same on every arch: the arch gives its config-space access
 * of one function (x86: conf1 ports; arm64: ECAM) and drivers/pci/bar.c does the probe.
 * Reached through asm/pci.h.
 */
#ifndef _LINUX_PCI_BAR_H
#define _LINUX_PCI_BAR_H

#include <linux/types.h>

/* One function's configuration space: 32-bit reads and writes at dword offsets. */
struct pci_cfg {
	u32 (*read)(const struct pci_cfg *cfg, u32 off);
	void (*write)(const struct pci_cfg *cfg, u32 off, u32 val);
	const void *host;		/* the arch's: which bridge */
	unsigned int dev, fn;
};

/*
 * Memory BAR number 'bar': its bus address as it stands (0: unassigned) in *addr, whether it
 * is 64-bit in *is64, and its size as the return value: a power of two, or 0 when the BAR
 * decodes no memory (or is an I/O BAR). Memory decoding is off during the probe and left
 * as it was; the BAR's value is restored.
 */
u64 pci_bar_probe(const struct pci_cfg *cfg, unsigned int bar, u64 *addr, bool *is64);

/* Turn the function's memory decoding on or off (PCI_COMMAND only, Status untouched). */
void pci_set_memory_decode(const struct pci_cfg *cfg, bool on);

#endif
