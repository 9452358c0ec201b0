build/x86_64/arch/x86/entry/entry_64.o: arch/x86/entry/entry_64.S \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 arch/x86/include/asm/traps.h arch/x86/include/asm/ptrace.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
arch/x86/include/asm/traps.h:
arch/x86/include/asm/ptrace.h:
