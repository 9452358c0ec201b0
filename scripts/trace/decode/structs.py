"""Structures in user memory as strace prints them, per ABI (layouts from Linux's UAPI).

Each decoder takes the captured bytes and the ABI and returns strace's text, or None when
the bytes are too few for the structure (the caller then prints the pointer). To add one:
write a function (data, abi) -> text, and list it in STRUCTS under the name the metadata's
type uses (without "const", "struct" and "*"), one entry per layout (compat_* names are
the 32-bit ABIs' layouts). docs/tracing.md has the walk-through.
"""
import struct

from .. import tables
from . import flags as fl, signals
from .strings import quote_c_string
from .text import chex, ptr

BITS = tables.ABI_BITS


def _u(data, fmt, off=0):
    return struct.unpack_from("<" + fmt, data, off)


def _need(data, n):
    return data is not None and len(data) >= n


# ---- time ---------------------------------------------------------------------------
def _pair(fmt, first, second):
    """A decoder of a two-field structure: {first=.., second=..} from fmt ("qq", "ii")."""
    size = struct.calcsize("<" + fmt)

    def decode(data, abi):
        if not _need(data, size):
            return None
        x, y = _u(data, fmt)
        return f"{{{first}={x}, {second}={y}}}"
    return decode


timespec64 = _pair("qq", "tv_sec", "tv_nsec")
timespec32 = _pair("ii", "tv_sec", "tv_nsec")
timeval64 = _pair("qq", "tv_sec", "tv_usec")
timeval32 = _pair("ii", "tv_sec", "tv_usec")
timezone = _pair("ii", "tz_minuteswest", "tz_dsttime")


def timespec_native(data, abi):
    return timespec64(data, abi) if BITS[abi] == 64 else timespec32(data, abi)


# ---- stat ---------------------------------------------------------------------------
def makedev(dev):
    """glibc's major()/minor() of a dev_t, printed with C's %#x as strace does."""
    major = ((dev >> 8) & 0xfff) | ((dev >> 32) & 0xfffff000)
    minor = (dev & 0xff) | ((dev >> 12) & 0xffffff00)
    return f"makedev({chex(major)}, {chex(minor)})"


def _stat_text(mode, size, rdev):
    # strace without -v: the type and permissions, then the size (or the device numbers).
    kind = mode & 0o170000
    if kind in (0o20000, 0o60000):
        return f"{{st_mode={fl.st_mode(mode)}, st_rdev={makedev(rdev)}, ...}}"
    return f"{{st_mode={fl.st_mode(mode)}, st_size={size}, ...}}"


# Where the stat decoders read st_mode, st_rdev and st_size: (offset, struct format), per
# layout and ABI, from Linux's UAPI asm/stat.h. tests/host/test_tdecode_layouts.py checks
# every entry against the real headers (gcc, gcc -m32 and the arm and arm64 cross compilers).
STAT_FIELDS = {
    ("stat", "x86_64"): {"st_mode": (24, "I"), "st_rdev": (40, "Q"), "st_size": (48, "q")},
    ("stat", "arm64"): {"st_mode": (16, "I"), "st_rdev": (32, "Q"), "st_size": (48, "q")},
    # the 32-bit ABIs' old struct stat (i386's and arm's are the same)
    ("stat", "i386"): {"st_mode": (8, "H"), "st_rdev": (16, "I"), "st_size": (20, "I")},
    ("stat", "arm"): {"st_mode": (8, "H"), "st_rdev": (16, "I"), "st_size": (20, "I")},
    # struct stat64: i386 packs its 64-bit fields at 4 bytes, arm EABI aligns them at 8
    ("stat64", "i386"): {"st_mode": (16, "I"), "st_rdev": (32, "Q"), "st_size": (44, "q")},
    ("stat64", "arm"): {"st_mode": (16, "I"), "st_rdev": (32, "Q"), "st_size": (48, "q")},
}


def _stat_fields(data, layout, abi):
    fields = STAT_FIELDS.get((layout, abi))
    if fields is None:
        return None
    end = max(off + struct.calcsize("<" + f) for off, f in fields.values())
    if not _need(data, end):
        return None
    return _stat_text(*(_u(data, fields[k][1], fields[k][0])[0]
                        for k in ("st_mode", "st_size", "st_rdev")))


def stat_native(data, abi):
    """struct stat of the ABI (x86_64's own layout, arm64's asm-generic one, the 32-bit
    ABIs' old one)."""
    return _stat_fields(data, "stat", abi)


def compat_stat(data, abi):
    """The 32-bit ABIs' old struct stat (i386's stat/fstat/lstat; arm's)."""
    return _stat_fields(data, "stat", abi if BITS.get(abi) == 32 else "i386")


def stat64(data, abi):
    """struct stat64 (i386 and arm)."""
    return _stat_fields(data, "stat64", abi if abi == "arm" else "i386")


STATX_MASK = [(0x1, "STATX_TYPE"), (0x2, "STATX_MODE"), (0x4, "STATX_NLINK"),
              (0x8, "STATX_UID"), (0x10, "STATX_GID"), (0x20, "STATX_ATIME"),
              (0x40, "STATX_MTIME"), (0x80, "STATX_CTIME"), (0x100, "STATX_INO"),
              (0x200, "STATX_SIZE"), (0x400, "STATX_BLOCKS"), (0x800, "STATX_BTIME"),
              (0x1000, "STATX_MNT_ID"), (0x2000, "STATX_DIOALIGN")]


STATX_ATTRS = [(0x4, "STATX_ATTR_COMPRESSED"), (0x10, "STATX_ATTR_IMMUTABLE"),
               (0x20, "STATX_ATTR_APPEND"), (0x40, "STATX_ATTR_NODUMP"),
               (0x800, "STATX_ATTR_ENCRYPTED"), (0x1000, "STATX_ATTR_AUTOMOUNT"),
               (0x2000, "STATX_ATTR_MOUNT_ROOT"), (0x100000, "STATX_ATTR_VERITY"),
               (0x200000, "STATX_ATTR_DAX")]


def statx_mask(v):
    """strace's names: STATX_ALL (0xfff) or STATX_BASIC_STATS (0x7ff) first, then the rest."""
    for group, name in ((0xfff, "STATX_ALL"), (0x7ff, "STATX_BASIC_STATS")):
        if v & group == group:
            rest = fl.bits(v & ~group, STATX_MASK, zero="")
            return name + ("|" + rest if rest else "")
    return fl.bits(v, STATX_MASK)


# The fields the decoders below read, (offset, format), from the UAPI headers (checked by
# tests/host/test_tdecode_layouts.py with the ABIs' compilers, as STAT_FIELDS).
STATX_FIELDS = {"stx_mask": (0, "I"), "stx_attributes": (8, "Q"), "stx_mode": (28, "H"),
                "stx_size": (40, "Q")}
OLD_SIGACTION_FIELDS = {"sa_handler": (0, "I"), "sa_mask": (4, "I"), "sa_flags": (8, "I"),
                        "sa_restorer": (12, "I")}
USER_DESC_FIELDS = {"entry_number": (0, "i"), "base_addr": (4, "I"), "limit": (8, "I"),
                    "flags": (12, "I")}


def _fields(data, table, *names):
    return [_u(data, table[n][1], table[n][0])[0] for n in names]


def statx(data, abi):
    if not _need(data, 48):
        return None
    mask, attrs, mode, size = _fields(data, STATX_FIELDS, "stx_mask", "stx_attributes",
                                      "stx_mode", "stx_size")
    return (f"{{stx_mask={statx_mask(mask)}, stx_attributes={fl.bits(attrs, STATX_ATTRS)}"
            f", stx_mode={fl.st_mode(mode)}, stx_size={size}, ...}}")


# ---- limits, names, usage -----------------------------------------------------------
def _rlim(v, infinity):
    if v == infinity:
        return "RLIM64_INFINITY" if infinity == (1 << 64) - 1 else "RLIM_INFINITY"
    if v > 1024 and v % 1024 == 0:      # strace: 1024 itself stays 1024
        return f"{v // 1024}*1024"
    return str(v)


def rlimit64(data, abi):
    if not _need(data, 16):
        return None
    cur, mx = _u(data, "QQ")
    inf = (1 << 64) - 1
    return f"{{rlim_cur={_rlim(cur, inf)}, rlim_max={_rlim(mx, inf)}}}"


def rlimit_native(data, abi):
    """A 64-bit ABI's struct rlimit is struct rlimit64 (strace says RLIM64_INFINITY)."""
    if BITS[abi] == 32:
        return compat_rlimit(data, abi)
    return rlimit64(data, abi)


def compat_rlimit(data, abi):
    if not _need(data, 8):
        return None
    cur, mx = _u(data, "II")
    text = lambda v: "RLIM_INFINITY" if v == 0xffffffff else _rlim(v, None)  # noqa: E731
    return f"{{rlim_cur={text(cur)}, rlim_max={text(mx)}}}"


UTS_FIELDS = ("sysname", "nodename", "release", "version", "machine", "domainname")


def utsname(data, abi):
    if not _need(data, 65 * 2):      # strace shows sysname and nodename only (no -v)
        return None
    parts = []
    for i, f in enumerate(UTS_FIELDS):
        chunk = data[65 * i:65 * (i + 1)]
        if not chunk:
            break
        parts.append(f"{f}={quote_c_string(chunk)[0]}")
        if f == "nodename":     # strace stops after nodename without -v
            parts.append("...")
            break
    return "{" + ", ".join(parts) + "}"


def sysinfo(data, abi):
    wide = BITS[abi] == 64
    w = "q" if wide else "i"
    uw = "Q" if wide else "I"
    n = 8 if wide else 4
    fmt = w + uw * 3 + uw * 4 + uw * 2 + "H"
    need = struct.calcsize("<" + fmt)
    if not _need(data, need):
        return None
    v = _u(data, fmt)
    uptime, loads = v[0], v[1:4]
    totalram, freeram, sharedram, bufferram, totalswap, freeswap, procs = v[4:11]
    off = need + (-need % n)
    th = fh = 0
    mem_unit = 1
    if _need(data, off + 2 * n + 4):
        th, fh, mem_unit = _u(data, uw + uw + "I", off)
    return (f"{{uptime={uptime}, loads=[{', '.join(str(x) for x in loads)}], "
            f"totalram={totalram}, freeram={freeram}, sharedram={sharedram}, "
            f"bufferram={bufferram}, totalswap={totalswap}, freeswap={freeswap}, "
            f"procs={procs}, totalhigh={th}, freehigh={fh}, mem_unit={mem_unit}}}")


def rusage(data, abi):
    wide = BITS[abi] == 64
    w = "q" if wide else "i"
    if not _need(data, 4 * (8 if wide else 4)):
        return None
    us, uu, ss, su = _u(data, w * 4)
    return (f"{{ru_utime={{tv_sec={us}, tv_usec={uu}}}, "
            f"ru_stime={{tv_sec={ss}, tv_usec={su}}}, ...}}")


# ---- signals ------------------------------------------------------------------------
def sigset(data, abi):
    if not _need(data, 8):
        if _need(data, 4):
            return signals.sigset(_u(data, "I")[0], 32)
        return None
    return signals.sigset(_u(data, "Q")[0])


def _handler(h):
    return {0: "SIG_DFL", 1: "SIG_IGN"}.get(h, hex(h))


def sigaction(data, abi):
    """struct sigaction as the kernel takes it: handler, flags, restorer, mask (native and
    compat share the order on x86 and arm; only the word size differs)."""
    wide = BITS[abi] == 64
    n = 8 if wide else 4
    if not _need(data, 3 * n + 8 if wide else 3 * n + 8):
        return None
    if wide:
        handler, flags, restorer, mask = _u(data, "QQQQ")
    else:
        handler, flags, restorer, mask = _u(data, "IIIQ")
    return _sigaction_text(handler, signals.sigset(mask), flags, restorer)


def _sigaction_text(handler, mask_text, flags, restorer):
    text = (f"{{sa_handler={_handler(handler)}, sa_mask={mask_text}, "
            f"sa_flags={fl.bits(flags, fl.SA)}")
    if flags & 0x04000000:
        text += f", sa_restorer={hex(restorer)}"
    return text + "}"


def old_sigaction(data, abi):
    """The 32-bit ABIs' old sigaction(2) structure: handler, a 32-bit mask, flags, restorer
    (struct compat_old_sigaction; i386's and arm's old struct sigaction)."""
    if not _need(data, 16):
        return None
    handler, mask, flags, restorer = _fields(data, OLD_SIGACTION_FIELDS, "sa_handler",
                                             "sa_mask", "sa_flags", "sa_restorer")
    return _sigaction_text(handler, signals.sigset(mask, 32), flags, restorer)


def old_sigset(data, abi):
    """The old calls' 32-bit signal mask (sigprocmask, sigpending: u32 *): [USR2]."""
    if not _need(data, 4):
        return None
    return signals.sigset(_u(data, "I")[0], 32)


def stack_t(data, abi):
    wide = BITS[abi] == 64
    fmt = "QiQ" if wide else "IiI"
    if wide:
        if not _need(data, 24):
            return None
        sp, fl_, _pad, size = _u(data, "QiiQ")
    else:
        if not _need(data, 12):
            return None
        sp, fl_, size = _u(data, fmt)
    flags = fl.bits(fl_, [(1, "SS_ONSTACK"), (2, "SS_DISABLE"), (0x80000000, "SS_AUTODISARM")])
    return f"{{ss_sp={ptr(sp)}, ss_flags={flags}, ss_size={size}}}"


# ---- I/O ----------------------------------------------------------------------------
def iovec(data, abi, count=None):
    n = 16 if BITS[abi] == 64 else 8
    if data is None or len(data) < n:
        return None
    items = []
    for off in range(0, len(data) - n + 1, n):
        base, ln = _u(data, "QQ" if n == 16 else "II", off)
        items.append(f"{{iov_base={ptr(base)}, iov_len={ln}}}")
        if count is not None and len(items) >= count:
            break
    return "[" + ", ".join(items) + "]"


def iov_segments(data):
    """FTR_CAP_IOV's bytes: per segment a u16 count, then that many bytes -> [bytes, ...]
    (a count running past the end keeps what is there)."""
    out, off = [], 0
    while off + 2 <= len(data):
        n, = _u(data, "H", off)
        out.append(bytes(data[off + 2:off + 2 + n]))
        off += 2 + n
    return out


def iovec_data(data, abi, segments, limit=None):
    """The iovec array with each segment's data, as strace prints writev's and readv's:
    [{iov_base="hello ", iov_len=6}, ...]. limit: the bytes the call read (readv's ret;
    segments past it print ""), None for a write (every segment's iov_len). A segment the
    kernel kept no data of prints its address."""
    from .strings import quote
    n = 16 if BITS[abi] == 64 else 8
    if data is None or len(data) < n:
        return None
    items = []
    for j, off in enumerate(range(0, len(data) - n + 1, n)):
        base, ln = _u(data, "QQ" if n == 16 else "II", off)
        real = ln if limit is None else max(0, min(ln, limit))
        if limit is not None:
            limit -= real
        if real == 0 and limit is not None:
            text = '""'
        elif j < len(segments):
            text = quote(segments[j], len(segments[j]) < real)[0]
        else:
            text = ptr(base)
        items.append(f"{{iov_base={text}, iov_len={ln}}}")
    return "[" + ", ".join(items) + "]"


POLL = [(0x1, "POLLIN"), (0x2, "POLLPRI"), (0x4, "POLLOUT"), (0x8, "POLLERR"),
        (0x10, "POLLHUP"), (0x20, "POLLNVAL"), (0x40, "POLLRDNORM"), (0x80, "POLLRDBAND"),
        (0x100, "POLLWRNORM"), (0x200, "POLLWRBAND"), (0x400, "POLLMSG"), (0x2000, "POLLRDHUP")]


def pollfd(data, abi):
    if not _need(data, 8):
        return None
    items = []
    for off in range(0, len(data) - 7, 8):
        fd, ev, rev = _u(data, "iHH", off)
        items.append(f"{{fd={fd}, events={fl.bits(ev, POLL)}}}")
    return "[" + ", ".join(items) + "]"


def int_pair(data, abi):
    if not _need(data, 8):
        return None
    a, b = _u(data, "ii")
    return f"[{a}, {b}]"


def loff(data, abi):
    if not _need(data, 8):
        return None
    return f"[{_u(data, 'q')[0]}]"


def wait_status(data, abi):
    """wait4's *wstatus: strace's [{WIFEXITED(s) && WEXITSTATUS(s) == 0}]."""
    if not _need(data, 4):
        return None
    s, = _u(data, "i")
    if s & 0x7f == 0:
        return f"[{{WIFEXITED(s) && WEXITSTATUS(s) == {(s >> 8) & 0xff}}}]"
    if s & 0xff == 0x7f:
        return f"[{{WIFSTOPPED(s) && WSTOPSIG(s) == {signals.signame((s >> 8) & 0xff)}}}]"
    if s == 0xffff:
        return "[{WIFCONTINUED(s)}]"
    core = " && WCOREDUMP(s)" if s & 0x80 else ""
    return f"[{{WIFSIGNALED(s) && WTERMSIG(s) == {signals.signame(s & 0x7f)}{core}}}]"


def int_out(data, abi):
    if not _need(data, 4):
        return None
    return f"[{_u(data, 'i')[0]}]"


def winsize(data, abi):
    if not _need(data, 8):
        return None
    r, c, x, y = _u(data, "HHHH")
    return f"{{ws_row={r}, ws_col={c}, ws_xpixel={x}, ws_ypixel={y}}}"


# struct termios: c_iflag, c_oflag, c_cflag, c_lflag (u32 each), c_line, c_cc[19].
_BAUD = {0o17: "B38400", 0o15: "B9600", 0o16: "B19200", 0o10002: "B115200", 0o10001: "B57600",
         0o13: "B2400", 0o14: "B4800", 0: "B0"}


def termios(data, abi):
    """strace's short form of a terminal's settings: speed and the main modes."""
    if not _need(data, 17):
        return None
    i, o, c, l_ = _u(data, "IIII")
    words = [_BAUD.get(c & 0o10017, "B%o" % (c & 0o10017))]
    words.append("opost" if o & 1 else "-opost")
    words.append("isig" if l_ & 1 else "-isig")
    words.append("icanon" if l_ & 2 else "-icanon")
    words.append("echo" if l_ & 0o10 else "-echo")
    return "{" + " ".join(words) + " ...}"


def clone_args(data, abi):
    if not _need(data, 64):
        return None
    flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls = _u(data, "Q" * 8)
    parts = [f"flags={fl.bits(flags, fl.CLONE)}"]
    if child_tid:
        parts.append(f"child_tid={hex(child_tid)}")
    if parent_tid:
        parts.append(f"parent_tid={hex(parent_tid)}")
    parts.append(f"exit_signal={signals.signame(exit_signal) if exit_signal else 0}")
    parts.append(f"stack={ptr(stack)}")
    parts.append(f"stack_size={chex(stack_size)}")
    if tls:
        parts.append(f"tls={hex(tls)}")
    return "{" + ", ".join(parts) + "}"


def user_desc(data, abi):
    """struct user_desc (set_thread_area, i386 clone's tls): strace's short form."""
    if not _need(data, 16):
        return None
    entry, base, limit, bits = _fields(data, USER_DESC_FIELDS, "entry_number", "base_addr",
                                       "limit", "flags")
    return (f"{{entry_number={entry}, base_addr={chex(base)}, limit={chex(limit)}, "
            f"seg_32bit={bits & 1}, contents={(bits >> 1) & 3}, read_exec_only={(bits >> 3) & 1}, "
            f"limit_in_pages={(bits >> 4) & 1}, seg_not_present={(bits >> 5) & 1}, "
            f"useable={(bits >> 6) & 1}}}")


def _scalar(fmt):
    size = struct.calcsize("<" + fmt)
    return lambda data, abi: f"[{_u(data, fmt)[0]}]" if _need(data, size) else None


def _time_t(fmt):
    """time()'s result stored through its pointer: strace's [N /* 2023-11-14T22:13:20+0000 */]."""
    size = struct.calcsize("<" + fmt)

    def decode(data, abi):
        if not _need(data, size):
            return None
        from ..fmt import utc_text
        v = _u(data, fmt)[0]
        return f"[{v} /* {utc_text(v)} */]"
    return decode


def utimens_pair(fmt, unit):
    """utimensat's times[2] (and utimes'/futimesat's timeval[2]) as strace prints them: each
    {tv_sec=S, tv_nsec=N} /* date with the fraction */, or UTIME_NOW / UTIME_OMIT."""
    size = struct.calcsize("<" + fmt)
    scale = {"tv_nsec": 1, "tv_usec": 1000}[unit]

    def one(sec, frac):
        if unit == "tv_nsec" and frac in (0x3fffffff, 0x3ffffffe):
            return "UTIME_NOW" if frac == 0x3fffffff else "UTIME_OMIT"
        from ..fmt import utc_text
        date = utc_text(sec)
        if date.endswith("+0000") and 0 <= frac * scale < 10**9:
            date = f"{date[:-5]}.{frac * scale:09d}+0000"
        return f"{{tv_sec={sec}, {unit}={frac}}} /* {date} */"

    def decode(data, abi):
        if not _need(data, 2 * size):
            return None
        a, b = _u(data[:size], fmt), _u(data[size:2 * size], fmt)
        return f"[{one(*a)}, {one(*b)}]"
    return decode


# Scalars a call writes through a pointer (getresuid's ids, time's result): [value].
SCALARS = {"int": _scalar("i"), "unsigned int": _scalar("I"), "u32": _scalar("I"),
           "uid_t": _scalar("I"), "gid_t": _scalar("I"), "old_uid_t": _scalar("H"),
           "old_gid_t": _scalar("H"), "loff_t": _scalar("q"), "compat_off_t": _scalar("i"),
           "__kernel_old_time_t": _time_t("q"), "old_time32_t": _time_t("i")}

STRUCTS = {
    "__kernel_timespec": timespec64, "kernel_timespec64": timespec64,
    "__kernel_timespec_futex": timespec64, "old_timespec32": timespec32,
    "timespec": timespec_native,
    "__kernel_old_timeval": timeval64, "old_timeval32": timeval32, "timezone": timezone,
    "stat": stat_native, "compat_stat": compat_stat, "stat64": stat64, "statx": statx,
    "rlimit": rlimit_native, "compat_rlimit": compat_rlimit, "rlimit64": rlimit64,
    "new_utsname": utsname, "sysinfo": sysinfo, "compat_sysinfo": sysinfo,
    "rusage": rusage, "compat_rusage": rusage,
    "sigset_t": sigset, "compat_sigset_t": sigset,
    "sigaction": sigaction, "compat_sigaction": sigaction,
    "stack_t": stack_t, "compat_stack_t": stack_t,
    "iovec": iovec, "compat_iovec": iovec, "pollfd": pollfd, "clone_args": clone_args,
    "loff_t": loff, "compat_old_sigaction": old_sigaction, "old_sigaction": old_sigaction,
    "user_desc": user_desc,
}


def struct_name(ctype):
    """'const struct compat_iovec *' -> 'compat_iovec'; None for a non-pointer."""
    if "*" not in ctype:
        return None
    t = ctype.replace("const", " ").replace("*", " ").split()
    t = [w for w in t if w not in ("struct", "__user")]
    return t[0] if len(t) == 1 else None
