/* The local APIC: registers (SDM vol. 3, ch. 11) and the driver's entry points. */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

#include <linux/types.h>

#define APIC_DEFAULT_PHYS_BASE	0xfee00000UL
#define MSR_APICBASE_ENABLE	(1UL << 11)
#define MSR_APICBASE_ADDR	0xfffff000UL

#define APIC_ID		0x020
#define APIC_LVR	0x030	/* version */
#define APIC_TASKPRI	0x080
#define APIC_EOI	0x0b0
#define APIC_SPIV	0x0f0	/* spurious vector register; bit 8 enables the APIC */
#define  APIC_SPIV_ENABLE	(1u << 8)
#define APIC_ESR	0x280
#define APIC_ICR	0x300	/* interrupt command, low half: writing it sends the IPI */
#define  APIC_ICR_BUSY		(1u << 12)	/* delivery status: send pending */
#define  APIC_INT_ASSERT	(1u << 14)
#define  APIC_INT_LEVELTRIG	(1u << 15)
#define  APIC_DM_FIXED		(0u << 8)	/* the vector in bits 7:0 */
#define  APIC_DM_INIT		(5u << 8)
#define  APIC_DM_STARTUP	(6u << 8)	/* SIPI: start at vector << 12, real mode */
#define APIC_ICR2	0x310	/* interrupt command, high half: destination APIC ID in 31:24 */
#define APIC_LVTT	0x320	/* LVT timer */
#define  APIC_LVT_MASKED	(1u << 16)
#define  APIC_LVT_TIMER_PERIODIC (1u << 17)
#define  APIC_DM_EXTINT		(7u << 8)	/* LINT0: the 8259's INTR, vector from it */
#define APIC_LVTTHMR	0x330
#define APIC_LVTPC	0x340
#define APIC_LVT0	0x350
#define APIC_LVT1	0x360
#define APIC_LVTERR	0x370
#define APIC_TMICT	0x380	/* timer initial count */
#define APIC_TMCCT	0x390	/* timer current count */
#define APIC_TDCR	0x3e0	/* timer divide configuration */
#define  APIC_TDR_DIV_1		0xb

void lapic_init(void);			/* boot CPU: map the registers, then as below */
void lapic_setup_cpu(void);		/* every CPU: enable its own local APIC */
void lapic_timer_start(void);		/* every CPU: the periodic tick (time.c) */
/* Send an IPI (ICR low half 'icr') to apic_id; returns once the APIC has sent it. */
void lapic_send_ipi(u32 apic_id, u32 icr);
void lapic_enable_extint(void);
void lapic_eoi(void);
u32 lapic_read(unsigned int reg);
void lapic_write(unsigned int reg, u32 val);

#endif
