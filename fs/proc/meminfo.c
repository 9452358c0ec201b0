// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/meminfo in Linux 6.1's layout (free, top and every libc's sysconf read it). Ferry
 * knows its total and free pages and its kernel stacks; the rest is 0 — no swap, no page
 * cache apart from tmpfs, no huge pages — printed so parsers find every line they expect.
 */
#include "internal.h"
#include <linux/gfp.h>
#include <linux/kconfig.h>
#include <asm/page.h>
#include <linux/proc_fs.h>

static void show_val_kb(struct seq_file *m, const char *name, unsigned long pages)
{
	seq_printf(m, "%s%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

int meminfo_proc_show(struct seq_file *m, struct task_struct *unused)
{
	unsigned long total = nr_total_pages(), free = nr_free_pages();
	unsigned long stacks = READ_ONCE(nr_threads) * (THREAD_SIZE / PAGE_SIZE);

	show_val_kb(m, "MemTotal:       ", total);
	show_val_kb(m, "MemFree:        ", free);
	show_val_kb(m, "MemAvailable:   ", free);
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", 0);
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", 0);
	show_val_kb(m, "Inactive:       ", 0);
	show_val_kb(m, "Active(anon):   ", 0);
	show_val_kb(m, "Inactive(anon): ", 0);
	show_val_kb(m, "Active(file):   ", 0);
	show_val_kb(m, "Inactive(file): ", 0);
	show_val_kb(m, "Unevictable:    ", 0);
	show_val_kb(m, "Mlocked:        ", 0);
	show_val_kb(m, "SwapTotal:      ", 0);
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Dirty:          ", 0);
	show_val_kb(m, "Writeback:      ", 0);
	show_val_kb(m, "AnonPages:      ", 0);
	show_val_kb(m, "Mapped:         ", 0);
	show_val_kb(m, "Shmem:          ", 0);
	show_val_kb(m, "KReclaimable:   ", 0);
	show_val_kb(m, "Slab:           ", 0);
	show_val_kb(m, "SReclaimable:   ", 0);
	show_val_kb(m, "SUnreclaim:     ", 0);
	seq_printf(m, "KernelStack:    %8lu kB\n", stacks << (PAGE_SHIFT - 10));
	show_val_kb(m, "PageTables:     ", 0);
	show_val_kb(m, "SecPageTables:  ", 0);	/* 6.0's secondary (IOMMU, KVM) tables */
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", 0);
	show_val_kb(m, "WritebackTmp:   ", 0);
	show_val_kb(m, "CommitLimit:    ", total / 2);	/* no swap, overcommit ratio 50 */
	show_val_kb(m, "Committed_AS:   ", total - free);
	seq_printf(m, "VmallocTotal:   %8lu kB\n", 0UL);
	show_val_kb(m, "VmallocUsed:    ", 0);
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", 0);
	/*
	 * Lines of options Debian's arm64 kernel has and its x86_64 cloud kernel has not
	 * (CONFIG_MEMORY_FAILURE, CONFIG_CMA): the Linux 6.1 each arch is compared with.
	 */
	if (IS_ENABLED(CONFIG_ARM64))
		seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(m, "AnonHugePages:  ", 0);
	show_val_kb(m, "ShmemHugePages: ", 0);
	show_val_kb(m, "ShmemPmdMapped: ", 0);
	show_val_kb(m, "FileHugePages:  ", 0);
	show_val_kb(m, "FilePmdMapped:  ", 0);
	if (IS_ENABLED(CONFIG_ARM64)) {
		show_val_kb(m, "CmaTotal:       ", 0);
		show_val_kb(m, "CmaFree:        ", 0);
	}
	seq_printf(m, "HugePages_Total:   %5lu\nHugePages_Free:    %5lu\n"
		      "HugePages_Rsvd:    %5lu\nHugePages_Surp:    %5lu\n", 0UL, 0UL, 0UL, 0UL);
	seq_printf(m, "Hugepagesize:   %8lu kB\n", 2048UL);
	seq_printf(m, "Hugetlb:        %8lu kB\n", 0UL);
	arch_report_meminfo(m);
	return 0;
}

/* The arch's own lines at the end (x86: DirectMap*); none elsewhere, as Linux's weak one. */
void __weak arch_report_meminfo(struct seq_file *m)
{
}
