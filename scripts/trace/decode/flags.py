"""Flag sets and constants by name, strace's way: O_RDONLY|O_CLOEXEC, PROT_READ|PROT_WRITE,
MAP_PRIVATE|MAP_ANONYMOUS, AT_FDCWD, CLOCK_MONOTONIC, SEEK_SET, CLONE_VM|...|SIGCHLD, ...

Values are Linux's UAPI ones; where an arch differs (the O_* bits of arm and arm64) the table
is chosen by ABI. Bits no name covers print in hex after the names (O_RDONLY|0x80000000).
Tables are in strace's order of names (its xlat lists), which is not always the bits' order:
MAP_NORESERVE before MAP_GROWSDOWN, SA_RESTORER first, AT_SYMLINK_NOFOLLOW before AT_EACCESS.
A constant no name covers prints as strace's `0x7 /* SIG_??? */` (xlat).
"""
from . import signals
from .text import unknown

ARM_ABIS = ("arm64", "arm")


def bits(value, table, zero="0"):
    """value as NAME|NAME|0xrest from [(bit, name), ...]; zero's text when value is 0."""
    if value == 0:
        return zero
    out = []
    for bit, name in table:
        if bit and value & bit == bit:
            out.append(name)
            value &= ~bit
    if value:
        out.append(hex(value))
    return "|".join(out)


def xlat(value, table, prefix, width=32):
    """A constant's name from {value: name}, else strace's `0x7 /* PREFIX_??? */`."""
    if value in table:
        return table[value]
    return unknown(value, prefix, width)


def s32(v):
    v &= 0xffffffff
    return v - (1 << 32) if v & 0x80000000 else v


def s64(v):
    v &= (1 << 64) - 1
    return v - (1 << 64) if v >> 63 else v


# ---- open(2) --------------------------------------------------------------------------
# strace's order of the names (not the bits' order): O_TMPFILE before O_DIRECTORY, which it
# contains; O_SYNC before O_DSYNC and __O_SYNC, which make it up.
_O_ORDER = ("O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC",
            "__O_SYNC", "O_DSYNC", "O_DIRECT", "O_LARGEFILE", "O_NOFOLLOW", "O_NOATIME",
            "O_CLOEXEC", "O_PATH", "O_TMPFILE", "__O_TMPFILE", "O_DIRECTORY", "FASYNC")
_O_GENERIC = {"O_CREAT": 0o100, "O_EXCL": 0o200, "O_NOCTTY": 0o400, "O_TRUNC": 0o1000,
              "O_APPEND": 0o2000, "O_NONBLOCK": 0o4000, "O_DSYNC": 0o10000, "FASYNC": 0o20000,
              "O_NOATIME": 0o1000000, "O_CLOEXEC": 0o2000000, "__O_SYNC": 0o4000000,
              "O_PATH": 0o10000000, "__O_TMPFILE": 0o20000000}
_O_X86 = dict(_O_GENERIC, O_DIRECT=0o40000, O_LARGEFILE=0o100000, O_DIRECTORY=0o200000,
              O_NOFOLLOW=0o400000)
_O_ARM = dict(_O_GENERIC, O_DIRECTORY=0o40000, O_NOFOLLOW=0o100000, O_DIRECT=0o200000,
              O_LARGEFILE=0o400000)
for _t in (_O_X86, _O_ARM):
    _t["O_SYNC"] = _t["__O_SYNC"] | _t["O_DSYNC"]
    _t["O_TMPFILE"] = _t["__O_TMPFILE"] | _t["O_DIRECTORY"]
_O_TABLES = {arch: [(t[n], n) for n in _O_ORDER] for arch, t in (("x86", _O_X86), ("arm", _O_ARM))}
ACCMODE = ["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"]


def open_flags(v, abi):
    v &= 0xffffffff
    table = _O_TABLES["arm" if abi in ARM_ABIS else "x86"]
    rest = bits(v & ~3, table, zero="")
    return ACCMODE[v & 3] + ("|" + rest if rest else "")


def open_has_mode(v, abi):
    """Whether open's mode argument means anything (strace prints it only then)."""
    tmp = 0o20040000 if abi in ARM_ABIS else 0o20200000
    return bool(v & 0o100) or (v & tmp) == tmp


def mode(v):
    return "0%o" % v if v else "000"


S_IFMT = {0o140000: "S_IFSOCK", 0o120000: "S_IFLNK", 0o100000: "S_IFREG", 0o60000: "S_IFBLK",
          0o40000: "S_IFDIR", 0o20000: "S_IFCHR", 0o10000: "S_IFIFO"}


def st_mode(v):
    kind = S_IFMT.get(v & 0o170000)
    perm = "0%03o" % (v & 0o7777) if v & 0o7777 else "000"
    return f"{kind}|{perm}" if kind else perm


# ---- *at(2) ---------------------------------------------------------------------------
AT_FDCWD = -100
AT_FLAGS = [(0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_REMOVEDIR"), (0x400, "AT_SYMLINK_FOLLOW"),
            (0x800, "AT_NO_AUTOMOUNT"), (0x1000, "AT_EMPTY_PATH"), (0x2000, "AT_STATX_FORCE_SYNC"),
            (0x4000, "AT_STATX_DONT_SYNC"), (0x8000, "AT_RECURSIVE")]
AT_FLAGS_ACCESS = [(0x100, "AT_SYMLINK_NOFOLLOW"), (0x200, "AT_EACCESS"),
                   (0x1000, "AT_EMPTY_PATH")]


def dirfd(v):
    v = s32(v)
    return "AT_FDCWD" if v == AT_FDCWD else str(v)


ACCESS_MODE = [(4, "R_OK"), (2, "W_OK"), (1, "X_OK")]

# ---- memory ---------------------------------------------------------------------------
PROT = [(1, "PROT_READ"), (2, "PROT_WRITE"), (4, "PROT_EXEC"), (0x8, "PROT_SEM"),
        (0x01000000, "PROT_GROWSDOWN"), (0x02000000, "PROT_GROWSUP")]
PROT_ARM64 = PROT + [(0x10, "PROT_BTI"), (0x20, "PROT_MTE")]
MAP_TYPE = {0: "MAP_FILE", 1: "MAP_SHARED", 2: "MAP_PRIVATE", 3: "MAP_SHARED_VALIDATE"}
# strace's order (checked with multi-bit values: tests/host/fixtures/strace/flags.*)
MAP_32BIT = (0x40, "MAP_32BIT")
_MAP_HEAD = [(0x10, "MAP_FIXED"), (0x20, "MAP_ANONYMOUS")]
_MAP_TAIL = [(0x4000, "MAP_NORESERVE"), (0x8000, "MAP_POPULATE"), (0x10000, "MAP_NONBLOCK"),
             (0x100, "MAP_GROWSDOWN"), (0x800, "MAP_DENYWRITE"), (0x1000, "MAP_EXECUTABLE"),
             (0x2000, "MAP_LOCKED"), (0x20000, "MAP_STACK"), (0x40000, "MAP_HUGETLB"),
             (0x80000, "MAP_SYNC"), (0x100000, "MAP_FIXED_NOREPLACE")]
MAP = _MAP_HEAD + _MAP_TAIL
MAP_X86_64 = _MAP_HEAD + [MAP_32BIT] + _MAP_TAIL
MREMAP = [(1, "MREMAP_MAYMOVE"), (2, "MREMAP_FIXED"), (4, "MREMAP_DONTUNMAP")]
MADV = {0: "MADV_NORMAL", 1: "MADV_RANDOM", 2: "MADV_SEQUENTIAL", 3: "MADV_WILLNEED",
        4: "MADV_DONTNEED", 8: "MADV_FREE", 9: "MADV_REMOVE", 10: "MADV_DONTFORK",
        11: "MADV_DOFORK", 12: "MADV_MERGEABLE", 13: "MADV_UNMERGEABLE", 14: "MADV_HUGEPAGE",
        15: "MADV_NOHUGEPAGE", 16: "MADV_DONTDUMP", 17: "MADV_DODUMP", 18: "MADV_WIPEONFORK",
        19: "MADV_KEEPONFORK", 20: "MADV_COLD", 21: "MADV_PAGEOUT", 22: "MADV_POPULATE_READ",
        23: "MADV_POPULATE_WRITE", 24: "MADV_DONTNEED_LOCKED", 25: "MADV_COLLAPSE",
        100: "MADV_HWPOISON", 101: "MADV_SOFT_OFFLINE"}


def prot(v, abi):
    return bits(v, PROT_ARM64 if abi == "arm64" else PROT, zero="PROT_NONE")


def map_flags(v, abi):
    typ = MAP_TYPE.get(v & 0xf) or unknown(v & 0xf, "MAP")
    rest = bits(v & ~0xf, MAP_X86_64 if abi == "x86_64" else MAP, zero="")
    return typ + ("|" + rest if rest else "")


# ---- clocks, seek, fcntl, futex -------------------------------------------------------
CLOCKS = {0: "CLOCK_REALTIME", 1: "CLOCK_MONOTONIC", 2: "CLOCK_PROCESS_CPUTIME_ID",
          3: "CLOCK_THREAD_CPUTIME_ID", 4: "CLOCK_MONOTONIC_RAW", 5: "CLOCK_REALTIME_COARSE",
          6: "CLOCK_MONOTONIC_COARSE", 7: "CLOCK_BOOTTIME", 8: "CLOCK_REALTIME_ALARM",
          9: "CLOCK_BOOTTIME_ALARM", 11: "CLOCK_TAI"}
TIMER_ABSTIME = [(1, "TIMER_ABSTIME")]
SEEK = {0: "SEEK_SET", 1: "SEEK_CUR", 2: "SEEK_END", 3: "SEEK_DATA", 4: "SEEK_HOLE"}
FCNTL = {0: "F_DUPFD", 1: "F_GETFD", 2: "F_SETFD", 3: "F_GETFL", 4: "F_SETFL", 5: "F_GETLK",
         6: "F_SETLK", 7: "F_SETLKW", 8: "F_SETOWN", 9: "F_GETOWN", 10: "F_SETSIG",
         11: "F_GETSIG", 1024: "F_SETLEASE", 1025: "F_GETLEASE", 1026: "F_NOTIFY",
         1030: "F_DUPFD_CLOEXEC", 1031: "F_SETPIPE_SZ", 1032: "F_GETPIPE_SZ",
         1033: "F_ADD_SEALS", 1034: "F_GET_SEALS"}
FCNTL64 = {12: "F_GETLK64", 13: "F_SETLK64", 14: "F_SETLKW64"}
LEASE = {0: "F_RDLCK", 1: "F_WRLCK", 2: "F_UNLCK"}
FD_FLAGS = [(1, "FD_CLOEXEC")]
FUTEX_OPS = {0: "FUTEX_WAIT", 1: "FUTEX_WAKE", 2: "FUTEX_FD", 3: "FUTEX_REQUEUE",
             4: "FUTEX_CMP_REQUEUE", 5: "FUTEX_WAKE_OP", 6: "FUTEX_LOCK_PI", 7: "FUTEX_UNLOCK_PI",
             8: "FUTEX_TRYLOCK_PI", 9: "FUTEX_WAIT_BITSET", 10: "FUTEX_WAKE_BITSET",
             11: "FUTEX_WAIT_REQUEUE_PI", 12: "FUTEX_CMP_REQUEUE_PI", 13: "FUTEX_LOCK_PI2"}


def futex_op(v):
    """FUTEX_WAIT_BITSET_PRIVATE|FUTEX_CLOCK_REALTIME: strace puts the clock last."""
    cmd = v & 0x7f
    name = FUTEX_OPS.get(cmd) or unknown(cmd, "FUTEX")
    if v & 128:
        name += "_PRIVATE"
    if v & 256:
        name += "|FUTEX_CLOCK_REALTIME"
    if v & ~0x1ff & 0xffffffff:
        name += "|" + hex(v & ~0x1ff & 0xffffffff)
    return name


# Which of uaddr, op, val, utime, uaddr2, val3 strace prints, per command (the others are
# unused by the kernel and left out).
FUTEX_ARGS = {0: "uaddr op val utime", 1: "uaddr op val", 9: "uaddr op val utime val3",
              10: "uaddr op val val3", 6: "uaddr op utime", 13: "uaddr op utime",
              7: "uaddr op", 8: "uaddr op"}


# ---- processes ------------------------------------------------------------------------
CLONE = [(0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"),
         (0x800, "CLONE_SIGHAND"), (0x1000, "CLONE_PIDFD"), (0x2000, "CLONE_PTRACE"),
         (0x4000, "CLONE_VFORK"), (0x8000, "CLONE_PARENT"), (0x10000, "CLONE_THREAD"),
         (0x20000, "CLONE_NEWNS"), (0x40000, "CLONE_SYSVSEM"), (0x80000, "CLONE_SETTLS"),
         (0x100000, "CLONE_PARENT_SETTID"), (0x200000, "CLONE_CHILD_CLEARTID"),
         (0x800000, "CLONE_UNTRACED"),
         (0x1000000, "CLONE_CHILD_SETTID"), (0x2000000, "CLONE_NEWCGROUP"),
         (0x4000000, "CLONE_NEWUTS"), (0x8000000, "CLONE_NEWIPC"), (0x10000000, "CLONE_NEWUSER"),
         (0x20000000, "CLONE_NEWPID"), (0x40000000, "CLONE_NEWNET"), (0x80000000, "CLONE_IO")]


def clone_flags(v):
    """CLONE_* names, then the exit signal (the low byte) by name, as strace ends them."""
    sig = v & 0xff
    text = bits(v & ~0xff, CLONE, zero="")
    if sig:
        text = (text + "|" if text else "") + signals.signame(sig)
    return text or "0"


WAIT_OPTIONS = [(1, "WNOHANG"), (2, "WSTOPPED"), (4, "WEXITED"), (8, "WCONTINUED"),
                (0x1000000, "WNOWAIT"), (0x20000000, "__WNOTHREAD"), (0x80000000, "__WCLONE"),
                (0x40000000, "__WALL")]
SA = [(0x04000000, "SA_RESTORER"), (0x08000000, "SA_ONSTACK"), (0x10000000, "SA_RESTART"),
      (0x20000000, "SA_INTERRUPT"), (0x40000000, "SA_NODEFER"), (0x80000000, "SA_RESETHAND"),
      (0x4, "SA_SIGINFO"), (0x1, "SA_NOCLDSTOP"), (0x2, "SA_NOCLDWAIT")]
SIG_HOW = {0: "SIG_BLOCK", 1: "SIG_UNBLOCK", 2: "SIG_SETMASK"}
RLIMITS = {0: "RLIMIT_CPU", 1: "RLIMIT_FSIZE", 2: "RLIMIT_DATA", 3: "RLIMIT_STACK",
           4: "RLIMIT_CORE", 5: "RLIMIT_RSS", 6: "RLIMIT_NPROC", 7: "RLIMIT_NOFILE",
           8: "RLIMIT_MEMLOCK", 9: "RLIMIT_AS", 10: "RLIMIT_LOCKS", 11: "RLIMIT_SIGPENDING",
           12: "RLIMIT_MSGQUEUE", 13: "RLIMIT_NICE", 14: "RLIMIT_RTPRIO", 15: "RLIMIT_RTTIME"}
RUSAGE_WHO = {0: "RUSAGE_SELF", -1: "RUSAGE_CHILDREN", 1: "RUSAGE_THREAD"}
ARCH_PRCTL = {0x1001: "ARCH_SET_GS", 0x1002: "ARCH_SET_FS", 0x1003: "ARCH_GET_FS",
              0x1004: "ARCH_GET_GS", 0x1011: "ARCH_GET_CPUID", 0x1012: "ARCH_SET_CPUID"}
PRCTL = {1: "PR_SET_PDEATHSIG", 2: "PR_GET_PDEATHSIG", 3: "PR_GET_DUMPABLE",
         4: "PR_SET_DUMPABLE", 15: "PR_SET_NAME", 16: "PR_GET_NAME", 38: "PR_SET_NO_NEW_PRIVS",
         39: "PR_GET_NO_NEW_PRIVS", 36: "PR_SET_CHILD_SUBREAPER", 37: "PR_GET_CHILD_SUBREAPER"}
GRND = [(1, "GRND_NONBLOCK"), (2, "GRND_RANDOM"), (4, "GRND_INSECURE")]


def pipe_flags(v, abi):
    """pipe2's flags: open's names in open's order, without an access mode."""
    return bits(v & 0xffffffff, _O_TABLES["arm" if abi in ARM_ABIS else "x86"])


# ---- ioctl requests (terminals) -------------------------------------------------------
IOCTLS = {0x5401: "TCGETS", 0x5402: "TCSETS", 0x5403: "TCSETSW", 0x5404: "TCSETSF",
          0x5405: "TCGETA", 0x5406: "TCSETA", 0x5407: "TCSETAW", 0x5408: "TCSETAF",
          0x5409: "TCSBRK", 0x540a: "TCXONC", 0x540b: "TCFLSH", 0x540c: "TIOCEXCL",
          0x540d: "TIOCNXCL", 0x540e: "TIOCSCTTY", 0x540f: "TIOCGPGRP", 0x5410: "TIOCSPGRP",
          0x5411: "TIOCOUTQ", 0x5412: "TIOCSTI", 0x5413: "TIOCGWINSZ", 0x5414: "TIOCSWINSZ",
          0x541b: "FIONREAD", 0x5421: "FIONBIO", 0x5422: "TIOCNOTTY", 0x5424: "TIOCSETD",
          0x5425: "TIOCGETD", 0x5429: "TIOCGSID", 0x5450: "FIONCLEX", 0x5451: "FIOCLEX",
          0x5452: "FIOASYNC", 0x80045430: "TIOCGPTN", 0x40045431: "TIOCSPTLCK",
          0x802c542a: "TCGETS2", 0x402c542b: "TCSETS2"}
