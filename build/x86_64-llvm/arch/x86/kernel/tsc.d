build/x86_64-llvm/arch/x86/kernel/tsc.o: arch/x86/kernel/tsc.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h arch/x86/include/asm/timex.h \
  arch/x86/include/asm/i8253.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

arch/x86/include/asm/timex.h:

arch/x86/include/asm/i8253.h:
