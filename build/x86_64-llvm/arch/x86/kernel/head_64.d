build/x86_64-llvm/arch/x86/kernel/head_64.o: arch/x86/kernel/head_64.S \
  include/linux/kconfig.h build/x86_64-llvm/include/generated/autoconf.h \
  arch/x86/include/asm/page.h arch/x86/include/asm/const.h \
  arch/x86/include/asm/pgtable.h arch/x86/include/asm/segment.h \
  arch/x86/include/asm/processor-flags.h arch/x86/include/asm/setup.h \
  arch/x86/include/asm/thread_info.h

include/linux/kconfig.h:

build/x86_64-llvm/include/generated/autoconf.h:

arch/x86/include/asm/page.h:

arch/x86/include/asm/const.h:

arch/x86/include/asm/pgtable.h:

arch/x86/include/asm/segment.h:

arch/x86/include/asm/processor-flags.h:

arch/x86/include/asm/setup.h:

arch/x86/include/asm/thread_info.h:
