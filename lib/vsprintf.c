// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf: the printf family for the kernel. Supports the conversions kernel code uses:
 * %d %i %u %x %X %o %c %s %p %%, flags "-0+ #", width and precision (also '*'), the length
 * modifiers hh h l ll z t, and %pS / %ps (function name from kallsyms, +offset/size for %pS).
 * Output is always NUL-terminated; the return value is the length it wanted, like C's.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/kallsyms.h>

struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

enum { F_LEFT = 1, F_ZERO = 2, F_PLUS = 4, F_SPACE = 8, F_ALT = 16, F_UPPER = 32 };

static void put_padded(struct out *o, const char *s, int len, int width, int flags)
{
	int pad = width > len ? width - len : 0;

	if (!(flags & F_LEFT))
		while (pad-- > 0)
			put(o, ' ');
	while (len-- > 0)
		put(o, *s++);
	while (pad-- > 0)
		put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool negative, unsigned int base,
		       int width, int prec, int flags)
{
	const char *digits = (flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, ndigits, total;
	char sign = 0;
	const char *prefix = "";

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	if (prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;			/* "%.0d" of zero prints nothing */

	if (negative)
		sign = '-';
	else if (flags & F_PLUS)
		sign = '+';
	else if (flags & F_SPACE)
		sign = ' ';
	bool zero = n == 0 || (n == 1 && tmp[0] == '0');

	if ((flags & F_ALT) && base == 16 && !zero)	/* "%#x" of 0 is "0", as in C */
		prefix = (flags & F_UPPER) ? "0X" : "0x";
	else if ((flags & F_ALT) && base == 8 && !zero)
		prefix = "0";		/* "%#o" of 0 is "0", not "00" */

	ndigits = prec > n ? prec : n;
	total = ndigits + (sign ? 1 : 0) + (int)strlen(prefix);
	if (prec < 0 && (flags & F_ZERO) && !(flags & F_LEFT) && width > total) {
		ndigits += width - total;	/* zero padding goes between prefix and digits */
		total = width;
	}
	if (!(flags & F_LEFT))
		for (int i = total; i < width; i++)
			put(o, ' ');
	if (sign)
		put(o, sign);
	for (const char *p = prefix; *p; p++)
		put(o, *p);
	for (int i = n; i < ndigits; i++)
		put(o, '0');
	while (n--)
		put(o, tmp[n]);
	if (flags & F_LEFT)
		for (int i = total; i < width; i++)
			put(o, ' ');
}

/* %pS: "name+0xoff/0xsize"; %ps: "name"; unknown addresses print as hex. */
static void put_symbol(struct out *o, unsigned long addr, bool with_offset, int width, int flags)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);
	char tmp[160];

	if (!name)
		snprintf(tmp, sizeof(tmp), "0x%lx", addr);
	else if (with_offset)
		snprintf(tmp, sizeof(tmp), "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintf(tmp, sizeof(tmp), "%s", name);
	put_padded(o, tmp, strlen(tmp), width, flags);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		int flags = 0, width = -1, prec = -1, lng = 0;
		unsigned long long uv;
		long long sv;
		unsigned int base = 10;
		bool is_signed = false;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {		/* flags */
			char c = *++fmt;

			if (c == '-') flags |= F_LEFT;
			else if (c == '0') flags |= F_ZERO;
			else if (c == '+') flags |= F_PLUS;
			else if (c == ' ') flags |= F_SPACE;
			else if (c == '#') flags |= F_ALT;
			else break;
		}
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= F_LEFT;
				width = -width;
			}
			fmt++;
		} else {
			for (width = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
				width = width * 10 + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				for (prec = 0; *fmt >= '0' && *fmt <= '9'; fmt++)
					prec = prec * 10 + (*fmt - '0');
			}
		}
		for (;; fmt++) {	/* length: 1 = h, 2 = hh, 3 = l, 4 = ll/z/t */
			if (*fmt == 'h') lng = lng == 1 ? 2 : 1;
			else if (*fmt == 'l') lng = lng == 3 ? 4 : 3;
			else if (*fmt == 'z' || *fmt == 't') lng = 4;
			else break;
		}

		switch (*fmt) {
		case 'c': {
			char c = (char)va_arg(ap, int);

			put_padded(&o, &c, 1, width, flags);
			continue;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);

			if (!s)
				s = "(null)";
			put_padded(&o, s, prec >= 0 ? (int)strnlen(s, prec) : (int)strlen(s),
				   width, flags);
			continue;
		}
		case 'p': {
			unsigned long p = (unsigned long)va_arg(ap, void *);

			if (fmt[1] == 'S' || fmt[1] == 's') {
				put_symbol(&o, p, fmt[1] == 'S', width, flags);
				fmt++;
				continue;
			}
			put_number(&o, p, false, 16, width, prec, flags | F_ALT);
			continue;
		}
		case '%':
			put(&o, '%');
			continue;
		case 'd': case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'x':
			base = 16;
			break;
		case 'X':
			base = 16;
			flags |= F_UPPER;
			break;
		case 'o':
			base = 8;
			break;
		case '\0':
			fmt--;
			continue;
		default:		/* unknown: print it literally so the bug shows */
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}

		if (is_signed) {
			if (lng >= 3) sv = lng == 3 ? va_arg(ap, long) : va_arg(ap, long long);
			else sv = va_arg(ap, int);
			if (lng == 1) sv = (short)sv;
			if (lng == 2) sv = (signed char)sv;
			uv = sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv;
			put_number(&o, uv, sv < 0, base, width, prec, flags);
		} else {
			if (lng >= 3) uv = lng == 3 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned long long);
			else uv = va_arg(ap, unsigned int);
			if (lng == 1) uv = (unsigned short)uv;
			if (lng == 2) uv = (unsigned char)uv;
			put_number(&o, uv, false, base, width, prec, flags);
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)-1 >> 1, fmt, ap);
	va_end(ap);
	return n;
}
