# Example programs (issue 14; owner: procs): ordinary static glibc programs whose whole output
# is the same on every kernel and ABI — file I/O and stdio buffering, fork/exec/wait, a pthread
# pool, signal handlers (userspace/libc/prog_*.c, shared helpers in prog.h). The userland
# installs them in /usr/bin; userspace/scripts/programs.sh runs them in the script suite
# (compared with Linux 6.1), tests/boot/cases_procs.py compares Ferry's output with qemu-user's.
probes-libc-extra += libc_prog_fileio libc_prog_forkexec libc_prog_threadpool libc_prog_signals
# libc_prog_run: runs the others in turn, as /init of the boot case that compares them.
probes-libc-extra += libc_prog_run
