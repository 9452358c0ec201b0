// SPDX-License-Identifier: GPL-2.0
/*
 * What the CPU offers user mode, read from the ID registers: Privileged Access Never
 * (turned on here when present) and the AT_HWCAP bits a program finds in its auxiliary
 * vector. Field positions: Arm ARM D17.2 (ID_AA64ISAR0_EL1, ID_AA64PFR0_EL1,
 * ID_AA64MMFR1_EL1); HWCAP bit numbers: Linux's arm64 user ABI.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <asm/barrier.h>
#include <asm/elf.h>
#include <asm/futex.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

/* 4-bit ID register field at 'shift'. */
#define id_field(reg, shift)	(((reg) >> (shift)) & 0xf)

/*
 * PAN (ARMv8.1): while PSTATE.PAN is set, kernel loads and stores to pages user space can
 * reach fault. The only legitimate kernel accesses to user memory are the LDTR/STTR copies
 * in arch/arm64/lib/copy_user.S, which PAN does not affect, so PAN stays on all the time:
 * SCTLR_EL1.SPAN = 0 makes every exception into EL1 set it again, and this sets it for
 * the code running now. Without PAN (cortex-a72 is ARMv8.0) those copies still check EL0
 * permissions; only stray plain accesses go unnoticed.
 */
bool arm64_pan_enabled;	/* asm/futex.h lifts PAN around its exclusive access */
static bool pan_refused;

/*
 * arm64.nopan: leave PAN off on a CPU that has it, to measure what it costs (bench.py
 * --smap-only). Linux 6.1 has no such switch (PAN is a build option there); the name
 * follows its arm64.no<feature> overrides (arm64.nobti, arm64.nopauth, arm64.nomte).
 */
static int nopan_setup(char *val)
{
	pan_refused = true;
	return 0;
}
early_param("arm64.nopan", nopan_setup);

void cpu_enable_pan(void)
{
	if (!id_field(read_sysreg(id_aa64mmfr1_el1), ID_AA64MMFR1_PAN_SHIFT))
		return;
	if (pan_refused) {
		pr_info("CPU: Privileged Access Never off (arm64.nopan)\n");
		return;
	}
	arm64_pan_enabled = true;
	this_cpu_enable_pan();
	pr_info("CPU: Privileged Access Never on\n");
}

/* SCTLR_EL1 and PSTATE are per CPU: every CPU sets PAN up itself. */
void this_cpu_enable_pan(void)
{
	if (!arm64_pan_enabled)
		return;
	write_sysreg(read_sysreg(sctlr_el1) & ~SCTLR_EL1_SPAN, sctlr_el1);
	isb();
	write_sysreg(PSR_PAN_BIT, SYS_PAN);
	isb();
}

/* Linux's AT_HWCAP bit numbers. */
#define HWCAP_FP	(1UL << 0)
#define HWCAP_ASIMD	(1UL << 1)
#define HWCAP_AES	(1UL << 3)
#define HWCAP_PMULL	(1UL << 4)
#define HWCAP_SHA1	(1UL << 5)
#define HWCAP_SHA2	(1UL << 6)
#define HWCAP_CRC32	(1UL << 7)
#define HWCAP_ATOMICS	(1UL << 8)
#define HWCAP_FPHP	(1UL << 9)
#define HWCAP_ASIMDHP	(1UL << 10)
#define HWCAP_ASIMDRDM	(1UL << 12)
#define HWCAP_SHA3	(1UL << 17)
#define HWCAP_SM3	(1UL << 18)
#define HWCAP_SM4	(1UL << 19)
#define HWCAP_ASIMDDP	(1UL << 20)
#define HWCAP_SHA512	(1UL << 21)
#define HWCAP_ASIMDFHM	(1UL << 23)

/*
 * Only features EL0 can use as they are: nothing that needs kernel support first (SVE
 * stays trapped by CPACR_EL1.ZEN, so HWCAP_SVE is not claimed; HWCAP_CPUID would promise
 * emulated ID register reads).
 */
unsigned long arm64_elf_hwcap(void)
{
	u64 isar0 = read_sysreg(id_aa64isar0_el1), pfr0 = read_sysreg(id_aa64pfr0_el1);
	unsigned long fp = id_field(pfr0, 16), simd = id_field(pfr0, 20);
	unsigned long hwcap = 0;

	if (fp != 0xf)					/* 0xf: no floating point */
		hwcap |= HWCAP_FP | (fp >= 1 ? HWCAP_FPHP : 0);
	if (simd != 0xf)
		hwcap |= HWCAP_ASIMD | (simd >= 1 ? HWCAP_ASIMDHP : 0);
	if (id_field(isar0, 4) >= 1)
		hwcap |= HWCAP_AES;
	if (id_field(isar0, 4) >= 2)
		hwcap |= HWCAP_PMULL;
	if (id_field(isar0, 8) >= 1)
		hwcap |= HWCAP_SHA1;
	if (id_field(isar0, 12) >= 1)
		hwcap |= HWCAP_SHA2;
	if (id_field(isar0, 12) >= 2)
		hwcap |= HWCAP_SHA512;
	if (id_field(isar0, 16) >= 1)
		hwcap |= HWCAP_CRC32;
	if (id_field(isar0, 20) >= 2)			/* 2: the LSE atomics */
		hwcap |= HWCAP_ATOMICS;
	if (id_field(isar0, 28) >= 1)
		hwcap |= HWCAP_ASIMDRDM;
	if (id_field(isar0, 32) >= 1)
		hwcap |= HWCAP_SHA3;
	if (id_field(isar0, 36) >= 1)
		hwcap |= HWCAP_SM3;
	if (id_field(isar0, 40) >= 1)
		hwcap |= HWCAP_SM4;
	if (id_field(isar0, 44) >= 1)
		hwcap |= HWCAP_ASIMDDP;
	if (id_field(isar0, 48) >= 1)
		hwcap |= HWCAP_ASIMDFHM;
	return hwcap;
}

/* Does EL0 run AArch32 code? ID_AA64PFR0_EL1.EL0: 1 = AArch64 only (e.g. A64FX), 2 = both. */
bool system_supports_32bit_el0(void)
{
	return id_field(read_sysreg(id_aa64pfr0_el1), ID_AA64PFR0_EL0_SHIFT) >=
	       ID_AA64PFR0_EL0_AARCH32;
}

/* Linux's 32-bit ARM AT_HWCAP bit numbers (COMPAT_HWCAP_*). */
#define COMPAT_HWCAP_HALF	(1UL << 1)
#define COMPAT_HWCAP_THUMB	(1UL << 2)
#define COMPAT_HWCAP_FAST_MULT	(1UL << 4)
#define COMPAT_HWCAP_VFP	(1UL << 6)
#define COMPAT_HWCAP_EDSP	(1UL << 7)
#define COMPAT_HWCAP_NEON	(1UL << 12)
#define COMPAT_HWCAP_VFPv3	(1UL << 13)
#define COMPAT_HWCAP_TLS	(1UL << 15)
#define COMPAT_HWCAP_VFPv4	(1UL << 16)
#define COMPAT_HWCAP_IDIVA	(1UL << 17)
#define COMPAT_HWCAP_IDIVT	(1UL << 18)
#define COMPAT_HWCAP_LPAE	(1UL << 20)
/* ... and AT_HWCAP2 (COMPAT_HWCAP2_*). */
#define COMPAT_HWCAP2_AES	(1UL << 0)
#define COMPAT_HWCAP2_PMULL	(1UL << 1)
#define COMPAT_HWCAP2_SHA1	(1UL << 2)
#define COMPAT_HWCAP2_SHA2	(1UL << 3)
#define COMPAT_HWCAP2_CRC32	(1UL << 4)

/*
 * AArch32 at EL0 on an ARMv8 CPU always has halfword loads, Thumb, long multiplies, the DSP
 * instructions, the TLS register, hardware divide in both instruction sets and LPAE: Linux
 * gives every AArch32 task these. The rest depends on the AArch32 ID registers: MVFR0.FPDP
 * (bits 11:8) = 2 is VFP with double precision (VFPv3); MVFR1 SIMDLS, SIMDInt and SIMDSP
 * (bits 11:8, 15:12, 19:16) all nonzero is NEON, SIMDFMAC (bits 31:28) VFPv4's fused
 * multiply-add. No HWCAP_EVTSTRM: the timer's event stream is not turned on.
 */
unsigned long arm64_compat_elf_hwcap(void)
{
	unsigned long hwcap = COMPAT_HWCAP_HALF | COMPAT_HWCAP_THUMB | COMPAT_HWCAP_FAST_MULT |
			      COMPAT_HWCAP_EDSP | COMPAT_HWCAP_TLS | COMPAT_HWCAP_IDIVA |
			      COMPAT_HWCAP_IDIVT | COMPAT_HWCAP_LPAE;
	u64 mvfr0 = read_sysreg(mvfr0_el1), mvfr1 = read_sysreg(mvfr1_el1);

	if (id_field(mvfr0, 8) >= 2)
		hwcap |= COMPAT_HWCAP_VFP | COMPAT_HWCAP_VFPv3;
	if (id_field(mvfr1, 8) && id_field(mvfr1, 12) && id_field(mvfr1, 16))
		hwcap |= COMPAT_HWCAP_NEON;
	if (id_field(mvfr1, 28) >= 1)
		hwcap |= COMPAT_HWCAP_VFPv4;
	return hwcap;
}

/* The ARMv8 crypto and CRC32 instructions in AArch32: ID_ISAR5_EL1 AES, SHA1, SHA2, CRC32. */
unsigned long arm64_compat_elf_hwcap2(void)
{
	u64 isar5 = read_sysreg(id_isar5_el1);
	unsigned long hwcap2 = 0;

	if (id_field(isar5, 4) >= 1)
		hwcap2 |= COMPAT_HWCAP2_AES;
	if (id_field(isar5, 4) >= 2)
		hwcap2 |= COMPAT_HWCAP2_PMULL;
	if (id_field(isar5, 8) >= 1)
		hwcap2 |= COMPAT_HWCAP2_SHA1;
	if (id_field(isar5, 12) >= 1)
		hwcap2 |= COMPAT_HWCAP2_SHA2;
	if (id_field(isar5, 16) >= 1)
		hwcap2 |= COMPAT_HWCAP2_CRC32;
	return hwcap2;
}
