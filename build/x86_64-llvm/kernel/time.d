build/x86_64-llvm/kernel/time.o: kernel/time.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/jiffies.h \
  include/linux/types.h include/linux/compiler.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/jiffies.h:

include/linux/types.h:

include/linux/compiler.h:
