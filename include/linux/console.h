/* Consoles: where printk's text goes. Drivers register one; it receives the backlog. */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	void *data;
	struct console *next;
};

void register_console(struct console *con);
void unregister_console(struct console *con);
/* Raw output to every console, bypassing the log (the kernel's own power-down line). */
void console_write(const char *s, size_t len);

#endif
