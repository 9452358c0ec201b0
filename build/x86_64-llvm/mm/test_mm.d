build/x86_64-llvm/mm/test_mm.o: mm/test_mm.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/ktest.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h include/linux/mm.h include/linux/buddy.h \
  include/linux/list.h include/linux/gfp.h arch/x86/include/asm/page.h \
  arch/x86/include/asm/const.h include/linux/slab.h \
  include/linux/vmalloc.h include/linux/string.h \
  arch/x86/include/asm/thread_info.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/ktest.h:

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

include/linux/slab.h:

include/linux/vmalloc.h:

include/linux/string.h:

arch/x86/include/asm/thread_info.h:
