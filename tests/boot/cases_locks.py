# File locks (fs/locks.c): fcntl POSIX and OFD record locks with each ABI's struct flock and
# flock64, F_SETLKW's sleep and EDEADLK, release on close, flock(2). Every ABI booted.
# Linux's answers: qemu-user on x86_64 and arm64 (20/20), the x86_64 build natively on the
# host (tests/host/test_mm_native.py), and Debian's Linux 6.1 booted on all four ABIs
# (scripts/trace/linux_kernel.py: 20/22/20/22). Not under qemu-user on i386/arm: it hands
# fcntl's commands to the 64-bit host, so plain fcntl accepts F_GETLK64 and a 32-bit
# F_GETLK of a lock past 2 GiB does not overflow (Linux 6.1's compat_sys_fcntl: EINVAL,
# EOVERFLOW; checks 16 and 17).
add_on_every_abi("locks", qemu_user=False)
QEMU_USER_RUNS += [("x86_64", "locks", 0, True), ("arm64", "locks", 0, True)]
