/*
 * Device access. Port I/O (in/out) for the legacy ISA devices (16550, PIT, 8259,
 * isa-debug-exit); MMIO through volatile accesses. Device memory is mapped uncached, and
 * x86 keeps uncached accesses in program order, so MMIO needs only a compiler barrier.
 */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <linux/compiler.h>
#include <linux/types.h>

#define BUILD_PIO(bwl, type, reg)						\
static inline void out##bwl(type value, u16 port)				\
{										\
	__asm__ __volatile__("out" #bwl " %" reg "0, %w1"			\
			     : : "a"(value), "Nd"(port) : "memory");		\
}										\
static inline type in##bwl(u16 port)						\
{										\
	type value;								\
	__asm__ __volatile__("in" #bwl " %w1, %" reg "0"			\
			     : "=a"(value) : "Nd"(port) : "memory");		\
	return value;								\
}
BUILD_PIO(b, u8, "b")
BUILD_PIO(w, u16, "w")
BUILD_PIO(l, u32, "k")
#undef BUILD_PIO

#define BUILD_MMIO(bwlq, type)							\
static inline type read##bwlq(const volatile void __iomem *addr)		\
{										\
	type v = *(const volatile type __force *)addr;				\
	__asm__ __volatile__("" ::: "memory");					\
	return v;								\
}										\
static inline void write##bwlq(type v, volatile void __iomem *addr)		\
{										\
	__asm__ __volatile__("" ::: "memory");					\
	*(volatile type __force *)addr = v;						\
}
BUILD_MMIO(b, u8)
BUILD_MMIO(w, u16)
BUILD_MMIO(l, u32)
BUILD_MMIO(q, u64)
#undef BUILD_MMIO

#endif
