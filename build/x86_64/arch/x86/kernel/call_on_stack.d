build/x86_64/arch/x86/kernel/call_on_stack.o: \
 arch/x86/kernel/call_on_stack.S include/linux/kconfig.h \
 build/x86_64/include/generated/autoconf.h
include/linux/kconfig.h:
build/x86_64/include/generated/autoconf.h:
