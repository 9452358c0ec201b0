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
/* Raw output to every console, bypassing the log: user programs' stdout/stderr. */
void console_write(const char *s, size_t len);

/* The console as an open file: init's fds 0, 1, 2 until the tty layer opens /dev/console. */
struct file;
extern struct file console_file;

#endif
