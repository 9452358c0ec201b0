/* The two x86 trace channels (trace_channel.c picks one). */
#ifndef _ARCH_X86_KERNEL_TRACE_CHANNEL_H
#define _ARCH_X86_KERNEL_TRACE_CHANNEL_H

#include <linux/types.h>

bool trace_shm_init(void);
void trace_shm_write(const char *buf, size_t len);

#endif
