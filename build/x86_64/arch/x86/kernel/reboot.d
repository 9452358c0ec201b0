build/x86_64/arch/x86/kernel/reboot.o: arch/x86/kernel/reboot.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h include/linux/reboot.h arch/x86/include/asm/io.h \
 arch/x86/include/asm/irqflags.h arch/x86/include/asm/processor.h \
 arch/x86/include/asm/processor-flags.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/reboot.h:
arch/x86/include/asm/io.h:
arch/x86/include/asm/irqflags.h:
arch/x86/include/asm/processor.h:
arch/x86/include/asm/processor-flags.h:
