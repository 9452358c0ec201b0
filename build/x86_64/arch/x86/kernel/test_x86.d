build/x86_64/arch/x86/kernel/test_x86.o: arch/x86/kernel/test_x86.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/ktest.h include/linux/kernel.h include/linux/types.h \
 include/linux/compiler.h include/linux/printk.h include/linux/vmalloc.h \
 arch/x86/include/asm/asm.h arch/x86/include/asm/page.h \
 arch/x86/include/asm/const.h arch/x86/include/asm/pgtable.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/ktest.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/vmalloc.h:
arch/x86/include/asm/asm.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
arch/x86/include/asm/pgtable.h:
