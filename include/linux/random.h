/*
 * Random numbers for the kernel and for user space (drivers/char/random.c): a ChaCha20
 * generator seeded at boot from the bootloader, the CPU and the cycle counter.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>
#include <linux/compiler.h>

void random_init(void);				/* start_kernel, after time_init */
void add_bootloader_randomness(const void *buf, size_t len);	/* the DTB's rng-seed */
void add_device_randomness(const void *buf, size_t len);	/* unpredictable-ish data */
void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
bool crng_ready(void);
/* len bytes to user memory: the count written, or -EFAULT (/dev/urandom, getrandom). */
ssize_t get_random_bytes_user(void __user *buf, size_t len);

#endif
