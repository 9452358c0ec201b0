build/x86_64-llvm/lib/kstrtox.o: lib/kstrtox.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/kernel.h \
  include/linux/types.h include/linux/compiler.h include/linux/printk.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:
