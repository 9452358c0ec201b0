/*
 * System registers: accessors and the bit fields the boot and entry code use. Names and bit
 * positions are those of the Arm ARM (DDI 0487); registers the assemblers do not know by name
 * (GICv3 CPU interface) are spelled by their op0/op1/CRn/CRm/op2 encoding.
 */
#ifndef _ASM_ARM64_SYSREG_H
#define _ASM_ARM64_SYSREG_H

#include <linux/const.h>

/* CurrentEL: bits 3:2 hold the exception level. */
#define CurrentEL_EL1		(1 << 2)
#define CurrentEL_EL2		(2 << 2)

/* SCTLR_EL1 */
#define SCTLR_ELx_M		_BITUL(0)	/* stage 1 MMU on */
#define SCTLR_ELx_A		_BITUL(1)	/* alignment check */
#define SCTLR_ELx_C		_BITUL(2)	/* data caches on */
#define SCTLR_ELx_SA		_BITUL(3)	/* SP alignment check at EL1 */
#define SCTLR_EL1_SA0		_BITUL(4)	/* SP alignment check at EL0 */
#define SCTLR_ELx_I		_BITUL(12)	/* instruction cache on */
#define SCTLR_EL1_DZE		_BITUL(14)	/* EL0 may use DC ZVA (memset in libcs) */
#define SCTLR_EL1_UCT		_BITUL(15)	/* EL0 may read CTR_EL0 (cache line sizes) */
#define SCTLR_EL1_nTWI		_BITUL(16)	/* EL0 WFI not trapped */
#define SCTLR_EL1_nTWE		_BITUL(18)	/* EL0 WFE not trapped */
#define SCTLR_EL1_SPAN		_BITUL(23)	/* 0: an exception to EL1 sets PSTATE.PAN (v8.1) */
#define SCTLR_ELx_EE		_BITUL(25)	/* big-endian at EL1: kept 0 */
#define SCTLR_EL1_UCI		_BITUL(26)	/* EL0 may clean caches by VA (JITs, __clear_cache) */
/* Bits that are RES1 in ARMv8.0 (EOS, TSCXT/EIS, SPAN, ... 11, 20, 22, 23, 28, 29). */
#define SCTLR_EL1_RES1		(_BITUL(11) | _BITUL(20) | _BITUL(22) | _BITUL(23) | \
				 _BITUL(28) | _BITUL(29))
#define INIT_SCTLR_EL1_MMU_OFF	(SCTLR_EL1_RES1)
/* The EL0 permissions are the ones Linux grants user space, so the same programs run. */
#define INIT_SCTLR_EL1_MMU_ON	(SCTLR_EL1_RES1 | SCTLR_ELx_M | SCTLR_ELx_C | SCTLR_ELx_SA | \
				 SCTLR_EL1_SA0 | SCTLR_ELx_I | SCTLR_EL1_nTWI | SCTLR_EL1_nTWE | \
				 SCTLR_EL1_DZE | SCTLR_EL1_UCT | SCTLR_EL1_UCI)

/*
 * CPACR_EL1.FPEN (bits 21:20) = 0b11: FP/SIMD instructions do not trap at EL0 or EL1. User
 * programs need them (compilers use v registers for memcpy and the like); the kernel is
 * built with -mgeneral-regs-only and never touches them, so a syscall leaves v0-v31,
 * FPCR and FPSR exactly as user space left them. Saving them on a task switch is for the
 * issue that brings a second task.
 */
#define CPACR_EL1_FPEN		(_AC(3, UL) << 20)

/* CNTKCTL_EL1.EL0VCTEN: EL0 may read CNTVCT_EL0, as on Linux (its vDSO clock reads it). */
#define CNTKCTL_EL0VCTEN	_BITUL(1)

/* ID_AA64MMFR1_EL1.PAN (bits 23:20): nonzero when Privileged Access Never exists (v8.1). */
#define ID_AA64MMFR1_PAN_SHIFT	20
/* The PAN special register (PSTATE.PAN in bit 22), by encoding: older assemblers lack it. */
#define SYS_PAN			S3_0_C4_C2_3

/* HCR_EL2: only RW — EL1 is AArch64; no stage 2, no traps, E2H=0 (no VHE). */
#define HCR_RW			_BITUL(31)
/* CNTHCTL_EL2 (E2H=0): EL1/EL0 may read the physical counter and use the physical timer. */
#define CNTHCTL_EL1PCTEN	_BITUL(0)
#define CNTHCTL_EL1PCEN		_BITUL(1)
/* CPTR_EL2 (E2H=0): RES1 bits 13:12, 9:0; TFP (bit 10) = 0 so FP/SIMD is not trapped. */
#define CPTR_EL2_RES1		0x33ff
/* ICC_SRE_EL2: SRE (system-register GIC interface) and Enable (EL1 may use ICC_SRE_EL1). */
#define ICC_SRE_EL2_SRE		_BITUL(0)
#define ICC_SRE_EL2_ENABLE	_BITUL(3)

/* SPSR / PSTATE */
#define PSR_MODE_EL0t		0x0
#define PSR_MODE_EL1t		0x4
#define PSR_MODE_EL1h		0x5
#define PSR_MODE_EL2h		0x9
#define PSR_MODE_MASK		0xf
#define PSR_F_BIT		_BITUL(6)
#define PSR_I_BIT		_BITUL(7)
#define PSR_A_BIT		_BITUL(8)
#define PSR_D_BIT		_BITUL(9)
#define PSR_PAN_BIT		_BITUL(22)
/*
 * SPSR_EL1 for a return to AArch32 EL0 (Arm ARM C5.2.18): M[4] = 1 selects AArch32, M[3:0]
 * = 0b0000 is User mode; T (bit 5) runs Thumb code. eret reads both.
 */
#define PSR_MODE32_BIT		_BITUL(4)
#define PSR_AA32_MODE_USR	0x10
#define PSR_AA32_T_BIT		_BITUL(5)

/*
 * The rest of PSTATE that signal frames and sigreturn look at (kernel/signal.c,
 * signal32.c). AArch64: NZCV flags, BTYPE (the pending branch type of BTI), SS (software
 * step), SSBS, TCO (MTE tag check override). AArch32 (SPSR_EL1 with M[4] set): the CPSR's
 * flags, IT state, GE bits, E (big-endian data) and its own A/I/F masks.
 */
#define PSR_V_BIT		_BITUL(28)
#define PSR_C_BIT		_BITUL(29)
#define PSR_Z_BIT		_BITUL(30)
#define PSR_N_BIT		_BITUL(31)
#define PSR_BTYPE_MASK		(_BITUL(10) | _BITUL(11))
#define PSR_SSBS_BIT		_BITUL(12)
#define PSR_SS_BIT		_BITUL(21)
#define PSR_TCO_BIT		_BITUL(25)
#define PSR_AA32_F_BIT		_BITUL(6)
#define PSR_AA32_I_BIT		_BITUL(7)
#define PSR_AA32_A_BIT		_BITUL(8)
#define PSR_AA32_E_BIT		_BITUL(9)
#define PSR_AA32_GE_MASK	0x000f0000UL
#define PSR_AA32_IT_MASK	0x0600fc00UL	/* IT[7:2] at 15:10, IT[1:0] at 26:25 */
#define PSR_AA32_Q_BIT		_BITUL(27)
#define PSR_AA32_V_BIT		_BITUL(28)
#define PSR_AA32_C_BIT		_BITUL(29)
#define PSR_AA32_Z_BIT		_BITUL(30)
#define PSR_AA32_N_BIT		_BITUL(31)
#define PSR_AA32_FLAGS_MASK	0xff000000UL	/* arm's PSR_f: N Z C V Q IT[1:0] J */

/* ID_AA64PFR0_EL1.EL0 (bits 3:0): 1 = EL0 runs AArch64 only, 2 = AArch64 and AArch32. */
#define ID_AA64PFR0_EL0_SHIFT	0
#define ID_AA64PFR0_EL0_AARCH32	2

/* TCR_EL1 */
#define TCR_T0SZ(x)		((64 - (x)) << 0)
#define TCR_T1SZ(x)		((64 - (x)) << 16)
#define TCR_IRGN0_WBWA		(1 << 8)
#define TCR_ORGN0_WBWA		(1 << 10)
#define TCR_SH0_INNER		(3 << 12)
#define TCR_TG0_4K		(0 << 14)
#define TCR_IRGN1_WBWA		(1 << 24)
#define TCR_ORGN1_WBWA		(1 << 26)
#define TCR_SH1_INNER		(3 << 28)
#define TCR_TG1_4K		(2 << 30)
#define TCR_IPS_SHIFT		32
#define TCR_EPD0		_BITUL(7)

/* ID_AA64MMFR0_EL1.PARange (bits 3:0) goes straight into TCR_EL1.IPS. */
#define ID_AA64MMFR0_PARANGE_MASK 0x7
/* ID_AA64PFR0_EL1.GIC (bits 27:24): nonzero when the GICv3 system registers exist. */
#define ID_AA64PFR0_GIC_SHIFT	24

/* GICv3 CPU interface registers by encoding. */
#define SYS_ICC_PMR_EL1		S3_0_C4_C6_0
#define SYS_ICC_IAR1_EL1	S3_0_C12_C12_0
#define SYS_ICC_EOIR1_EL1	S3_0_C12_C12_1
#define SYS_ICC_BPR1_EL1	S3_0_C12_C12_3
#define SYS_ICC_CTLR_EL1	S3_0_C12_C12_4
#define SYS_ICC_SRE_EL1		S3_0_C12_C12_5
#define SYS_ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define SYS_ICC_SRE_EL2		S3_4_C12_C9_5
#define SYS_ICH_HCR_EL2		S3_4_C12_C11_0

#ifndef __ASSEMBLY__
#include <linux/compiler.h>
#include <linux/types.h>

#define read_sysreg(r) ({						\
	u64 __val;							\
	__asm__ __volatile__("mrs %0, " __stringify(r) : "=r" (__val));	\
	__val;								\
})

#define write_sysreg(v, r) do {						\
	u64 __val = (u64)(v);						\
	__asm__ __volatile__("msr " __stringify(r) ", %x0" : : "rZ" (__val)); \
} while (0)

#endif /* !__ASSEMBLY__ */
#endif
