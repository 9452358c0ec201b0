/*
 * The two legacy 8259A interrupt controllers: moved out of the way and masked, except the
 * lines a driver asks for (the serial port's IRQ 4), which reach the CPU through the local
 * APIC's LINT0 in ExtINT mode (the "virtual wire").
 */
#ifndef _ASM_X86_I8259_H
#define _ASM_X86_I8259_H

void legacy_pic_disable(void);
void legacy_pic_unmask(unsigned int irq);
void legacy_pic_eoi(unsigned int irq);

#endif
