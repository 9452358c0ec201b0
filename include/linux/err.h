/* Error values in pointers: the top MAX_ERRNO addresses are never valid, so -errno fits. */
#ifndef _LINUX_ERR_H
#define _LINUX_ERR_H

#include <linux/errno.h>
#include <linux/compiler.h>

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return unlikely(IS_ERR_VALUE((unsigned long)ptr));
}

static inline void *ERR_CAST(const void *ptr)
{
	return (void *)ptr;
}

static inline int PTR_ERR_OR_ZERO(const void *ptr)
{
	return IS_ERR(ptr) ? (int)PTR_ERR(ptr) : 0;
}

#endif
