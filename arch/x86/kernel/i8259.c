// SPDX-License-Identifier: GPL-2.0
/*
 * The legacy 8259A pair. The firmware leaves them delivering IRQs 0..15 on vectors 8..15 and
 * 0x70.., which collide with CPU exceptions. We reprogram them to vectors 0x20..0x2f (so a
 * spurious IRQ 7/15 is recognisable as such) and mask every line but those a driver
 * unmasks (request_irq: the serial port's IRQ 4), which arrive through the local APIC's LINT0
 * in ExtINT mode. Locking: pic_lock (irqsave) around the mask registers.
 */
#include <linux/spinlock.h>
#include <asm/io.h>
#include <asm/i8259.h>
#include <asm/traps.h>

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_DATA	0xa1

#define ICW1_INIT_ICW4	0x11	/* start initialisation, ICW4 follows, cascade mode */
#define ICW3_MASTER	0x04	/* slave on IR2 */
#define ICW3_SLAVE	0x02	/* slave identity: IR2 */
#define ICW4_8086	0x01
#define OCW2_EOI	0x20	/* non-specific end of interrupt */

static DEFINE_SPINLOCK(pic_lock);
static u8 cached_mask[2] = { 0xff, 0xff };

void legacy_pic_disable(void)
{
	/* Mask everything first, so nothing fires while we reprogram. */
	outb(0xff, PIC_MASTER_DATA);
	outb(0xff, PIC_SLAVE_DATA);

	outb(ICW1_INIT_ICW4, PIC_MASTER_CMD);
	outb(ICW1_INIT_ICW4, PIC_SLAVE_CMD);
	outb(ISA_IRQ_VECTOR(0), PIC_MASTER_DATA);	/* ICW2: vector base */
	outb(ISA_IRQ_VECTOR(8), PIC_SLAVE_DATA);
	outb(ICW3_MASTER, PIC_MASTER_DATA);
	outb(ICW3_SLAVE, PIC_SLAVE_DATA);
	outb(ICW4_8086, PIC_MASTER_DATA);
	outb(ICW4_8086, PIC_SLAVE_DATA);

	/* OCW1: the initialisation cleared the masks; mask all lines again. */
	outb(0xff, PIC_MASTER_DATA);
	outb(0xff, PIC_SLAVE_DATA);
}

void legacy_pic_unmask(unsigned int irq)
{
	unsigned long flags;

	spin_lock_irqsave(&pic_lock, flags);
	if (irq >= 8) {
		cached_mask[1] &= ~(1u << (irq - 8));
		cached_mask[0] &= ~(1u << 2);	/* the cascade */
		outb(cached_mask[1], PIC_SLAVE_DATA);
	} else {
		cached_mask[0] &= ~(1u << irq);
	}
	outb(cached_mask[0], PIC_MASTER_DATA);
	spin_unlock_irqrestore(&pic_lock, flags);
}

void legacy_pic_eoi(unsigned int irq)
{
	if (irq >= 8)
		outb(OCW2_EOI, PIC_SLAVE_CMD);
	outb(OCW2_EOI, PIC_MASTER_CMD);
}
