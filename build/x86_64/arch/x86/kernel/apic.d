build/x86_64/arch/x86/kernel/apic.o: arch/x86/kernel/apic.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h include/linux/vmalloc.h \
 arch/x86/include/asm/apic.h arch/x86/include/asm/page.h \
 arch/x86/include/asm/const.h arch/x86/include/asm/io.h \
 arch/x86/include/asm/msr.h arch/x86/include/asm/processor-flags.h \
 arch/x86/include/asm/traps.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/vmalloc.h:
arch/x86/include/asm/apic.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
arch/x86/include/asm/io.h:
arch/x86/include/asm/msr.h:
arch/x86/include/asm/processor-flags.h:
arch/x86/include/asm/traps.h:
