"""Syscall name normalisation across ABIs, derived from the .tbl files.

Two levels:

  canonical  (a) rows whose entry point is the same kernel function are the same call, on
             any ABI: i386 `_newselect` and x86_64 `select` are both sys_select -> `select`;
             `uname` is sys_newuname everywhere. The canonical name is the arm64 (generic)
             name of that function, else the x86_64 one, else the i386 one. When that name
             is already taken by another function (i386 `mmap` is sys_old_mmap, not
             sys_mmap), the function's name without "sys_" is used (`old_mmap`). The
             arm (AArch32 EABI) names come last: arm `_llseek`, `mmap2`, `getuid32` and
             `clock_gettime64` are the i386 calls of the same entry points, arm `semctl`
             (sys_old_semctl) is `old_semctl`. ARM's private calls past the table
             (set_tls 0x0f0005, cacheflush 0x0f0002, ...) have no entry point and keep
             their names: no other ABI has them.
  family     (b) an explicit table of legacy calls and the generic call that replaces them
             on ABIs without the legacy one (arm64 has no `open`: `openat`; arm
             `arm_fadvise64_64`: `fadvise64`), plus one rule: a call named `<stem>16`,
             `<stem>32`, `<stem>_time32`, `<stem>_time64` or `<stem>64` whose `<stem>` is a
             generic call is in `<stem>`'s family (16-bit uid calls, 32-bit time calls, the
             32-bit ABIs' 64-bit time calls such as `clock_settime64`, `futex_time64`).
             Every entry is checked against the tables when the Normalizer is built.

Two calls with the same canonical name are the same call; the same family but different
canonical names means they differ "only in the ABI name" (open vs openat).
"""
from . import tables as tbl

# (ABIs that have the legacy call, legacy canonical name, generic family name, note)
LEGACY = [
    (("x86_64", "i386", "arm"), "open", "openat", "open(p, f, m) = openat(AT_FDCWD, p, f, m)"),
    (("x86_64", "i386", "arm"), "creat", "openat", "creat(p, m) = openat(AT_FDCWD, p, O_CREAT|O_WRONLY|O_TRUNC, m)"),
    (("x86_64", "i386", "arm"), "stat", "newfstatat", "stat(p, b) = newfstatat(AT_FDCWD, p, b, 0)"),
    (("x86_64", "i386", "arm"), "lstat", "newfstatat", "lstat = newfstatat(..., AT_SYMLINK_NOFOLLOW)"),
    (("i386", "arm"), "stat64", "newfstatat", "32-bit ABIs' 64-bit stat structure"),
    (("i386", "arm"), "lstat64", "newfstatat", "32-bit ABIs' 64-bit stat structure"),
    (("i386", "arm"), "fstatat64", "newfstatat", "the 32-bit ABIs' name of newfstatat"),
    (("i386", "arm"), "fstat64", "fstat", "32-bit ABIs' 64-bit stat structure"),
    (("x86_64", "i386", "arm"), "fork", "clone", "fork() = clone(SIGCHLD, 0)"),
    (("x86_64", "i386", "arm"), "vfork", "clone", "vfork() = clone(CLONE_VM|CLONE_VFORK|SIGCHLD, 0)"),
    (("x86_64", "i386", "arm"), "select", "pselect6", "select with a timeval instead of a timespec"),
    (("i386",), "old_select", "pselect6", "i386 select(2) taking one struct of arguments"),
    (("i386", "arm"), "mmap2", "mmap", "offset in pages instead of bytes"),
    (("i386",), "old_mmap", "mmap", "i386 mmap(2) taking one struct of arguments"),
    (("i386", "arm"), "_llseek", "lseek", "64-bit offset in two registers, result through a pointer"),
    (("x86_64",), "time", "clock_gettime", "loose: time() ~ clock_gettime(CLOCK_REALTIME)"),
    (("x86_64", "i386", "arm"), "getdents", "getdents64", "older dirent layout"),
    (("x86_64", "i386", "arm"), "dup2", "dup3", "dup2(a, b) = dup3(a, b, 0) (except when a == b)"),
    (("x86_64", "i386", "arm"), "pipe", "pipe2", "pipe(p) = pipe2(p, 0)"),
    (("x86_64", "i386", "arm"), "access", "faccessat", "access(p, m) = faccessat(AT_FDCWD, p, m)"),
    (("x86_64", "i386", "arm"), "readlink", "readlinkat", "readlink(...) = readlinkat(AT_FDCWD, ...)"),
    (("x86_64", "i386", "arm"), "unlink", "unlinkat", "unlink(p) = unlinkat(AT_FDCWD, p, 0)"),
    (("x86_64", "i386", "arm"), "rmdir", "unlinkat", "rmdir(p) = unlinkat(AT_FDCWD, p, AT_REMOVEDIR)"),
    (("x86_64", "i386", "arm"), "mkdir", "mkdirat", "mkdir(p, m) = mkdirat(AT_FDCWD, p, m)"),
    (("x86_64", "i386", "arm"), "mknod", "mknodat", "mknod(...) = mknodat(AT_FDCWD, ...)"),
    (("x86_64", "i386", "arm"), "link", "linkat", "link(a, b) = linkat(AT_FDCWD, a, AT_FDCWD, b, 0)"),
    (("x86_64", "i386", "arm"), "symlink", "symlinkat", "symlink(a, b) = symlinkat(a, AT_FDCWD, b)"),
    (("x86_64", "i386", "arm"), "rename", "renameat", "rename(a, b) = renameat(AT_FDCWD, a, AT_FDCWD, b)"),
    (("x86_64", "i386", "arm"), "chmod", "fchmodat", "chmod(p, m) = fchmodat(AT_FDCWD, p, m)"),
    (("x86_64", "i386", "arm"), "chown", "fchownat", "chown(...) = fchownat(AT_FDCWD, ..., 0)"),
    (("x86_64", "i386", "arm"), "lchown", "fchownat", "lchown = fchownat(..., AT_SYMLINK_NOFOLLOW)"),
    (("x86_64", "i386", "arm"), "poll", "ppoll", "timeout in ms instead of a timespec"),
    (("x86_64", "i386", "arm"), "epoll_create", "epoll_create1", "epoll_create(n) = epoll_create1(0)"),
    (("x86_64", "i386", "arm"), "epoll_wait", "epoll_pwait", "epoll_pwait without a signal mask"),
    (("x86_64", "i386", "arm"), "inotify_init", "inotify_init1", "inotify_init() = inotify_init1(0)"),
    (("x86_64", "i386", "arm"), "eventfd", "eventfd2", "eventfd(n) = eventfd2(n, 0)"),
    (("x86_64", "i386", "arm"), "signalfd", "signalfd4", "signalfd(...) = signalfd4(..., 0)"),
    (("x86_64", "i386", "arm"), "getpgrp", "getpgid", "getpgrp() = getpgid(0)"),
    (("i386",), "waitpid", "wait4", "waitpid(p, s, o) = wait4(p, s, o, NULL)"),
    (("i386", "arm"), "truncate64", "truncate", "64-bit length in two registers"),
    (("i386", "arm"), "ftruncate64", "ftruncate", "64-bit length in two registers"),
    (("i386", "arm"), "fcntl64", "fcntl", "fcntl with 64-bit locks on a 32-bit ABI"),
    (("i386", "arm"), "statfs64", "statfs", "64-bit statfs structure"),
    (("i386", "arm"), "fstatfs64", "fstatfs", "64-bit statfs structure"),
    (("i386",), "fadvise64_64", "fadvise64", "64-bit offset and length"),
    (("i386", "arm"), "ugetrlimit", "getrlimit", "getrlimit whose RLIM_INFINITY is unsigned"),
    (("i386", "arm"), "sigaction", "rt_sigaction", "the old sigaction with a one-word signal mask"),
    (("i386", "arm"), "sigprocmask", "rt_sigprocmask", "the old call with a one-word signal mask"),
    (("i386", "arm"), "sigpending", "rt_sigpending", "the old call with a one-word signal mask"),
    (("i386", "arm"), "sigsuspend", "rt_sigsuspend", "the old call with a one-word signal mask"),
    (("i386", "arm"), "sigreturn", "rt_sigreturn", "return from a handler set up without SA_SIGINFO"),
    # i386's and arm's rows name Linux's utimes_time32/futimesat_time32 (the _time32 suffix
    # brings them to these).
    (("x86_64",), "utimes", "utimensat", "utimes(p, tv) = utimensat(AT_FDCWD, p, ts, 0), microseconds"),
    (("x86_64",), "futimesat", "utimensat", "futimesat(d, p, tv) = utimensat(d, p, ts, 0), microseconds"),
    # arm's own calls (arch/arm64/tools/syscall_32.tbl): the EABI passes a 64-bit argument in
    # an even/odd register pair, so arm reorders the arguments of these two.
    (("arm",), "arm_fadvise64_64", "fadvise64", "advice before the 64-bit offset and length"),
    (("arm",), "arm_sync_file_range", "sync_file_range",
     "sys_sync_file_range2 (uapi: sync_file_range2): flags before the 64-bit offset and length"),
    (("arm",), "send", "sendto", "send(s, b, n, f) = sendto(s, b, n, f, NULL, 0)"),
    (("arm",), "recv", "recvfrom", "recv(s, b, n, f) = recvfrom(s, b, n, f, NULL, NULL)"),
    (("arm",), "old_semctl", "semctl", "arm's semctl (sys_old_semctl: reads the IPC_64 flag)"),
    (("arm",), "old_msgctl", "msgctl", "arm's msgctl (sys_old_msgctl: reads the IPC_64 flag)"),
    (("arm",), "old_shmctl", "shmctl", "arm's shmctl (sys_old_shmctl: reads the IPC_64 flag)"),
]
# A non-generic call named <stem><suffix> whose <stem> is a generic (arm64) call is in <stem>'s
# family: i386 and arm uid/gid calls (getuid32, or getuid = sys_getuid16), 32-bit time calls
# (clock_gettime = sys_clock_gettime32) and the 32-bit ABIs' 64-bit time calls
# (clock_settime64, futex_time64; clock_gettime64 is sys_clock_gettime itself).
SUFFIXES = [
    ("_time64", "the same call with a 64-bit time_t on a 32-bit ABI"),
    ("_time32", "the same call with a 32-bit time_t"),
    ("32", "the same call with 32-bit uid/gid or time values"),
    ("16", "the same call with 16-bit uid/gid values"),
    ("64", "the same call with a 64-bit time_t on a 32-bit ABI"),
]


# Whose name a call's canonical name is, when several ABIs have it (see the module's opening).
PREFERENCE = ("arm64", "x86_64", "i386", "arm")


def unknown_name(nr):
    """Comparison name of a number the tables do not know (Linux reads the low 32 bits)."""
    return "syscall_0x%x" % ((nr or 0) & 0xffffffff)


class Normalizer:
    """Maps (abi, name) to a canonical name and a family, from the tables."""

    def __init__(self, tables=None):
        self.tables = tables or tbl.load()
        self.canon = {abi: {} for abi in tbl.ABIS}   # {abi: {name: canonical}}
        self.entry_of = {}                            # canonical -> entry point
        self.family = {}                              # canonical -> (family, rule, note)
        self._derive_canonical()
        self._check_legacy()

    # (a) same entry point, same call
    def _derive_canonical(self):
        t = self.tables
        names = {}            # entry -> {abi: name}
        for abi in tbl.ABIS:
            for row in sorted(t.rows.get(abi, []), key=lambda r: r.nr):
                if not row.entry or row.entry == "sys_ni_syscall":
                    continue
                names.setdefault(row.entry, {}).setdefault(abi, row.name)

        def rank(item):
            entry, per_abi = item
            for i, abi in enumerate(PREFERENCE):
                if abi in per_abi:
                    return (i, entry)
            return (9, entry)

        taken = {}
        for entry, per_abi in sorted(names.items(), key=rank):
            pref = next(per_abi[a] for a in PREFERENCE if a in per_abi)
            name = pref
            if name in taken:
                name = entry[4:] if entry.startswith("sys_") else entry
                if name in taken:
                    name = f"{pref}@{next(iter(per_abi))}"
            taken[name] = entry
            self.entry_of[name] = entry
            for abi, n in per_abi.items():
                self.canon[abi][n] = name
        for abi in tbl.ABIS:      # rows without a real entry point keep their own name
            for row in t.rows.get(abi, []):
                self.canon[abi].setdefault(row.name, row.name)

    # (b) legacy -> generic, checked against the tables
    def _check_legacy(self):
        generic = set(self.canon["arm64"].values())
        problems = []
        for abis, legacy, fam, note in LEGACY:
            if fam not in generic:
                problems.append(f"{legacy} -> {fam}: {fam} is not in the arm64 table")
            for abi in abis:
                if legacy not in self.canon[abi].values():
                    problems.append(f"{legacy} -> {fam}: no {abi} call normalises to {legacy}")
            if legacy in generic:
                problems.append(f"{legacy} -> {fam}: {legacy} is itself a generic call")
            self.family[legacy] = (fam, "legacy", note)
        for abi in ("x86_64", "i386", "arm"):
            for canon in sorted(set(self.canon[abi].values())):
                if canon in generic or canon in self.family:
                    continue
                for suffix, note in SUFFIXES:
                    stem = canon[:-len(suffix)]
                    if canon.endswith(suffix) and (stem in generic or stem in self.family):
                        self.family[canon] = (self.family_of(stem), "suffix", note)
                        break
        if problems:
            raise tbl.TableError("legacy normalisation table disagrees with the tables:\n  "
                                 + "\n  ".join(problems))

    def canonical(self, abi, name, nr=None):
        if name is None:
            return unknown_name(nr)
        return self.canon.get(abi, {}).get(name, name)

    def family_of(self, canonical):
        return self.family.get(canonical, (canonical, None, None))[0]

    def key(self, rec):
        """(canonical, family) of a syscall record."""
        c = self.canonical(rec.get("abi"), rec.get("name"), rec.get("nr"))
        return c, self.family_of(c)

    def mapping_rows(self, used=None):
        """Rows of the mapping for reports: every non-identity name mapping.

        Each row: {"abi", "name", "canonical", "family", "rule", "note"}. With used (a set of
        (abi, name)), only rows for those names.
        """
        rows = []
        for abi in tbl.ABIS:
            for row in sorted(self.tables.rows.get(abi, []), key=lambda r: r.nr):
                if used is not None and (abi, row.name) not in used:
                    continue
                c = self.canon[abi][row.name]
                fam, rule, note = self.family.get(c, (c, None, None))
                if c == row.name and fam == c:
                    continue
                if c != row.name:
                    others = sorted(f"{a} {n}" for a in tbl.ABIS for n, cc in self.canon[a].items()
                                    if cc == c and (a, n) != (abi, row.name))
                    same = f"same entry point {self.entry_of.get(c, '?')}" + (
                        f" as {', '.join(others)}" if others else "")
                    rule, note = ("entry", same) if fam == c else (
                        "entry+" + rule, same + "; " + note)
                rows.append({"abi": abi, "name": row.name, "canonical": c, "family": fam,
                             "rule": rule, "note": note})
        return rows
