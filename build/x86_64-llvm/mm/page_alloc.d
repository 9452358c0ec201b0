build/x86_64-llvm/mm/page_alloc.o: mm/page_alloc.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h include/linux/mm.h include/linux/buddy.h \
  include/linux/list.h include/linux/gfp.h arch/x86/include/asm/page.h \
  arch/x86/include/asm/const.h include/linux/memblock.h \
  include/linux/irqflags.h arch/x86/include/asm/irqflags.h \
  include/linux/string.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/mm.h:

include/linux/buddy.h:

include/linux/list.h:

include/linux/gfp.h:

arch/x86/include/asm/page.h:

arch/x86/include/asm/const.h:

include/linux/memblock.h:

include/linux/irqflags.h:

arch/x86/include/asm/irqflags.h:

include/linux/string.h:
