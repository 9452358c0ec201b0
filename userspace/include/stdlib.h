/* Just enough <stdlib.h> for the seed programs, on the probes' runtime. */
#ifndef FERRY_STDLIB_H
#define FERRY_STDLIB_H

#include <stddef.h>	/* NULL, as the real <stdlib.h> provides it */

__attribute__((noreturn)) void exit(int status);

#endif
