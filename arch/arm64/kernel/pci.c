// SPDX-License-Identifier: GPL-2.0
/*
 * The generic ECAM PCIe host bridge of the device tree (QEMU virt's "pcie@..." node), for
 * the one device the kernel drives there: the ivshmem trace channel (trace_shm.c).
 *
 * ECAM ("enhanced configuration access mechanism") maps every function's 4 KiB of
 * configuration space into one window: bus b, slot d, function f at
 * ((b - first bus) << 20 | d << 15 | f << 12). The node says where (reg), which buses
 * (bus-range) and which CPU address windows the bridge forwards to PCI (ranges). A -kernel
 * boot has no firmware that assigns BARs, so pci_bar_setup() does it for its device;
 * after U-Boot (which enumerates) the BAR already has an address and is kept.
 *
 * Every bad DT input is a phrase returned to the caller, which prints one warning line.
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/pci.h>
#include <asm/setup.h>

#define ECAM_BUS_SIZE	(1u << 20)	/* 32 slots x 8 functions x 4 KiB */

/* The "ranges" space code (bits 25:24 of the first cell of a PCI address). */
#define RANGE_SPACE(hi)	(((hi) >> 24) & 3)
#define RANGE_MEM32	2
#define RANGE_MEM64	3

static const char *read_windows(const void *fdt, int node, struct pci_host *h)
{
	int pac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
	int sc = fdt_size_cells(fdt, node), len, entry;
	const void *p = fdt_getprop(fdt, node, "ranges", &len);

	if (fdt_address_cells(fdt, node) != 3 || pac < 1 || pac > 2 || sc < 1 || sc > 2)
		return "PCIe node's #address-cells/#size-cells are not a PCI bus's";
	if (!p)
		return "PCIe node has no ranges";
	entry = 4 * (3 + pac + sc);
	for (; len >= entry; len -= entry) {
		u32 hi = fdt32_ld(p);
		struct pci_window w, *slot = NULL;

		p = (const u8 *)p + 4;
		w.pci = fdt_read_cells(&p, 2);
		w.cpu = fdt_read_cells(&p, pac);
		w.size = fdt_read_cells(&p, sc);
		if (RANGE_SPACE(hi) == RANGE_MEM32)
			slot = &h->mem32;
		else if (RANGE_SPACE(hi) == RANGE_MEM64)
			slot = &h->mem64;
		if (slot && !slot->size && w.size && w.cpu + w.size > w.cpu)
			*slot = w;	/* the first window of each kind */
	}
	if (!h->mem32.size && !h->mem64.size)
		return "PCIe node's ranges have no memory window";
	return NULL;
}

const char *pci_host_probe(struct pci_host *h)
{
	const void *fdt = initial_boot_params;
	int node = -1, len;
	const void *range;
	u64 size;

	*h = (struct pci_host){ 0 };
	if (!fdt)
		return "no device tree";
	while ((node = fdt_node_offset_by_compatible(fdt, node, "pci-host-ecam-generic")) >= 0)
		if (fdt_node_is_enabled(fdt, node))
			break;
	if (node < 0)
		return "no PCIe host bridge (pci-host-ecam-generic) in the device tree";
	if (fdt_get_reg(fdt, node, 0, &h->cfg_phys, &size))
		return "PCIe node has no usable reg (ECAM window)";
	range = fdt_getprop(fdt, node, "bus-range", &len);
	if (range && len == 8)
		h->bus = fdt32_ld(range);
	if (h->bus > 255)
		return "PCIe node's bus-range is not a bus number";
	/* Only the first bus is scanned: its 1 MiB is all the window must hold. */
	if (size < ECAM_BUS_SIZE)
		return "PCIe ECAM window is smaller than one bus (1 MiB)";
	if (h->cfg_phys & (ECAM_BUS_SIZE - 1))
		return "PCIe ECAM window is not 1 MiB aligned";
	{
		const char *why = read_windows(fdt, node, h);

		if (why)
			return why;
	}
	h->cfg = ioremap(h->cfg_phys, ECAM_BUS_SIZE);
	return NULL;
}

static void __iomem *cfg_addr(const struct pci_host *h, unsigned int dev, unsigned int fn,
			      u32 off)
{
	return (u8 __iomem *)h->cfg + ((dev & 31) << 15 | (fn & 7) << 12 | (off & 0xffc));
}

u32 pci_read_config(const struct pci_host *h, unsigned int dev, unsigned int fn, u32 off)
{
	return readl(cfg_addr(h, dev, fn, off));
}

void pci_write_config(const struct pci_host *h, unsigned int dev, unsigned int fn, u32 off,
		      u32 val)
{
	writel(val, cfg_addr(h, dev, fn, off));
}

int pci_find_device(const struct pci_host *h, u16 vendor, u16 device)
{
	u32 want = (u32)device << 16 | vendor;

	for (unsigned int dev = 0; dev < 32; dev++)
		if (pci_read_config(h, dev, 0, PCI_VENDOR_ID) == want)
			return dev;
	return -1;
}

/* The window holding PCI addresses [pci, pci + size), or NULL. */
static const struct pci_window *window_of(const struct pci_host *h, u64 pci, u64 size)
{
	const struct pci_window *w[] = { &h->mem64, &h->mem32 };

	for (int i = 0; i < 2; i++)
		if (w[i]->size && pci >= w[i]->pci && size <= w[i]->size &&
		    pci - w[i]->pci <= w[i]->size - size)
			return w[i];
	return NULL;
}

/*
 * Does any memory BAR of another function on the first bus start inside [pci, pci + size)?
 * A firmware that assigned some BARs allocates upwards from a window's start, and we take
 * the window's top, so this only catches a firmware that did otherwise.
 */
static bool bar_collides(const struct pci_host *h, unsigned int self, u64 pci, u64 size)
{
	for (unsigned int dev = 0; dev < 32; dev++) {
		if (dev == self || (pci_read_config(h, dev, 0, PCI_VENDOR_ID) & 0xffff) == 0xffff)
			continue;
		if ((pci_read_config(h, dev, 0, PCI_HEADER_TYPE) >> 16) & 0x7f)
			continue;	/* a bridge: its BARs are not walked */
		for (unsigned int b = 0; b < 6; b++) {
			u32 off = PCI_BASE_ADDRESS_0 + 4 * b, lo = pci_read_config(h, dev, 0, off);
			u64 base = lo & PCI_BASE_ADDRESS_MEM_MASK;

			if (lo & PCI_BASE_ADDRESS_SPACE_IO)
				continue;
			if (lo & PCI_BASE_ADDRESS_MEM_TYPE_64 && b < 5) {
				base |= (u64)pci_read_config(h, dev, 0, off + 4) << 32;
				b++;	/* the upper half is the next BAR register */
			}
			if (base && base - pci < size)
				return true;
		}
	}
	return false;
}

/* Where a BAR of this size goes: the top of the best window, size-aligned, or 0. */
static u64 pick_address(const struct pci_host *h, bool is64, u64 size)
{
	const struct pci_window *w[] = { is64 ? &h->mem64 : &h->mem32, &h->mem32 };

	for (int i = 0; i < 2; i++) {
		u64 end = w[i]->pci + w[i]->size, pci;

		if (!w[i]->size || w[i]->size < size)
			continue;
		pci = (end - size) & ~(size - 1);
		if (pci >= w[i]->pci && (is64 || pci + size - 1 <= 0xffffffffULL))
			return pci;
	}
	return 0;
}

const char *pci_bar_setup(const struct pci_host *h, unsigned int dev, unsigned int bar,
			  u64 *cpu_addr, u64 *size, bool *assigned)
{
	u32 off = PCI_BASE_ADDRESS_0 + 4 * bar;
	u32 cmd = pci_read_config(h, dev, 0, PCI_COMMAND);
	u32 lo = pci_read_config(h, dev, 0, off), hi = 0, lo_mask, hi_mask = ~0u;
	bool is64 = lo & PCI_BASE_ADDRESS_MEM_TYPE_64;
	const struct pci_window *w;
	u64 pci;

	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return "BAR is an I/O BAR";
	/* Sizing: write all ones with decoding off, read which address bits stick, restore. */
	pci_write_config(h, dev, 0, PCI_COMMAND, cmd & ~PCI_COMMAND_MEMORY);
	pci_write_config(h, dev, 0, off, ~0u);
	lo_mask = pci_read_config(h, dev, 0, off);
	pci_write_config(h, dev, 0, off, lo);
	if (is64) {
		hi = pci_read_config(h, dev, 0, off + 4);
		pci_write_config(h, dev, 0, off + 4, ~0u);
		hi_mask = pci_read_config(h, dev, 0, off + 4);
		pci_write_config(h, dev, 0, off + 4, hi);
	}
	*size = ~(((u64)hi_mask << 32 | lo_mask) & PCI_BASE_ADDRESS_MEM_MASK) + 1;
	if (!is64)
		*size &= 0xffffffffULL;
	if (!*size || (*size & (*size - 1)))
		return "BAR decodes no memory";
	pci = ((u64)hi << 32 | lo) & PCI_BASE_ADDRESS_MEM_MASK;
	*assigned = !pci;
	if (!pci) {
		pci = pick_address(h, is64, *size);
		if (!pci)
			return "no PCIe memory window fits the BAR";
		if (bar_collides(h, dev, pci, *size))
			return "the free end of the PCIe window is taken by another device";
		pci_write_config(h, dev, 0, off, (u32)pci | (lo & 0xf));
		if (is64)
			pci_write_config(h, dev, 0, off + 4, pci >> 32);
	}
	w = window_of(h, pci, *size);
	if (!w)
		return "BAR address is in none of the PCIe memory windows";
	*cpu_addr = w->cpu + (pci - w->pci);
	pci_write_config(h, dev, 0, PCI_COMMAND, cmd | PCI_COMMAND_MEMORY);
	return NULL;
}
