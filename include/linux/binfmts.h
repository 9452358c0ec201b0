/* Program loading: what exec collects before the old image is replaced. */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>

#define MAX_ARG_STRINGS 64
#define MAX_ARG_STRLEN  4096

struct inode;
struct mm_struct;

struct linux_binprm {
	const char *filename;			/* as given, for AT_EXECFN */
	struct inode *inode;
	int argc, envc;
	const char *argv[MAX_ARG_STRINGS + 1];	/* kernel copies of the strings */
	const char *envp[MAX_ARG_STRINGS + 1];
	/* Filled by the loader: */
	struct mm_struct *mm;
	unsigned long entry, sp;
	bool compat;				/* a 32-bit program (x86 i386 ABI) */
};

int load_elf_binary(struct linux_binprm *bprm);
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

#endif
