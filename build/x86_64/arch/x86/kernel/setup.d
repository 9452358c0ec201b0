build/x86_64/arch/x86/kernel/setup.o: arch/x86/kernel/setup.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h include/linux/init.h include/linux/memblock.h \
 arch/x86/include/asm/page.h arch/x86/include/asm/const.h \
 arch/x86/include/asm/setup.h arch/x86/include/asm/serial.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/init.h:
include/linux/memblock.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
arch/x86/include/asm/setup.h:
arch/x86/include/asm/serial.h:
