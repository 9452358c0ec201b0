build/x86_64-llvm/arch/x86/mm/pgtable.o: arch/x86/mm/pgtable.c \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  include/linux/kernel.h include/linux/types.h include/linux/compiler.h \
  include/linux/printk.h include/linux/gfp.h \
  arch/x86/include/asm/pgtable.h arch/x86/include/asm/page.h \
  arch/x86/include/asm/const.h arch/x86/include/asm/processor.h \
  arch/x86/include/asm/processor-flags.h arch/x86/mm/mm_internal.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

include/linux/kernel.h:

include/linux/types.h:

include/linux/compiler.h:

include/linux/printk.h:

include/linux/gfp.h:

arch/x86/include/asm/pgtable.h:

arch/x86/include/asm/page.h:

arch/x86/include/asm/const.h:

arch/x86/include/asm/processor.h:

arch/x86/include/asm/processor-flags.h:

arch/x86/mm/mm_internal.h:
