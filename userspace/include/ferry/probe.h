/*
 * The probes' tiny runtime (userspace/lib): start code, printing, auxv access, and KTAP
 * helpers, so a probe reports each check as "ok N name" on its standard output and exits
 * with the number of failed checks. Probes are static ELFs that also run on real Linux.
 */
#ifndef FERRY_PROBE_H
#define FERRY_PROBE_H

#include <stddef.h>
#include <stdarg.h>
#include <ferry/usys.h>

#define AT_NULL		0
#define AT_PAGESZ	6
#define AT_ENTRY	9
#define AT_RANDOM	25
#define AT_EXECFN	31
#define AT_SYSINFO	32
#define AT_SYSINFO_EHDR	33

extern char **environ;
unsigned long getauxval(unsigned long type);
/* The decimal number of argument KEY=N (the digits right after '='), or dflt when no
 * argument is KEY=... (userspace/lib/start.c). */
unsigned long probe_arg(int argc, char **argv, const char *key, unsigned long dflt);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
__attribute__((noreturn)) void exit(int status);

/* KTAP from user space: plan, then one line per check. */
void ktap_plan(int n);
void ktap_result(int ok, const char *name, ...) __attribute__((format(printf, 2, 3)));
int ktap_finish(void);	/* returns the number of failures (use it as the exit status) */

#endif
