build/x86_64-llvm/lib/fdt.o: lib/fdt.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/fdt.h \
  include/linux/types.h include/linux/string.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/fdt.h:

include/linux/types.h:

include/linux/string.h:
