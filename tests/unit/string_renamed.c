/* lib/string.c under other names, so the test binary keeps the C library's own functions. */
#define memset ferry_memset
#define memcpy ferry_memcpy
#define memmove ferry_memmove
#define memcmp ferry_memcmp
#define memchr ferry_memchr
#define strlen ferry_strlen
#define strnlen ferry_strnlen
#define strcmp ferry_strcmp
#define strncmp ferry_strncmp
#define strchr ferry_strchr
#define strrchr ferry_strrchr
#define strlcpy ferry_strlcpy
#define strstr ferry_strstr
#include "../../lib/string.c"
