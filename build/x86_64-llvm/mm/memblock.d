build/x86_64-llvm/mm/memblock.o: mm/memblock.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/kernel.h \
  include/linux/types.h include/linux/compiler.h include/linux/printk.h \
  include/linux/memblock.h include/linux/init.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/memblock.h:

include/linux/init.h:
