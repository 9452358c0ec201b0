build/x86_64-llvm/kernel/extable.o: kernel/extable.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/extable.h include/linux/types.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/extable.h:

include/linux/types.h:
