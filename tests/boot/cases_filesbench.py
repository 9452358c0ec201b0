# SPDX-License-Identifier: GPL-2.0
# ---- the files issue's ABI-variant probe (issue 12; area: filesbench) --------------------------
# Run inside tests/boot/cases.py's namespace (add, add_on_every_abi, QEMU_USER_RUNS, ...).
#
# files_abi: each ABI's own forms of the file calls, read at Linux's byte offsets: i386/arm
# stat64/lstat64/fstat64/fstatat64, _llseek, the old getdents beside getdents64, fcntl64,
# truncate64/ftruncate64 and pread64/pwrite64 with split offsets (arm's register pair),
# statfs64 and the 32-bit statfs, chown16/lchown16/fchown16; x86_64's and arm64's native
# stat forms; statx everywhere. Under qemu-user (Linux's answers) in a folder of its own
# under the host's /tmp, which it removes again.
QEMU_USER_RUNS += [(_abi, "files_abi", 0, True) for _abi in ("x86_64", "i386", "arm64", "arm")]
# ... and booted on Ferry, every ABI (qemu-user's runs are the line above).
add_on_every_abi("files_abi", qemu_user=False)
# ---- end of the files issue's ABI-variant probe -------------------------------------------------
