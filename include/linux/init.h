/* Boot-time data shared by the arch setup code and generic code. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/types.h>
#include <linux/compiler.h>

/* Linux uses 2048 on both x86 and arm64; a longer command line is refused, not cut. */
#define COMMAND_LINE_SIZE 2048

extern char boot_command_line[COMMAND_LINE_SIZE];
extern phys_addr_t initrd_start;	/* physical; 0 when there is none */
extern size_t initrd_size;

void start_kernel(void) __noreturn;
void setup_arch(void);
void init_IRQ(void);
void time_init(void);
void set_boot_command_line(const char *src, size_t len);
void sched_init(void);
void __noreturn rest_init(void);		/* init/user_init.c: start pid 1, become idle */
void pipefs_init(void);			/* fs/pipefs.c */
void chr_dev_init(void);		/* drivers/char/mem.c */
void crash_test_run(void);		/* kernel/crash_test.c: crash=WHAT, after boot */
struct task_struct;
void crash_test_arm(struct task_struct *t);	/* pid 1, before its exec */
void crash_test_syscall(void);		/* syscall_enter_test_work, SYSCALL_WORK_CRASH_TEST */
void harden_crash(const char *what);	/* kernel/test_harden.c, from crash_test_run */

/* Linker-script symbols (also see asm-generic/vmlinux.lds.h). */
extern char _text[], _etext[], _sdata[], _edata[], __bss_start[], __bss_stop[], _end[];

#endif

/*
 * Command-line parameters: __setup("loglevel=", fn) registers fn for "loglevel=VALUE"
 * (fn gets VALUE) or, for a name without '=', for the bare word. early_param() runs in
 * parse_early_param(), which setup_arch may call before memory exists.
 */
struct kernel_param {
	const char *name;
	int (*setup)(char *val);
	int early;
};

#define __setup_param(str, fn, early)						\
	static const struct kernel_param __UNIQUE_ID(kp) __used			\
		__section(".init.setup") __aligned(8) = { str, fn, early }

#define __setup(str, fn)     __setup_param(str, fn, 0)
#define early_param(str, fn) __setup_param(str, fn, 1)

#define MAX_INIT_ARGS 32
extern const char *init_argv_extra[];
extern const char *init_envp_extra[];

void parse_early_param(void);
void parse_args(void);
