# Memory for processes and files. Executed inside tests/boot/cases.py's namespace.
#
# mmrlimit: RLIMIT_AS (mmap, MAP_FIXED replacing pages, brk, the stack's growth), RLIMIT_DATA
# (private writable mmap, mprotect to writable, brk; shared and read-only memory not counted;
# the zero soft limit rule), RLIMIT_STACK set after exec bounding the stack's growth. Every
# ABI. Under qemu-user the limit checks SKIP (qemu does not apply these three limits to its
# guest); Linux's answers for them come from the native host runs in
# tests/host/test_mm_native.py. Ferry must not SKIP.
add_on_every_abi("mmrlimit", reject=[r"Oops", r"WARNING", r"BUG", r"# SKIP"], expect=[r"14 passed, 0 failed"])
# madvise: Linux's argument checks and errno, MADV_DONTNEED (private zeroed, shared kept), a
# hole (ENOMEM after the rest), the common advice, FREE, REMOVE, WIPEONFORK and DONTFORK as
# fork sees them, POPULATE_READ/WRITE. Not under qemu-user: 7.2 answers most advice with 0
# (9 of 13 checks fail there); Linux's answers come from the native x86_64 run in
# tests/host/test_mm_native.py. A child killed by SIGSEGV is expected (MADV_DONTFORK).
add_on_every_abi("madvise", qemu_user=False, reject=[r"Oops", r"WARNING", r"BUG"],
                 expect=[r"13 passed, 0 failed"])
# mmapfile: file mappings on a tmpfs file the probe writes in /tmp: MAP_SHARED (the file's own
# pages: stores seen by read(), writes by the mapping, a child's stores by the parent),
# MAP_PRIVATE (the file's data until written, then a copy), offsets, EACCES/ENODEV/EBADF/
# EINVAL as Linux, a mapping outliving close(), /dev/zero private and shared, msync's errno.
# Under qemu-user on x86_64 and arm64 (Linux's answers); not on i386/arm, where qemu-user's
# reservation of the 32-bit guest space makes msync over a hole return 0 (Linux: ENOMEM).
# The child reading past the file's end dies of SIGBUS on purpose ("killed by" expected).
add_on_every_abi("mmapfile", qemu_user=False, expect=[r"15 passed, 0 failed", r"killed by SIGBUS"],
                 reject=[r"Oops", r"WARNING", r"BUG"])
QEMU_USER_RUNS += [("x86_64", "mmapfile", 0, True), ("arm64", "mmapfile", 0, True)]
