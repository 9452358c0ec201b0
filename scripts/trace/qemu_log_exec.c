// SPDX-License-Identifier: GPL-2.0
/*
 * The binfmt_misc interpreter of scripts/trace/linux_script.py's qemu-user column: starts
 * qemu-user on a program the chroot's busybox execs, with a log of its own.
 *
 * qemu-user names its log by pid only (QEMU_LOG_FILENAME=.../ql.%d) and opens it with
 * fopen("w"), so when a process execs a second time (su, then the shell it starts) the second
 * emulator would empty the first one's log. This wrapper gives every emulator a new file,
 * /.qemu-strace/ql.<pid>.<n> with the first n not taken (O_EXCL), and runs the emulator
 * installed beside it, /.qemu-strace/qemu, as `qemu -0 ARGV0 PROGRAM ARGS...`.
 *
 * binfmt_misc (flags F and P) runs it as: argv[0] this file, argv[1] the program's path,
 * argv[2] the program's own argv[0], argv[3...] its arguments. Built static by linux_script.py
 * (the chroot has no host libraries) and position-independent (an ET_EXEC one would match
 * the x86_64 entry it serves).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define LOG_DIR "/.qemu-strace"

int main(int argc, char **argv)
{
	char name[96];
	char **args;
	int n, fd;

	if (argc < 3) {
		fprintf(stderr, "qemu_log_exec: run by binfmt_misc with the P flag only\n");
		return 127;
	}
	for (n = 0;; n++) {
		snprintf(name, sizeof(name), LOG_DIR "/ql.%d.%d", (int)getpid(), n);
		fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0666);
		if (fd >= 0 || errno != EEXIST)
			break;
	}
	if (fd >= 0) {
		fchmod(fd, 0666);	/* a later exec may run as another user (su nobody) */
		close(fd);
		setenv("QEMU_LOG_FILENAME", name, 1);
	}
	args = calloc(argc + 3, sizeof(*args));
	if (!args)
		return 127;
	args[0] = LOG_DIR "/qemu";
	args[1] = "-0";
	args[2] = argv[2];
	args[3] = argv[1];
	for (int i = 3; i < argc; i++)
		args[i + 1] = argv[i];
	execv(args[0], args);
	perror("qemu_log_exec: " LOG_DIR "/qemu");
	return 127;
}
