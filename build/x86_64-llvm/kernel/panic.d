build/x86_64-llvm/kernel/panic.o: kernel/panic.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/kernel.h \
  include/linux/types.h include/linux/compiler.h include/linux/printk.h \
  include/linux/irqflags.h arch/x86/include/asm/irqflags.h \
  include/linux/reboot.h arch/x86/include/asm/ptrace.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/irqflags.h:

arch/x86/include/asm/irqflags.h:

include/linux/reboot.h:

arch/x86/include/asm/ptrace.h:
