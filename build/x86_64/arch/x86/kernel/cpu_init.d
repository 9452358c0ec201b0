build/x86_64/arch/x86/kernel/cpu_init.o: arch/x86/kernel/cpu_init.c \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
 include/linux/printk.h include/linux/string.h \
 arch/x86/include/asm/desc.h arch/x86/include/asm/segment.h \
 arch/x86/include/asm/const.h arch/x86/include/asm/processor.h \
 arch/x86/include/asm/processor-flags.h arch/x86/include/asm/percpu.h \
 arch/x86/include/asm/msr.h arch/x86/include/asm/thread_info.h \
 arch/x86/include/asm/page.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/string.h:
arch/x86/include/asm/desc.h:
arch/x86/include/asm/segment.h:
arch/x86/include/asm/const.h:
arch/x86/include/asm/processor.h:
arch/x86/include/asm/processor-flags.h:
arch/x86/include/asm/percpu.h:
arch/x86/include/asm/msr.h:
arch/x86/include/asm/thread_info.h:
arch/x86/include/asm/page.h:
