build/x86_64-llvm/arch/x86/kernel/pvh.o: arch/x86/kernel/pvh.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h include/linux/init.h include/linux/memblock.h \
  include/linux/string.h arch/x86/include/asm/setup.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/init.h:

include/linux/memblock.h:

include/linux/string.h:

arch/x86/include/asm/setup.h:
