/*
 * printf for the probes: %d %i %u %x %p %s %c %%, with l/ll/z, '-', '0', '#' and a width.
 * Formats into a buffer and issues one write(1, ...) per call, so lines stay whole.
 */
#include <ferry/probe.h>

struct buf {
	char *p;
	size_t size, len;
};

static void put(struct buf *b, char c)
{
	if (b->len + 1 < b->size)
		b->p[b->len] = c;
	b->len++;
}

static void put_num(struct buf *b, unsigned long long v, int neg, int base, int width, int zero, int left)
{
	char tmp[24];
	int n = 0, len;

	do {
		tmp[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	len = n + neg;
	if (!left)
		for (; width > len; width--)
			put(b, zero ? '0' : ' ');
	if (neg)
		put(b, '-');
	while (n)
		put(b, tmp[--n]);
	for (; width > len; width--)
		put(b, ' ');
}

int vsnprintf(char *out, size_t size, const char *fmt, va_list ap)
{
	struct buf b = { out, size, 0 };

	for (; *fmt; fmt++) {
		int lng = 0, width = 0, zero = 0, left = 0, alt = 0;

		if (*fmt != '%') {
			put(&b, *fmt);
			continue;
		}
		fmt++;
		if (*fmt == '#')
			alt = 1, fmt++;
		if (*fmt == '-')
			left = 1, fmt++;
		if (*fmt == '0')
			zero = 1, fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l' || *fmt == 'z')
			lng++, fmt++;
		switch (*fmt) {
		case 'd': case 'i': {
			long long v = lng >= 2 ? va_arg(ap, long long) : lng ? va_arg(ap, long) : va_arg(ap, int);

			put_num(&b, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0, 10, width, zero, left);
			break;
		}
		case 'u': case 'x': {
			unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long) :
				lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);

			if (alt && *fmt == 'x')
				put(&b, '0'), put(&b, 'x');
			put_num(&b, v, 0, *fmt == 'x' ? 16 : 10, width, zero, left);
			break;
		}
		case 'p':
			put(&b, '0');
			put(&b, 'x');
			put_num(&b, (unsigned long)va_arg(ap, void *), 0, 16, width, zero, left);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int n = (int)strlen(s ? s : "(null)");

			if (!s)
				s = "(null)";
			if (!left)
				for (; width > n; width--)
					put(&b, ' ');
			while (*s)
				put(&b, *s++);
			for (; width > n; width--)
				put(&b, ' ');
			break;
		}
		case 'c':
			put(&b, (char)va_arg(ap, int));
			break;
		case '%':
			put(&b, '%');
			break;
		default:
			put(&b, '%');
			put(&b, *fmt);
		}
	}
	if (size)
		out[b.len < size ? b.len : size - 1] = '\0';
	return (int)b.len;
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

int printf(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	sys(write, 1, buf, n);
	return n;
}
