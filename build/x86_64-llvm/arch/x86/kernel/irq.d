build/x86_64-llvm/arch/x86/kernel/irq.o: arch/x86/kernel/irq.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h include/linux/init.h include/linux/jiffies.h \
  arch/x86/include/asm/ptrace.h arch/x86/include/asm/traps.h \
  arch/x86/include/asm/apic.h arch/x86/include/asm/i8259.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/init.h:

include/linux/jiffies.h:

arch/x86/include/asm/ptrace.h:

arch/x86/include/asm/traps.h:

arch/x86/include/asm/apic.h:

arch/x86/include/asm/i8259.h:
