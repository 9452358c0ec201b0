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

static u32 ecam_read(const struct pci_cfg *cfg, u32 off)
{
	return pci_read_config(cfg->host, cfg->dev, cfg->fn, off);
}

static void ecam_write(const struct pci_cfg *cfg, u32 off, u32 val)
{
	pci_write_config(cfg->host, cfg->dev, cfg->fn, off, val);
}

static struct pci_cfg ecam_cfg(const struct pci_host *h, unsigned int dev, unsigned int fn)
{
	return (struct pci_cfg){ .read = ecam_read, .write = ecam_write, .host = h,
				 .dev = dev, .fn = fn };
}

/*
 * Does any assigned memory BAR on the first bus (every function of every slot, the
 * device's own other BARs too) overlap [pci, pci + size)? A firmware that assigned some
 * BARs allocates upwards from a window's start, and we take the window's top, so this only
 * catches a firmware that did otherwise. Bridges' forwarding windows are not looked at
 * (nothing behind a bridge is).
 */
static bool bar_collides(const struct pci_host *h, unsigned int self, unsigned int self_bar,
			 u64 pci, u64 size)
{
	for (unsigned int dev = 0; dev < 32; dev++) {
		for (unsigned int fn = 0; fn < 8; fn++) {
			struct pci_cfg cfg = ecam_cfg(h, dev, fn);

			if ((pci_read_config(h, dev, fn, PCI_VENDOR_ID) & 0xffff) == 0xffff) {
				if (!fn)
					break;		/* no function 0: an empty slot */
				continue;
			}
			if ((pci_read_config(h, dev, fn, PCI_HEADER_TYPE) >> 16) & 0x7f)
				continue;	/* a bridge: its BARs are not walked */
			for (unsigned int b = 0; b < 6; b++) {
				u64 base, len;
				bool is64;

				if (dev == self && fn == 0 && b == self_bar)
					continue;
				len = pci_bar_probe(&cfg, b, &base, &is64);
				if (is64)
					b++;	/* the upper half is the next BAR register */
				if (len && base && (base >= pci ? base - pci < size : pci - base < len))
					return true;	/* overlap, written so that no sum wraps */
			}
			if (!fn && !((pci_read_config(h, dev, 0, PCI_HEADER_TYPE) >> 16) & 0x80))
				break;			/* not multi-function */
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
	struct pci_cfg cfg = ecam_cfg(h, dev, 0);
	u32 off = PCI_BASE_ADDRESS_0 + 4 * bar;
	u32 lo = pci_read_config(h, dev, 0, off);
	const struct pci_window *w;
	bool is64;
	u64 pci;

	if (lo & PCI_BASE_ADDRESS_SPACE_IO)
		return "BAR is an I/O BAR";
	*size = pci_bar_probe(&cfg, bar, &pci, &is64);
	if (!*size)
		return "BAR decodes no memory";
	*assigned = !pci;
	if (!pci) {
		pci = pick_address(h, is64, *size);
		if (!pci)
			return "no PCIe memory window fits the BAR";
		if (bar_collides(h, dev, bar, pci, *size))
			return "the free end of the PCIe window is taken by another device";
		pci_write_config(h, dev, 0, off, (u32)pci | (lo & 0xf));
		if (is64)
			pci_write_config(h, dev, 0, off + 4, pci >> 32);
	}
	w = window_of(h, pci, *size);
	if (!w)
		return "BAR address is in none of the PCIe memory windows";
	*cpu_addr = w->cpu + (pci - w->pci);
	pci_set_memory_decode(&cfg, true);
	return NULL;
}
