build/x86_64-llvm/arch/x86/kernel/idt.o: arch/x86/kernel/idt.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h arch/x86/include/asm/desc.h \
  arch/x86/include/asm/segment.h arch/x86/include/asm/const.h \
  arch/x86/include/asm/processor.h \
  arch/x86/include/asm/processor-flags.h arch/x86/include/asm/traps.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

arch/x86/include/asm/desc.h:

arch/x86/include/asm/segment.h:

arch/x86/include/asm/const.h:

arch/x86/include/asm/processor.h:

arch/x86/include/asm/processor-flags.h:

arch/x86/include/asm/traps.h:
