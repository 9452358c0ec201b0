/*
 * Program loading: what exec collects before the old image is replaced.
 *
 * The argument and environment strings are copied out of the caller's memory into one
 * kernel buffer (argv's strings, then envp's, each NUL-terminated) before anything of the
 * old image is touched, within Linux's limits: each string at most MAX_ARG_STRLEN bytes,
 * all of them (with their pointers) at most a quarter of RLIMIT_STACK, never less than
 * 32 pages; past them, -E2BIG.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>
#include <linux/compiler.h>

#define MAX_ARG_STRLEN		(32 * 4096)	/* one string, its NUL included */
#define MAX_ARG_STRINGS		0x7fffffff
#define ARG_MAX_MIN		(32 * 4096)	/* the limit is never below this */
#define BINPRM_BUF_SIZE		256		/* the "#!" line is read from this much */
#define BINPRM_MAX_RECURSION	4		/* scripts naming scripts: then ELOOP */

struct file;
struct mm_struct;

struct linux_binprm {
	const char *filename;		/* as given (AT_EXECFN; a script's path for its interpreter) */
	const char *interp;		/* the file being loaded now */
	struct file *file;		/* the file being loaded (opened for exec) */
	size_t size;			/* its size when opened (the loaders' range checks) */
	char buf[BINPRM_BUF_SIZE];	/* its first bytes: "#!" line, ELF header */
	size_t buf_len;			/* how many of them the file has */
	int argc, envc;
	char *strings;			/* argv strings then envp strings (kmalloc or vmalloc) */
	size_t len, cap;		/* bytes used and allocated in strings */
	size_t limit;			/* the most the strings may take (E2BIG past it) */
	int recursion;
	/* Filled by the loader: */
	struct mm_struct *mm;
	unsigned long entry, sp;
	bool compat;			/* a 32-bit program (i386, arm) */
	char interp_buf[BINPRM_BUF_SIZE];	/* a script's interpreter path and argument */
};

int load_elf_binary(struct linux_binprm *bprm);
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

#endif
