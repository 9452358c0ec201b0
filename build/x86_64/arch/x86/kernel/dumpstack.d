build/x86_64/arch/x86/kernel/dumpstack.o: arch/x86/kernel/dumpstack.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h arch/x86/include/asm/ptrace.h \
 arch/x86/include/asm/traps.h arch/x86/include/asm/processor.h \
 arch/x86/include/asm/processor-flags.h arch/x86/include/asm/pgtable.h \
 arch/x86/include/asm/page.h arch/x86/include/asm/const.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
arch/x86/include/asm/ptrace.h:
arch/x86/include/asm/traps.h:
arch/x86/include/asm/processor.h:
arch/x86/include/asm/processor-flags.h:
arch/x86/include/asm/pgtable.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
