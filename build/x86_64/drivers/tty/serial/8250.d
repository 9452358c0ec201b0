build/x86_64/drivers/tty/serial/8250.o: drivers/tty/serial/8250.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h include/linux/console.h arch/x86/include/asm/io.h \
 arch/x86/include/asm/serial.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/console.h:
arch/x86/include/asm/io.h:
arch/x86/include/asm/serial.h:
