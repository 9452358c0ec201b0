/* Kernel error numbers: the user-visible ones are Linux's (uapi/asm-generic/errno*.h). */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#include <uapi/asm-generic/errno.h>

/*
 * Kernel-internal codes, never seen by user space: a syscall interrupted by a signal returns
 * one, and the exit path (signal delivery) turns it into a restart of the call or -EINTR.
 */
#define ERESTARTSYS		512
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

#define MAX_ERRNO 4095
#define IS_ERR_VALUE(x) ((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

#endif
