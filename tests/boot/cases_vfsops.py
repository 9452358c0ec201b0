# ---- directory and metadata calls (issue 12; owner: vfsops) -----------------------------------
# Executed inside tests/boot/cases.py (add, add_on_every_abi, QEMU_USER_RUNS in scope).
# Each is a glibc program (userspace/libc/files_*.c) run as /init on every ABI and under
# qemu-user, so the expected answers are Linux's:
# libc_files_fcntl: dup/dup2/dup3, fcntl (and fcntl64), close_range, RLIMIT_NOFILE.
add_on_every_abi("libc_files_fcntl")
# libc_files_dirops: mkdir/mknod/unlink/rmdir/rename(2)/link/symlink and their errno, with a
# tmpfs mounted inside its directory for EXDEV and EBUSY.
add_on_every_abi("libc_files_dirops")
# libc_files_attr: chmod/chown (16-bit forms too), utimensat and the old time calls,
# truncate (truncate64's split offsets), access/faccessat2, statfs, sync/fsync.
add_on_every_abi("libc_files_attr")
# libc_files_perm: uid 1000 against root's files: EACCES/EPERM exactly where Linux gives them
# (search, write, sticky directories, chown/chmod by a non-owner, utimensat, access's real ids).
add_on_every_abi("libc_files_perm")
# ---- end of directory and metadata calls ------------------------------------------------------
