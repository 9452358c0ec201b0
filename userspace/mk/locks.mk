# File locks (issue 14's prerequisite: busybox and glibc lock files): fcntl POSIX and OFD
# record locks with each ABI's struct flock/flock64, and flock(2). fs/locks.c.
probes-common += locks
