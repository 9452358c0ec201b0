// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/cpuinfo on x86: one block per CPU in Linux 6.1's layout, from CPUID (vendor, family,
 * model, brand string, feature flags under Linux's names) and the TSC's measured frequency.
 * Flags come in Linux's order: CPUID 1 EDX, 0x80000001 EDX, 1 ECX, 0x80000001 ECX, 7 EBX,
 * 7 ECX, 7 EDX; Linux's own synthetic flags (constant_tsc, ...) are left out.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/proc_fs.h>
#include <asm/processor.h>
#include <asm/timex.h>

/* Names of the bits of one CPUID register, bit 0 first; NULL: not shown. */
static const char *const leaf1_edx[32] = {
	"fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", NULL, "sep",
	"mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn", "clflush", NULL, "dts", "acpi",
	"mmx", "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
};
static const char *const ext1_edx[32] = {
	[11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext", [25] = "fxsr_opt",
	[26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext", [31] = "3dnow",
};
static const char *const leaf1_ecx[32] = {
	"pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est", "tm2", "ssse3",
	"cid", "sdbg", "fma", "cx16", "xtpr", "pdcm", NULL, "pcid", "dca", "sse4_1", "sse4_2",
	"x2apic", "movbe", "popcnt", "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c",
	"rdrand", "hypervisor",
};
static const char *const ext1_ecx[32] = {
	"lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm", "sse4a", "misalignsse",
	"3dnowprefetch", "osvw", "ibs", "xop", "skinit", "wdt", NULL, "lwp", "fma4", "tce",
	NULL, "nodeid_msr", NULL, "tbm", "topoext", "perfctr_core", "perfctr_nb", NULL, "bpext",
	"ptsc", "perfctr_llc", "mwaitx",
};
static const char *const leaf7_ebx[32] = {
	"fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", NULL, "smep", "bmi2", "erms",
	"invpcid", "rtm", "cqm", "mpx", "rdt_a", "avx512f", "avx512dq", "rdseed", "adx", "smap",
	"avx512ifma", "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er", "avx512cd",
	"sha_ni", "avx512bw", "avx512vl",
};
static const char *const leaf7_ecx[32] = {
	NULL, "avx512vbmi", "umip", "pku", "ospke", "waitpkg", "avx512_vbmi2", NULL, "gfni",
	"vaes", "vpclmulqdq", "avx512_vnni", "avx512_bitalg", "tme", "avx512_vpopcntdq", NULL,
	"la57", NULL, NULL, NULL, NULL, NULL, "rdpid", NULL, "bus_lock_detect", "cldemote", NULL,
	"movdiri", "movdir64b", "enqcmd", "sgx_lc",
};
static const char *const leaf7_edx[32] = {
	[4] = "fsrm", [8] = "avx512_vp2intersect", [10] = "md_clear", [14] = "serialize",
	[16] = "tsxldtrk", [18] = "pconfig", [19] = "arch_lbr", [22] = "amx_bf16",
	[23] = "avx512_fp16", [24] = "amx_tile", [25] = "amx_int8", [28] = "flush_l1d",
	[29] = "arch_capabilities",
};

static void show_flags(struct seq_file *m, const char *const names[32], u32 bits)
{
	for (int i = 0; i < 32; i++)
		if ((bits & (1U << i)) && names[i])
			seq_printf(m, " %s", names[i]);
}

int arch_show_cpuinfo(struct seq_file *m)
{
	u32 max, maxext, a, b, c, d, sig, ebx1, ecx1, edx1, e_ecx = 0, e_edx = 0;
	u32 l7b = 0, l7c = 0, l7d = 0, vendor[3], brand[13] = { 0 };
	unsigned int family, model, stepping, phys = 36, virt = 48, clflush;
	unsigned long hz = cycles_per_sec(), khz = hz / 1000;
	char vendor_id[13];

	cpuid(0, &max, &vendor[0], &vendor[2], &vendor[1]);
	memcpy(vendor_id, vendor, 12);
	vendor_id[12] = 0;
	cpuid(1, &sig, &ebx1, &ecx1, &edx1);
	family = (sig >> 8) & 0xf;
	model = (sig >> 4) & 0xf;
	stepping = sig & 0xf;
	if (family == 0xf)
		family += (sig >> 20) & 0xff;
	if (family >= 6)
		model += ((sig >> 16) & 0xf) << 4;
	clflush = ((ebx1 >> 8) & 0xff) * 8;
	if (max >= 7)
		cpuid_count(7, 0, &a, &l7b, &l7c, &l7d);
	cpuid(0x80000000, &maxext, &b, &c, &d);
	if (maxext >= 0x80000001)
		cpuid(0x80000001, &a, &b, &e_ecx, &e_edx);
	if (maxext >= 0x80000004) {
		cpuid(0x80000002, &brand[0], &brand[1], &brand[2], &brand[3]);
		cpuid(0x80000003, &brand[4], &brand[5], &brand[6], &brand[7]);
		cpuid(0x80000004, &brand[8], &brand[9], &brand[10], &brand[11]);
	}
	if (maxext >= 0x80000008) {
		cpuid(0x80000008, &a, &b, &c, &d);
		phys = a & 0xff;
		virt = (a >> 8) & 0xff;
	}

	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		const char *name = (const char *)brand;

		while (*name == ' ')
			name++;
		seq_printf(m, "processor\t: %u\nvendor_id\t: %s\ncpu family\t: %u\n", cpu,
			   vendor_id, family);
		seq_printf(m, "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n", model,
			   *name ? name : "unknown", stepping);
		seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", khz / 1000, khz % 1000);
		seq_printf(m, "physical id\t: 0\nsiblings\t: %u\ncore id\t\t: %u\ncpu cores\t: %u\n",
			   nr_cpu_ids, cpu, nr_cpu_ids);
		seq_printf(m, "apicid\t\t: %u\ninitial apicid\t: %u\n", cpu, cpu);
		seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\nwp\t\t: yes\n",
			   max);
		seq_puts(m, "flags\t\t:");
		show_flags(m, leaf1_edx, edx1);
		show_flags(m, ext1_edx, e_edx);
		show_flags(m, leaf1_ecx, ecx1);
		show_flags(m, ext1_ecx, e_ecx);
		show_flags(m, leaf7_ebx, l7b);
		show_flags(m, leaf7_ecx, l7c);
		show_flags(m, leaf7_edx, l7d);
		seq_puts(m, "\nbugs\t\t:\n");
		seq_printf(m, "bogomips\t: %lu.%02lu\n", khz * 2 / 1000, (khz * 2 / 10) % 100);
		seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n", clflush, clflush);
		seq_printf(m, "address sizes\t: %u bits physical, %u bits virtual\n", phys, virt);
		seq_puts(m, "power management:\n\n");
	}
	return 0;
}
