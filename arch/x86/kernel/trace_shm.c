// SPDX-License-Identifier: GPL-2.0
/*
 * The fast x86 trace channel: a file on the host shared with the guest as PCI memory.
 *
 * QEMU's ivshmem-plain device (PCI 1af4:1110) exposes a host file (memory-backend-file,
 * share=on) as its BAR 2; a store to that BAR is a store to the file's pages, with no exit
 * to QEMU and no write(2) per byte as debugcon costs (docs/tracing.md has the figures).
 * scripts/qemu-run.py --trace creates the file, hands it to QEMU and, after the run, turns
 * it into the JSON Lines trace.
 *
 * Layout, little-endian, written by the host before boot except where marked:
 *   0x00  char magic[8]   "FERRYTRC"
 *   0x08  u64  size       bytes of the whole file
 *   0x10  u64  head       bytes of records after the header page (guest, after the data)
 *   0x18  u64  lost       records that did not fit (guest)
 *   0x1000               records, one JSON object per line, never split
 * Once a buffer does not fit, it and every later one are refused and their lines counted
 * in 'lost', so the records kept are exactly those before the loss; scripts/qemu-run.py
 * appends a {"type":"dropped"} record with that count at the point where they end.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pci.h>
#include "trace_channel.h"

#define IVSHMEM_VENDOR_DEVICE	0x11101af4	/* Red Hat / Inter-VM shared memory */
#define IVSHMEM_BAR		2
#define SHM_DATA_OFFSET		4096

struct trace_shm_header {
	char magic[8];
	u64 size;
	u64 head;
	u64 lost;
};

static struct trace_shm_header *shm;
static char *shm_data;
static u64 shm_capacity, shm_head, shm_lost;	/* the guest's own copies: the file shows them */
static bool shm_full;

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

bool trace_shm_init(void)
{
	int dev = find_ivshmem();
	u64 bar, bar_size;
	struct trace_shm_header *h;

	if (dev < 0)
		return false;
	bar = read_bar(dev, PCI_BASE_ADDRESS_0 + 4 * IVSHMEM_BAR, &bar_size);
	if (!bar) {
		pr_warn("trace: ivshmem at 00:%02x.0 has no address (firmware left BAR 2 unset)\n",
			dev);
		return false;
	}
	h = ioremap(bar, PAGE_SIZE);
	/* The header is the host's word: believe it only within what the device decodes. */
	if (bar_size <= SHM_DATA_OFFSET || memcmp(h->magic, "FERRYTRC", 8) ||
	    h->size <= SHM_DATA_OFFSET || h->size > bar_size || h->head || h->lost) {
		pr_warn("trace: ivshmem at 00:%02x.0 is not a fresh Ferry trace file\n", dev);
		return false;
	}
	shm_capacity = h->size - SHM_DATA_OFFSET;
	shm_data = ioremap(bar + SHM_DATA_OFFSET, shm_capacity);
	shm = h;
	pr_info("trace: channel is shared memory (ivshmem 00:%02x.0, %llu KiB)\n", dev,
		(unsigned long long)(shm_capacity >> 10));
	return true;
}

void trace_shm_write(const char *buf, size_t len)
{
	u64 head = shm_head;

	if (shm_full || len > shm_capacity - head) {
		u64 lines = 0;

		for (size_t i = 0; i < len; i++)
			lines += buf[i] == '\n';
		shm_lost += lines;
		writeq(shm_lost, &shm->lost);
		shm_full = true;
		return;
	}
	memcpy(shm_data + head, buf, len);
	shm_head = head + len;
	/* The data before the new head: a reader that sees the head sees the records. */
	__asm__ __volatile__("" ::: "memory");
	writeq(shm_head, &shm->head);
}
