// SPDX-License-Identifier: GPL-2.0
/*
 * SMEP and SMAP: ring 0 never executes a user page (SMEP) and never reads or writes one
 * outside the uaccess layer's stac/clac window (SMAP). Both are turned on when CPUID leaf 7
 * has them (Intel since Ivy Bridge/Broadwell, AMD Zen, QEMU's -cpu max and Intel models;
 * not qemu64). asm/smap.h says how the stac/clac sites are assembled as NOPs and patched here.
 *
 * smap_init() runs once, on the boot CPU, after paging_init(): the kernel text is read-only
 * by then, so the sites are written by text_poke_early() (text_patch.c), through the direct
 * map's read-write alias of the same physical bytes. Nothing else runs yet, so no CPU can be
 * executing a site while it changes. cpu_setup_smep_smap() runs on every CPU (the boot CPU
 * now; each secondary CPU once SMP brings them up): CR4 is per CPU.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/text_patching.h>
#include <asm/processor.h>
#include <asm/smap.h>

extern const struct smap_site __smap_sites_start[], __smap_sites_end[];

bool x86_smap_enabled, x86_smep_enabled;	/* written once at boot, before any user task */
static u32 cleared_leaf7_ebx;			/* clearcpuid=: bits to ignore */

/*
 * clearcpuid=smap,smep (either, or both, comma-separated): act as if CPUID lacked them, as
 * Linux since 5.19 (its nosmap and nosmep went then). For bench.py --smap-only: the same CPU
 * with and without SMAP. Linux takes every feature name and number; only these two mean
 * anything here, others are reported and ignored.
 */
static int clearcpuid_setup(char *val)
{
	while (*val) {
		char *comma = strchr(val, ',');
		size_t len = comma ? (size_t)(comma - val) : strlen(val);

		if (len == 4 && !strncmp(val, "smap", 4))
			cleared_leaf7_ebx |= X86_FEATURE_SMAP;
		else if (len == 4 && !strncmp(val, "smep", 4))
			cleared_leaf7_ebx |= X86_FEATURE_SMEP;
		else
			pr_warn("clearcpuid: '%.*s' ignored (only smap and smep)\n", (int)len, val);
		val += len + (comma != NULL);
	}
	return 0;
}
early_param("clearcpuid=", clearcpuid_setup);

static u32 cpuid_leaf7_ebx(void)
{
	u32 a, b, c, d;

	cpuid(0, &a, &b, &c, &d);
	if (a < 7)
		return 0;
	cpuid_count(7, 0, &a, &b, &c, &d);
	return b;
}

static void patch_smap_sites(void)
{
	unsigned int n = 0;

	for (const struct smap_site *s = __smap_sites_start; s < __smap_sites_end; s++, n++) {
		u8 *site = (u8 *)&s->offset + s->offset;
		const u8 insn[2] = { 0x01, (u8)s->modrm };

		if (site[0] != 0x0f || site[1] != 0x1f || site[2] != 0x00)
			panic("SMAP: site %px is not the 3-byte NOP it should be", site);
		/* 0f 1f 00 -> 0f 01 ca (clac) / 0f 01 cb (stac) */
		text_poke_early(site + 1, insn, sizeof(insn));
	}
	pr_info("x86/cpu: SMAP: %u stac/clac sites patched\n", n);
}

void smap_init(void)
{
	u32 ebx = cpuid_leaf7_ebx() & ~cleared_leaf7_ebx;

	x86_smep_enabled = ebx & X86_FEATURE_SMEP;
	x86_smap_enabled = ebx & X86_FEATURE_SMAP;
	if (x86_smap_enabled)
		patch_smap_sites();
	pr_info("x86/cpu: SMEP %s, SMAP %s\n",
		x86_smep_enabled ? "on" : cleared_leaf7_ebx & X86_FEATURE_SMEP ?
		"off (clearcpuid)" : "off (CPU lacks it)",
		x86_smap_enabled ? "on" : cleared_leaf7_ebx & X86_FEATURE_SMAP ?
		"off (clearcpuid)" : "off (CPU lacks it)");
}

void cpu_setup_smep_smap(void)
{
	unsigned long cr4 = read_cr4();

	if (x86_smep_enabled)
		cr4 |= X86_CR4_SMEP;
	if (x86_smap_enabled)
		cr4 |= X86_CR4_SMAP;
	write_cr4(cr4);
}
