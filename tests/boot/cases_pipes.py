# Pipes, poll/select and the memory/random devices (issue 12; owner: the pipes area).
# Executed in tests/boot/cases.py's namespace. Each probe runs as /init on every ABI and,
# unchanged, under qemu-user (Linux's answers are the expected ones).

# pipes: pipe2's flags and errno, 1 MiB and small writes between processes byte for byte,
# PIPE_BUF atomicity with two writers, O_NONBLOCK, EOF and SIGPIPE (in the wait status).
add_on_every_abi("pipes")
# poll: poll/ppoll/select/pselect6 on pipes and a regular file, wake-ups from another
# process, timeouts and the time left, POLLNVAL/POLLHUP/POLLERR, EBADF/EINVAL/EFAULT.
add_on_every_abi("poll")
# random: getrandom's flags and errno, fresh bytes each call, AT_RANDOM.
add_on_every_abi("random")
# devices: /dev/null, zero, full, random, urandom (drivers/char/mem.c).
add_on_every_abi("devices")
# pipes_vfs: a pipe as a file (fstat's S_IFIFO, ESPIPE, FIONREAD, F_GETPIPE_SZ/F_SETPIPE_SZ,
# /proc/self/fd's pipe:[ino]; as init it mounts /proc itself) and named FIFOs from mknodat.
add_on_every_abi("pipes_vfs")
