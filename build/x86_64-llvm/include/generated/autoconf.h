/* Generated from .config by kconf.py: do not edit. */
#define CONFIG_X86_64 1
#define CONFIG_X86 1
#define CONFIG_64BIT 1
#define CONFIG_SERIAL_8250_PORT 0x3f8
#define CONFIG_X86_DEBUG_EXIT_PORT 0xf4
#define CONFIG_DEFAULT_CMDLINE ""
#define CONFIG_HZ 100
#define CONFIG_LOG_BUF_SHIFT 16
#define CONFIG_DEFAULT_INIT "/init"
#define CONFIG_KTEST 1
#define CONFIG_KTEST_CRASH 1
