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
