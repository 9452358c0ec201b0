build/x86_64/kernel/kallsyms.o: kernel/kallsyms.c include/linux/kconfig.h \
 build/x86_64/include/generated/autoconf.h include/linux/kallsyms.h \
 include/linux/types.h include/linux/string.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/kallsyms.h:
include/linux/types.h:
include/linux/string.h:
