build/x86_64/kernel/crash_test.o: kernel/crash_test.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h include/linux/init.h include/linux/string.h \
 include/linux/vmalloc.h arch/x86/include/asm/thread_info.h \
 arch/x86/include/asm/page.h arch/x86/include/asm/const.h \
 arch/x86/include/asm/pgtable.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/init.h:
include/linux/string.h:
include/linux/vmalloc.h:
arch/x86/include/asm/thread_info.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
arch/x86/include/asm/pgtable.h:
