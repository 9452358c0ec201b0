build/x86_64/lib/vsprintf.o: lib/vsprintf.c include/linux/kconfig.h \
 build/x86_64/include/generated/autoconf.h include/linux/kernel.h \
 include/linux/types.h include/linux/compiler.h include/linux/printk.h \
 include/linux/string.h include/linux/kallsyms.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kernel.h:
include/linux/types.h:
include/linux/compiler.h:
include/linux/printk.h:
include/linux/string.h:
include/linux/kallsyms.h:
