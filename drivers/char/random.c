// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's random numbers: a ChaCha20-based generator (the block function written from
 * RFC 8439, section 2.3), get_random_bytes() for the kernel, the getrandom syscall, and
 * the read side of /dev/random and /dev/urandom (drivers/char/mem.c).
 *
 * Seeding: everything the machine offers is mixed into a 256-bit key at boot, each input
 * XORed into the key and the key then replaced by a ChaCha20 block of itself (a one-way
 * step: the key before cannot be recovered from the key after):
 *   - the bootloader's seed: the DTB's /chosen rng-seed and kaslr-seed on arm64
 *     (add_bootloader_randomness, from setup_arch);
 *   - the CPU's generator: RDSEED or RDRAND on x86 when CPUID has them, RNDRRS on arm64
 *     with FEAT_RNG (asm/archrandom.h);
 *   - the cycle counter read many times around work whose length varies (timing jitter).
 * Each request also mixes in the cycle counter as the block's nonce.
 *
 * Output ("fast key erasure"): under the lock, one block makes the next key and a key for
 * this request; the request's bytes come from its own key outside the lock, and the key is
 * wiped after. A later compromise of the state cannot reproduce earlier output.
 *
 * Locking: crng_lock (irqsave: any context may ask for bytes) guards base_key and
 * generation. Linux's entropy accounting and blocking pool are left out (docs/files.md):
 * the generator counts as ready once random_init() has run, before any user task exists.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/timex.h>
#include <asm/archrandom.h>

#ifndef INT_MAX
#define INT_MAX		0x7fffffff
#endif

/* A memset the compiler may not drop: keys must not outlive their use on the stack. */
static inline void memzero_explicit(void *s, size_t n)
{
	memset(s, 0, n);
	__asm__ __volatile__("" : : "r"(s) : "memory");
}

#define CHACHA_KEY_WORDS	8
#define CHACHA_BLOCK_SIZE	64

static DEFINE_SPINLOCK(crng_lock);
static u32 base_key[CHACHA_KEY_WORDS];
static u64 generation;		/* a counter in every block's nonce: no block repeats */
static bool crng_ready_flag;

static inline u32 rol32(u32 v, int s)
{
	return (v << s) | (v >> (32 - s));
}

#define QUARTERROUND(a, b, c, d)				\
	do {							\
		a += b; d ^= a; d = rol32(d, 16);		\
		c += d; b ^= c; b = rol32(b, 12);		\
		a += b; d ^= a; d = rol32(d, 8);		\
		c += d; b ^= c; b = rol32(b, 7);		\
	} while (0)

/*
 * RFC 8439's block function: the state is the constant "expand 32-byte k", the key, a
 * 32-bit block counter and a 96-bit nonce; ten double rounds (column, then diagonal), and
 * the input added back. The output words are little-endian in 'out'.
 */
static void chacha20_block(const u32 key[8], u32 counter, const u32 nonce[3], u8 out[64])
{
	u32 in[16] = {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
		key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
		counter, nonce[0], nonce[1], nonce[2],
	};
	u32 x[16];

	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 10; i++) {
		QUARTERROUND(x[0], x[4], x[8], x[12]);
		QUARTERROUND(x[1], x[5], x[9], x[13]);
		QUARTERROUND(x[2], x[6], x[10], x[14]);
		QUARTERROUND(x[3], x[7], x[11], x[15]);
		QUARTERROUND(x[0], x[5], x[10], x[15]);
		QUARTERROUND(x[1], x[6], x[11], x[12]);
		QUARTERROUND(x[2], x[7], x[8], x[13]);
		QUARTERROUND(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++) {
		u32 v = x[i] + in[i];

		out[4 * i] = v;
		out[4 * i + 1] = v >> 8;
		out[4 * i + 2] = v >> 16;
		out[4 * i + 3] = v >> 24;
	}
	memzero_explicit(x, sizeof(x));
	memzero_explicit(in, sizeof(in));
}

/* RFC 8439 2.3.2's test vector: a wrong block function must not seed anything. */
static bool chacha20_selftest(void)
{
	static const u8 expect[16] = { 0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15,
				       0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4 };
	u32 key[8], nonce[3] = { 0x09000000, 0x4a000000, 0x00000000 };
	u8 out[64];

	for (int i = 0; i < 8; i++)
		key[i] = (4 * i) | (4 * i + 1) << 8 | (4 * i + 2) << 16 | (u32)(4 * i + 3) << 24;
	chacha20_block(key, 1, nonce, out);
	return !memcmp(out, expect, sizeof(expect));
}

/* Under crng_lock: fold 'len' bytes into the key, then step the key one-way. */
static void mix_locked(const void *data, size_t len)
{
	const u8 *p = data;
	u32 nonce[3] = { 0x6d697869, 0, 0 };	/* "mixi": mixing blocks, not output */
	u8 block[64];

	while (len) {
		size_t n = min(len, sizeof(base_key));

		for (size_t i = 0; i < n; i++)
			((u8 *)base_key)[i] ^= p[i];
		p += n;
		len -= n;
		nonce[1] = generation;
		nonce[2] = generation++ >> 32;
		chacha20_block(base_key, 0, nonce, block);
		memcpy(base_key, block, sizeof(base_key));
	}
	memzero_explicit(block, sizeof(block));
}

static void mix(const void *data, size_t len)
{
	unsigned long flags;

	spin_lock_irqsave(&crng_lock, flags);
	mix_locked(data, len);
	spin_unlock_irqrestore(&crng_lock, flags);
}

void add_bootloader_randomness(const void *buf, size_t len)
{
	mix(buf, len);
}

void add_device_randomness(const void *buf, size_t len)
{
	mix(buf, len);
}

/* A request's own key from the base, and the base replaced (fast key erasure). */
static void crng_make_key(u32 key[8], u32 nonce[3])
{
	u64 cycles = get_cycles();
	unsigned long flags;
	u32 n[3];
	u8 block[64];

	spin_lock_irqsave(&crng_lock, flags);
	n[0] = (u32)cycles;
	n[1] = generation;
	n[2] = generation++ >> 32;
	chacha20_block(base_key, 0, n, block);
	memcpy(base_key, block, 32);
	spin_unlock_irqrestore(&crng_lock, flags);
	memcpy(key, block + 32, 32);
	nonce[0] = cycles >> 32;
	nonce[1] = n[1];
	nonce[2] = n[2];
	memzero_explicit(block, sizeof(block));
}

void get_random_bytes(void *buf, size_t len)
{
	u32 key[8], nonce[3], counter = 0;
	u8 block[64], *p = buf;

	crng_make_key(key, nonce);
	while (len) {
		size_t n = min(len, sizeof(block));

		chacha20_block(key, counter++, nonce, block);
		memcpy(p, block, n);
		p += n;
		len -= n;
	}
	memzero_explicit(block, sizeof(block));
	memzero_explicit(key, sizeof(key));
}

u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

bool crng_ready(void)
{
	return READ_ONCE(crng_ready_flag);
}

/*
 * Copy 'len' random bytes to user memory: the count, or -EFAULT when none could be
 * written. Long requests stop early (with what they have) when a signal is pending, and
 * take a fresh key every MiB so no one key makes more than that.
 */
ssize_t get_random_bytes_user(void __user *ubuf, size_t len)
{
	u32 key[8], nonce[3], counter = 0;
	u8 block[64];
	ssize_t done = 0;

	if (!len)
		return 0;
	crng_make_key(key, nonce);
	while (len) {
		size_t n = min(len, sizeof(block));
		unsigned long left;

		chacha20_block(key, counter++, nonce, block);
		left = copy_to_user((u8 __user *)ubuf + done, block, n);
		done += n - left;
		len -= n;
		if (left) {
			if (!done)
				done = -EFAULT;
			break;
		}
		if (len && !(done % PAGE_SIZE)) {
			if (signal_pending(current))
				break;
			if (!(done % (1 << 20))) {
				crng_make_key(key, nonce);
				counter = 0;
			}
		}
	}
	memzero_explicit(block, sizeof(block));
	memzero_explicit(key, sizeof(key));
	return done;
}

/*
 * Boot: the self-test, then every source the machine has (the bootloader's seed was mixed
 * in by setup_arch already). 64 rounds of the cycle counter around a block computation
 * whose time varies with caches and interrupts add what jitter there is.
 */
void random_init(void)
{
	unsigned long seed[8];
	u64 jitter[64] = { 0 };
	int n;

	if (!chacha20_selftest())
		panic("random: ChaCha20 fails RFC 8439's test vector");
	n = arch_get_random_seed_longs(seed, ARRAY_SIZE(seed));
	if (n)
		mix(seed, n * sizeof(seed[0]));
	for (int i = 0; i < 64; i++) {
		u8 block[64];
		u32 nonce[3] = { i, 0, 0 };

		jitter[i] = get_cycles();
		chacha20_block((u32 *)jitter, i, nonce, block);
		jitter[i] ^= (u64)block[0] << 56;
	}
	mix(jitter, sizeof(jitter));
	memzero_explicit(seed, sizeof(seed));
	WRITE_ONCE(crng_ready_flag, true);
	pr_info("random: ChaCha20 generator seeded (%d long%s from the CPU's generator)\n", n,
		n == 1 ? "" : "s");
}

/* getrandom's flags (Linux's uapi/linux/random.h). */
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

/*
 * getrandom: up to INT_MAX bytes from the generator. GRND_RANDOM reads the same generator
 * (as Linux since 5.6); GRND_NONBLOCK would give -EAGAIN before seeding, which here is
 * over before user space starts; GRND_INSECURE with GRND_RANDOM is -EINVAL.
 */
SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len, unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > INT_MAX)
		len = INT_MAX;
	if (!crng_ready() && !(flags & GRND_INSECURE))
		return (flags & GRND_NONBLOCK) ? -EAGAIN : -ERESTARTSYS;
	return get_random_bytes_user(ubuf, len);
}
