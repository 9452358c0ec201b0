/* Configuration for building generic kernel files on the host for unit tests. */
#define CONFIG_HZ 100
#define CONFIG_LOG_BUF_SHIFT 12
#define __KERNEL__ 1
#define UNIT_TEST 1
