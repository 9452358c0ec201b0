/* The two legacy 8259A interrupt controllers: we only move them out of the way and mask them. */
#ifndef _ASM_X86_I8259_H
#define _ASM_X86_I8259_H

void legacy_pic_disable(void);

#endif
