# ---- the VFS core (issue 12; owner: vfscore) -----------------------------------------------------
# files_core: the walk (., .., symlinks relative and absolute, 40 links and the 41st ELOOP,
# loops, trailing slashes, ENAMETOOLONG, ENOTDIR, ENOENT), open's flags and errno, read/write/
# lseek/pread/pwrite with a hole, the ABI's stat and statx, getdents64 and d_off, readlinkat,
# chdir/fchdir/getcwd, openat with directory fds, AT_EMPTY_PATH, EFAULT; booted as /init also
# a tmpfs with size= filled to ENOSPC, emptied and filled again, umount's EBUSY, EROFS, ENODEV
# and chroot. Under qemu-user (Linux's answers) those last checks SKIP; on Ferry a SKIP fails.
add_on_every_abi("files_core", reject=PROCESS_REJECT + [r"# SKIP"])
