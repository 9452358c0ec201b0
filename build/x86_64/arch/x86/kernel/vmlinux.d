build/x86_64/arch/x86/kernel/vmlinux.lds: arch/x86/kernel/vmlinux.lds.S \
 include/linux/kconfig.h build/x86_64/include/generated/autoconf.h \
 arch/x86/include/asm/page.h arch/x86/include/asm/const.h \
 include/asm-generic/vmlinux.lds.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
arch/x86/include/asm/page.h:
arch/x86/include/asm/const.h:
include/asm-generic/vmlinux.lds.h:
