/*
 * MMIO accessors. Device memory is mapped nGnRE, which keeps accesses to one device in
 * order; the barriers order MMIO against normal memory (DMA buffers, flags) as Linux's
 * readl/writel do: a read is complete before later loads, a write waits for earlier stores.
 */
#ifndef _ASM_ARM64_IO_H
#define _ASM_ARM64_IO_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>


static inline u8 __raw_readb(const volatile void __iomem *a)
{
	u8 v;
	__asm__ __volatile__("ldrb %w0, [%1]" : "=r" (v) : "r" (a));
	return v;
}
static inline u16 __raw_readw(const volatile void __iomem *a)
{
	u16 v;
	__asm__ __volatile__("ldrh %w0, [%1]" : "=r" (v) : "r" (a));
	return v;
}
static inline u32 __raw_readl(const volatile void __iomem *a)
{
	u32 v;
	__asm__ __volatile__("ldr %w0, [%1]" : "=r" (v) : "r" (a));
	return v;
}
static inline u64 __raw_readq(const volatile void __iomem *a)
{
	u64 v;
	__asm__ __volatile__("ldr %0, [%1]" : "=r" (v) : "r" (a));
	return v;
}
static inline void __raw_writeb(u8 v, volatile void __iomem *a)
{
	__asm__ __volatile__("strb %w0, [%1]" : : "rZ" (v), "r" (a));
}
static inline void __raw_writew(u16 v, volatile void __iomem *a)
{
	__asm__ __volatile__("strh %w0, [%1]" : : "rZ" (v), "r" (a));
}
static inline void __raw_writel(u32 v, volatile void __iomem *a)
{
	__asm__ __volatile__("str %w0, [%1]" : : "rZ" (v), "r" (a));
}
static inline void __raw_writeq(u64 v, volatile void __iomem *a)
{
	__asm__ __volatile__("str %x0, [%1]" : : "rZ" (v), "r" (a));
}

#define __iormb()	dmb(oshld)
#define __iowmb()	dmb(oshst)

#define readb(a)	({ u8  __v = __raw_readb(a); __iormb(); __v; })
#define readw(a)	({ u16 __v = __raw_readw(a); __iormb(); __v; })
#define readl(a)	({ u32 __v = __raw_readl(a); __iormb(); __v; })
#define readq(a)	({ u64 __v = __raw_readq(a); __iormb(); __v; })
#define writeb(v, a)	({ __iowmb(); __raw_writeb((v), (a)); })
#define writew(v, a)	({ __iowmb(); __raw_writew((v), (a)); })
#define writel(v, a)	({ __iowmb(); __raw_writel((v), (a)); })
#define writeq(v, a)	({ __iowmb(); __raw_writeq((v), (a)); })

/* Ordered only against other accesses to the same device: for polling loops. */
#define readl_relaxed(a)	__raw_readl(a)
#define writel_relaxed(v, a)	__raw_writel((v), (a))

#endif
