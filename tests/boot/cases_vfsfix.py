# ---- the VFS core review's fixes (issue 12; owner: vfsfix) ---------------------------------
# files_review: fchdir and fstatat/statx(fd, "", AT_EMPTY_PATH) on pipes and the console,
# tmpfs files written far apart (a sparse page index, writes up to MAX_LFS_FILESIZE), O_TRUNC
# of an empty file moving mtime, pread/pwrite past LLONG_MAX, lseek SEEK_END on a directory,
# readlinkat of "". Also under qemu-user (Linux's answers).
add_on_every_abi("files_review")
