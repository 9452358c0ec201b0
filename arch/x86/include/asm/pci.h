/*
 * PCI configuration space through configuration mechanism #1 (I/O ports 0xcf8/0xcfc), which
 * every PC chipset QEMU models (i440FX, Q35) has. Only what the kernel needs to find one
 * device on bus 0 that the firmware (SeaBIOS) has already given its addresses.
 */
#ifndef _ASM_X86_PCI_H
#define _ASM_X86_PCI_H

#include <linux/types.h>
#include <asm/io.h>
#include <linux/pci_bar.h>

#define PCI_CONF1_ADDRESS	0xcf8
#define PCI_CONF1_DATA		0xcfc

#define PCI_VENDOR_ID		0x00	/* vendor in bits 15:0, device in 31:16 */
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_MEMORY	0x2	/* decode memory BARs */
#define PCI_BASE_ADDRESS_0	0x10
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define  PCI_BASE_ADDRESS_MEM_MASK	(~0xfUL)

/* Bit 31 enables the access; bus, device, function and a dword-aligned offset follow. */
static inline u32 pci_conf1_address(u8 bus, u8 dev, u8 fn, u8 off)
{
	return 0x80000000u | (u32)bus << 16 | (u32)(dev & 0x1f) << 11 | (u32)(fn & 7) << 8 |
	       (off & 0xfc);
}

static inline u32 pci_conf1_read(u8 bus, u8 dev, u8 fn, u8 off)
{
	outl(pci_conf1_address(bus, dev, fn, off), PCI_CONF1_ADDRESS);
	return inl(PCI_CONF1_DATA);
}

static inline void pci_conf1_write(u8 bus, u8 dev, u8 fn, u8 off, u32 v)
{
	outl(pci_conf1_address(bus, dev, fn, off), PCI_CONF1_ADDRESS);
	outl(v, PCI_CONF1_DATA);
}

#endif
