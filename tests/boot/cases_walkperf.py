# ---- the path walk's names and dentry cache (issue 12; owner: walkperf) ----------------------
# Executed inside tests/boot/cases.py (add, add_on_every_abi, QEMU_USER_RUNS in scope).
# libc_walk_names: every name length to NAME_MAX and path length to PATH_MAX, ENAMETOOLONG at
# both limits, a name against an unmapped page (EFAULT) or ending at a mapping's last byte
# (works), 2000 entries in one directory found, renamed and removed by name, a renamed
# directory, O_NOFOLLOW with a trailing slash; under qemu-user too (Linux's answers).
# On Ferry it runs with "hole-limit" (4096 bytes without a NUL before an unmapped page is
# ENAMETOOLONG, as on Linux run natively; qemu-user reads the name itself and says EFAULT,
# so there those two checks SKIP) and must SKIP nothing.
add_on_every_abi("libc_walk_names", timeout=120, reject=PROCESS_REJECT + [r"# SKIP"],
                 run_args=["--args", "hole-limit"])
# ---- end of walkperf ---------------------------------------------------------------------------
