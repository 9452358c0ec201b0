build/x86_64/mm/vmalloc.o: mm/vmalloc.c include/linux/kconfig.h \
 build/x86_64/include/generated/autoconf.h include/linux/kernel.h \
 include/linux/types.h include/linux/compiler.h include/linux/printk.h \
 include/linux/vmalloc.h include/linux/mm.h include/linux/buddy.h \
 include/linux/list.h include/linux/gfp.h arch/x86/include/asm/page.h \
 arch/x86/include/asm/const.h include/linux/irqflags.h \
 arch/x86/include/asm/irqflags.h arch/x86/include/asm/pgtable.h \
 arch/x86/include/asm/thread_info.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/vmalloc.h:
include/linux/mm.h:
include/linux/buddy.h:
include/linux/list.h:
include/linux/gfp.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
include/linux/irqflags.h:
arch/x86/include/asm/irqflags.h:
arch/x86/include/asm/pgtable.h:
arch/x86/include/asm/thread_info.h:
