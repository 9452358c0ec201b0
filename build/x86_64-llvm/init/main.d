build/x86_64-llvm/init/main.o: init/main.c include/linux/kconfig.h \
  build/x86_64-llvm/include/generated/autoconf.h include/linux/kernel.h \
  include/linux/types.h include/linux/compiler.h include/linux/printk.h \
  include/linux/init.h include/linux/mm.h include/linux/buddy.h \
  include/linux/list.h include/linux/gfp.h arch/x86/include/asm/page.h \
  arch/x86/include/asm/const.h include/linux/irqflags.h \
  arch/x86/include/asm/irqflags.h include/linux/jiffies.h \
  include/linux/ktest.h include/linux/reboot.h include/linux/string.h \
  arch/x86/include/asm/timex.h arch/x86/include/asm/processor.h \
  arch/x86/include/asm/processor-flags.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/init.h:

include/linux/mm.h:

include/linux/buddy.h:

include/linux/list.h:

include/linux/gfp.h:

arch/x86/include/asm/page.h:

arch/x86/include/asm/const.h:

include/linux/irqflags.h:

arch/x86/include/asm/irqflags.h:

include/linux/jiffies.h:

include/linux/ktest.h:

include/linux/reboot.h:

include/linux/string.h:

arch/x86/include/asm/timex.h:

arch/x86/include/asm/processor.h:

arch/x86/include/asm/processor-flags.h:
