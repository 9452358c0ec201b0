build/x86_64/arch/x86/kernel/i8259.o: arch/x86/kernel/i8259.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 arch/x86/include/asm/io.h include/linux/types.h \
 arch/x86/include/asm/i8259.h arch/x86/include/asm/traps.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
arch/x86/include/asm/io.h:
include/linux/types.h:
arch/x86/include/asm/i8259.h:
arch/x86/include/asm/traps.h:
