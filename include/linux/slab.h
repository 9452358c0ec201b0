/* The kernel heap: kmalloc size classes carved from pages; big requests take whole pages. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);
void kmalloc_init(void);

/* The size classes, 16 bytes (class 0) to 2 KiB; mm_selfcheck compares their use. */
#define KMALLOC_CLASSES 8
#define kmalloc_class_size(c) (16UL << (c))
void kmalloc_in_use(unsigned long in_use[KMALLOC_CLASSES]);

#endif
