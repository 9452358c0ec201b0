build/x86_64/lib/string.o: lib/string.c include/linux/kconfig.h \
 build/x86_64/include/generated/autoconf.h include/linux/string.h \
 include/linux/types.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
include/linux/string.h:
include/linux/types.h:
