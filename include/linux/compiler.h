/* Compiler attributes and helpers used all over the kernel. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define __noreturn      __attribute__((__noreturn__))
#define __packed        __attribute__((__packed__))
#define __aligned(x)    __attribute__((__aligned__(x)))
#define __section(s)    __attribute__((__section__(s)))
#define __used          __attribute__((__used__))
#define __maybe_unused  __attribute__((__unused__))
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define noinline        __attribute__((__noinline__))
#define __cold          __attribute__((__cold__))
#define __printf(a, b)  __attribute__((__format__(printf, a, b)))
#define __weak          __attribute__((__weak__))
#define __visible       __attribute__((__externally_visible__))
#define asmlinkage

/*
 * Address spaces, checked by sparse (make C=1, docs/hardening.md) and empty for gcc and clang.
 * __user marks a pointer into user memory: only the uaccess layer may dereference it.
 * __iomem marks a pointer into device memory (ioremap): read and written with the MMIO
 * accessors. __kernel is the plain kernel address space, for casts that say so. __force marks
 * a cast across address spaces that is meant (a kernel buffer handed down a path that also
 * takes user pointers, told apart by a flag beside it). noderef: sparse warns at each '*' or
 * '->' through such a pointer outside a __force cast.
 */
#ifdef __CHECKER__
#define __user		__attribute__((noderef, address_space(__user)))
#define __iomem		__attribute__((noderef, address_space(__iomem)))
#define __kernel	__attribute__((address_space(0)))
#define __force		__attribute__((force))
#else
#define __user
#define __iomem
#define __kernel
#define __force
#endif

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" ::: "memory")

#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define __stringify_1(x) #x
#define __stringify(x)   __stringify_1(x)

#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#endif
