/*
 * ESR_EL1, the Exception Syndrome Register: EC (bits 31:26) says what kind of exception,
 * IL (bit 25) the instruction length, ISS (bits 24:0) the details. Values: Arm ARM D17.2.37.
 */
#ifndef _ASM_ARM64_ESR_H
#define _ASM_ARM64_ESR_H

#define ESR_ELx_EC_SHIFT	26
#define ESR_ELx_EC(esr)		(((esr) >> ESR_ELx_EC_SHIFT) & 0x3f)
#define ESR_ELx_EC_MASK		(0x3fUL << ESR_ELx_EC_SHIFT)
#define ESR_ELx_IL		(1UL << 25)
#define ESR_ELx_ISS(esr)	((esr) & 0x1ffffff)

#define ESR_ELx_EC_UNKNOWN	0x00	/* undefined instruction, among others */
#define ESR_ELx_EC_WFx		0x01
#define ESR_ELx_EC_CP15_32	0x03	/* AArch32: trapped MCR/MRC to coprocessor 15 */
#define ESR_ELx_EC_CP15_64	0x04	/* AArch32: trapped MCRR/MRRC to coprocessor 15 */
#define ESR_ELx_EC_CP14_MR	0x05	/* AArch32: trapped MCR/MRC to coprocessor 14 */
#define ESR_ELx_EC_CP14_LS	0x06	/* AArch32: trapped LDC/STC to coprocessor 14 */
#define ESR_ELx_EC_FP_ASIMD	0x07
#define ESR_ELx_EC_PAC		0x09
#define ESR_ELx_EC_BTI		0x0d
#define ESR_ELx_EC_CP14_64	0x0c	/* AArch32: trapped MRRC to coprocessor 14 */
#define ESR_ELx_EC_ILL		0x0e	/* illegal execution state */
#define ESR_ELx_EC_SVC32	0x11
#define ESR_ELx_EC_SVC64	0x15
#define ESR_ELx_EC_HVC64	0x16
#define ESR_ELx_EC_SMC64	0x17
#define ESR_ELx_EC_SYS64	0x18	/* trapped MSR/MRS/system instruction */
#define ESR_ELx_EC_SVE		0x19
#define ESR_ELx_EC_FPAC		0x1c
#define ESR_ELx_EC_IABT_LOW	0x20
#define ESR_ELx_EC_IABT_CUR	0x21
#define ESR_ELx_EC_PC_ALIGN	0x22
#define ESR_ELx_EC_DABT_LOW	0x24
#define ESR_ELx_EC_DABT_CUR	0x25
#define ESR_ELx_EC_SP_ALIGN	0x26
#define ESR_ELx_EC_FP_EXC32	0x28	/* AArch32: trapped floating-point exception */
#define ESR_ELx_EC_FP_EXC64	0x2c
#define ESR_ELx_EC_SERROR	0x2f
#define ESR_ELx_EC_BREAKPT_LOW	0x30
#define ESR_ELx_EC_BREAKPT_CUR	0x31
#define ESR_ELx_EC_SOFTSTP_LOW	0x32
#define ESR_ELx_EC_SOFTSTP_CUR	0x33
#define ESR_ELx_EC_WATCHPT_LOW	0x34
#define ESR_ELx_EC_WATCHPT_CUR	0x35
#define ESR_ELx_EC_BKPT32	0x38	/* AArch32: bkpt instruction */
#define ESR_ELx_EC_BRK64	0x3c

/* ISS of instruction and data aborts. */
#define ESR_ELx_FSC(esr)	((esr) & 0x3f)	/* DFSC / IFSC */
#define ESR_ELx_WNR		(1UL << 6)	/* write, not read (data aborts) */
#define ESR_ELx_S1PTW		(1UL << 7)	/* fault on the stage 2 walk of a stage 1 table */
#define ESR_ELx_CM		(1UL << 8)	/* cache maintenance instruction */
#define ESR_ELx_EA		(1UL << 9)	/* external abort type */
#define ESR_ELx_FNV		(1UL << 10)	/* FAR not valid */
#define ESR_ELx_ISV		(1UL << 24)	/* instruction syndrome valid */

/* Fault status codes of the FSC field. */
#define ESR_ELx_FSC_TYPE(fsc)	((fsc) & 0x3c)
#define ESR_ELx_FSC_LEVEL(fsc)	((fsc) & 0x03)
#define ESR_ELx_FSC_ADDRSZ	0x00
#define ESR_ELx_FSC_FAULT	0x04	/* translation fault */
#define ESR_ELx_FSC_ACCESS	0x08
#define ESR_ELx_FSC_PERM	0x0c
#define ESR_ELx_FSC_ALIGN	0x21	/* alignment fault */

#endif
