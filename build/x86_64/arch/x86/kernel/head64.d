build/x86_64/arch/x86/kernel/head64.o: arch/x86/kernel/head64.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/init.h include/linux/types.h include/linux/compiler.h \
 arch/x86/include/asm/desc.h arch/x86/include/asm/percpu.h \
 arch/x86/include/asm/setup.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/init.h:
include/linux/types.h:
include/linux/compiler.h:
arch/x86/include/asm/desc.h:
arch/x86/include/asm/percpu.h:
arch/x86/include/asm/setup.h:
