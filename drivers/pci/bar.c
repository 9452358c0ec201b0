// SPDX-License-Identifier: GPL-2.0
/*
 * The memory BAR probe both arches' trace channel needs (the ivshmem device's BAR 2): write
 * all ones with decoding off, read back which address bits stick, restore. One copy here,
 * over the arch's config-space accessors (include/linux/pci_bar.h).
 *
 * PCI_COMMAND shares its dword with the Status register, whose error bits are cleared by
 * writing 1 to them: a 32-bit write of the dword just read would clear any that are set.
 * Every command write here sends the Status half as zeros, which changes nothing there,
 * so it is the 16-bit write of Command alone that config accessors of dwords cannot do.
 */
#include <linux/kernel.h>
#include <linux/pci_bar.h>

#define CFG_COMMAND		0x04
#define  CFG_COMMAND_MEMORY	0x2
#define CFG_BAR_0		0x10
#define  CFG_BAR_IO		0x1
#define  CFG_BAR_MEM_64		0x4
#define  CFG_BAR_MEM_MASK	(~0xfULL)

static u16 command(const struct pci_cfg *cfg)
{
	return cfg->read(cfg, CFG_COMMAND) & 0xffff;
}

static void set_command(const struct pci_cfg *cfg, u16 cmd)
{
	cfg->write(cfg, CFG_COMMAND, cmd);	/* Status half 0: nothing of it cleared */
}

void pci_set_memory_decode(const struct pci_cfg *cfg, bool on)
{
	u16 cmd = command(cfg);

	set_command(cfg, on ? cmd | CFG_COMMAND_MEMORY : cmd & ~CFG_COMMAND_MEMORY);
}

u64 pci_bar_probe(const struct pci_cfg *cfg, unsigned int bar, u64 *addr, bool *is64)
{
	u32 off = CFG_BAR_0 + 4 * bar;
	u32 lo = cfg->read(cfg, off), hi = 0, lo_mask, hi_mask = ~0u;
	u16 cmd;
	u64 size;

	*addr = 0;
	*is64 = false;
	if (bar > 5 || lo & CFG_BAR_IO)
		return 0;
	*is64 = (lo & CFG_BAR_MEM_64) && bar < 5;
	cmd = command(cfg);
	set_command(cfg, cmd & ~CFG_COMMAND_MEMORY);
	cfg->write(cfg, off, ~0u);
	lo_mask = cfg->read(cfg, off);
	cfg->write(cfg, off, lo);
	if (*is64) {
		hi = cfg->read(cfg, off + 4);
		cfg->write(cfg, off + 4, ~0u);
		hi_mask = cfg->read(cfg, off + 4);
		cfg->write(cfg, off + 4, hi);
	}
	set_command(cfg, cmd);
	size = ~(((u64)hi_mask << 32 | lo_mask) & CFG_BAR_MEM_MASK) + 1;
	if (!*is64)
		size &= 0xffffffffULL;
	if (!size || (size & (size - 1)))
		return 0;
	*addr = ((u64)hi << 32 | lo) & CFG_BAR_MEM_MASK;
	return size;
}
