build/x86_64-llvm/arch/x86/kernel/traps.o: arch/x86/kernel/traps.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h include/linux/vmalloc.h \
  arch/x86/include/asm/ptrace.h arch/x86/include/asm/traps.h \
  arch/x86/include/asm/processor.h \
  arch/x86/include/asm/processor-flags.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/vmalloc.h:

arch/x86/include/asm/ptrace.h:

arch/x86/include/asm/traps.h:

arch/x86/include/asm/processor.h:

arch/x86/include/asm/processor-flags.h:
