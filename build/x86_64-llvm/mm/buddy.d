build/x86_64-llvm/mm/buddy.o: mm/buddy.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/buddy.h \
  include/linux/list.h include/linux/kernel.h include/linux/types.h \
  include/linux/compiler.h include/linux/printk.h include/linux/gfp.h \
  include/linux/string.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/buddy.h:

include/linux/list.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/gfp.h:

include/linux/string.h:
