# Memory for processes and files. Executed inside tests/boot/cases.py's namespace.
#
# mmrlimit: RLIMIT_AS (mmap, MAP_FIXED replacing pages, brk, the stack's growth), RLIMIT_DATA
# (private writable mmap, mprotect to writable, brk; shared and read-only memory not counted;
# the zero soft limit rule), RLIMIT_STACK set after exec bounding the stack's growth. Every
# ABI. Under qemu-user the limit checks SKIP (qemu does not apply these three limits to its
# guest); Linux's answers for them come from the native host runs in
# tests/host/test_mm_native.py. Ferry must not SKIP.
add_on_every_abi("mmrlimit", reject=[r"Oops", r"WARNING", r"BUG", r"# SKIP"], expect=[r"14 passed, 0 failed"])
