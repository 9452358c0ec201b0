// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo on arm64, in Linux 6.1's layout: per CPU the BogoMIPS (from the generic
 * timer's frequency, as Linux's timer-based delay loop gives it), the features under
 * Linux's AT_HWCAP names, and MIDR_EL1's fields. An AArch32 reader gets the names of
 * 32-bit ARM's AT_HWCAP bits and a "model name" line, as Linux shows a compat task.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/compat.h>
#include <linux/proc_fs.h>
#include <asm/sysreg.h>
#include <asm/timex.h>
#include <asm/elf.h>

/* Linux's names of the AT_HWCAP bits, bit 0 first. */
static const char *const hwcap_str[] = {
	"fp", "asimd", "evtstrm", "aes", "pmull", "sha1", "sha2", "crc32", "atomics", "fphp",
	"asimdhp", "cpuid", "asimdrdm", "jscvt", "fcma", "lrcpc", "dcpop", "sha3", "sm3", "sm4",
	"asimddp", "sha512", "sve", "asimdfhm", "dit", "uscat", "ilrcpc", "flagm", "ssbs", "sb",
	"paca", "pacg",
};

/* ... and of 32-bit ARM's AT_HWCAP and AT_HWCAP2 bits. */
static const char *const compat_hwcap_str[] = {
	"swp", "half", "thumb", "26bit", "fastmult", "fpa", "vfp", "edsp", "java", "iwmmxt",
	"crunch", "thumbee", "neon", "vfpv3", "vfpv3d16", "tls", "vfpv4", "idiva", "idivt",
	"vfpd32", "lpae", "evtstrm",
};
static const char *const compat_hwcap2_str[] = { "aes", "pmull", "sha1", "sha2", "crc32" };

static void show_names(struct seq_file *m, const char *const *names, unsigned int n,
		       unsigned long bits)
{
	for (unsigned int i = 0; i < n; i++)
		if (bits & (1UL << i))
			seq_printf(m, " %s", names[i]);
}

int arch_show_cpuinfo(struct seq_file *m)
{
	u64 midr = read_sysreg(midr_el1);
	unsigned long freq = cycles_per_sec();
	bool compat = is_compat_task();
	unsigned int arch = (midr >> 16) & 0xf;

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		seq_printf(m, "processor\t: %u\n", cpu);
		if (compat)
			seq_printf(m, "model name\t: ARMv8 Processor rev %u (v8l)\n",
				   (unsigned int)(midr & 0xf));
		/* BogoMIPS: two loops per timer tick, in millions per second */
		seq_printf(m, "BogoMIPS\t: %lu.%02lu\n", freq * 2 / 1000000,
			   (freq * 2 / 10000) % 100);
		seq_puts(m, "Features\t:");
		if (compat) {
			show_names(m, compat_hwcap_str, ARRAY_SIZE(compat_hwcap_str),
				   arm64_compat_elf_hwcap());
			show_names(m, compat_hwcap2_str, ARRAY_SIZE(compat_hwcap2_str),
				   arm64_compat_elf_hwcap2());
		} else {
			show_names(m, hwcap_str, ARRAY_SIZE(hwcap_str), arm64_elf_hwcap());
		}
		seq_printf(m, "\nCPU implementer\t: 0x%02x\n", (unsigned int)(midr >> 24) & 0xff);
		/* 0xf in MIDR means "see the ID registers": ARMv8 everywhere Linux runs */
		seq_printf(m, "CPU architecture: %u\n", arch == 0xf ? 8 : arch);
		seq_printf(m, "CPU variant\t: 0x%x\n", (unsigned int)(midr >> 20) & 0xf);
		seq_printf(m, "CPU part\t: 0x%03x\n", (unsigned int)(midr >> 4) & 0xfff);
		seq_printf(m, "CPU revision\t: %u\n\n", (unsigned int)midr & 0xf);
	}
	return 0;
}
