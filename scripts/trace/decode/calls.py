"""What the metadata's types cannot say, per syscall: which integer is a flag set of which
family, which argument is a signal or a clock, how an ioctl's argument is laid out, and
which arguments strace leaves out. TABLE[syscall][argument name] = rule(ctx, i) returning
(kind, text, truncated), None (use the generic rule of args.py) or OMIT.
"""
from . import flags as fl, signals, structs
from .text import CAP_TRUNCATED, chex, ptr as _ptr_text, unknown, usable

OMIT = object()


def _flags(fn):
    return lambda ctx, i: ("flags", fn(ctx.args[i], ctx.abi), False)


def _table(table, bits=False, zero="0", prefix=None):
    """A rule naming the argument from table: a flag set (bits), or a constant whose
    unnamed values print as strace's `0x7 /* PREFIX_??? */` (decimal without a prefix)."""
    def rule(ctx, i):
        v = ctx.args[i]
        if bits:
            return "flags", fl.bits(v, table, zero), False
        sv = fl.s32(v)
        if sv in table:
            return "flags", table[sv], False
        if prefix:
            return "flags", unknown(v, prefix), False
        return "int", str(sv), False
    return rule


def _signal(ctx, i):
    v = fl.s32(ctx.args[i])
    return ("flags", signals.signame(v), False) if 0 < v <= 64 else ("int", str(v), False)


def _open_mode(ctx, i):
    flags = ctx.arg("flags")
    if flags is not None and not fl.open_has_mode(flags, ctx.abi):
        return OMIT
    return "uint", fl.mode(ctx.args[i]), False


def _out(decoder):
    """An output structure given by a pointer whose type the metadata does not name."""
    def rule(ctx, i):
        from .args import struct_arg
        return struct_arg(ctx, i, decoder, True)
    return rule


def _in(decoder):
    def rule(ctx, i):
        from .args import struct_arg
        return struct_arg(ctx, i, decoder, False)
    return rule


def _ptr(ctx, i):
    return "ptr", _ptr_text(ctx.args[i]), False


def _chex(ctx, i):
    return "hex", chex(ctx.args[i]), False


def _fcntl_arg(ctx, i):
    cmd = ctx.arg("cmd")
    v = ctx.args[i]
    if cmd in (1, 3, 9, 11, 1025, 1032, 1034):     # F_GET*: no argument
        return OMIT
    if cmd == 2:
        return "flags", fl.bits(v, fl.FD_FLAGS), False
    if cmd == 4:
        return "flags", fl.open_flags(v, ctx.abi), False
    if cmd == 1024:
        return "flags", fl.xlat(fl.s32(v), fl.LEASE, "F"), False
    if cmd in (0, 1030, 8, 10, 1031, 1026, 1033):
        return "int", str(fl.s32(v)), False
    return "ptr", _ptr_text(v), False


def _fcntl_cmd(ctx, i):
    v = ctx.args[i]
    name = fl.FCNTL.get(v) or (fl.FCNTL64.get(v) if ctx.call.name == "fcntl64" else None)
    return "flags", name or unknown(v, "F"), False


IOCTL_OUT = {0x5401: structs.termios, 0x5413: structs.winsize, 0x541b: structs.int_out,
             0x540f: structs.int_out, 0x5429: structs.int_out, 0x80045430: structs.int_out}
IOCTL_IN = {0x5402: structs.termios, 0x5403: structs.termios, 0x5404: structs.termios,
            0x5414: structs.winsize, 0x5410: structs.int_out, 0x5421: structs.int_out}


IOC_DIRS = ["_IOC_NONE", "_IOC_WRITE", "_IOC_READ", "_IOC_READ|_IOC_WRITE"]


def _ioctl_cmd(ctx, i):
    """A known request by name, else strace's _IOC(dir, type, nr, size) split of it."""
    v = ctx.args[i] & 0xffffffff
    name = fl.IOCTLS.get(v)
    if name:
        return "flags", name, False
    return ("hex", f"_IOC({IOC_DIRS[v >> 30]}, {chex((v >> 8) & 0xff)}, {chex(v & 0xff)}, "
            f"{chex((v >> 16) & 0x3fff)})", False)


def _ioctl_arg(ctx, i):
    from .args import struct_arg
    cmd = ctx.arg("cmd")
    if cmd in IOCTL_OUT:
        return struct_arg(ctx, i, IOCTL_OUT[cmd], True)
    if cmd in IOCTL_IN:
        return struct_arg(ctx, i, IOCTL_IN[cmd], False)
    if cmd in (0x540c, 0x540d, 0x5422, 0x5450, 0x5451):      # no argument
        return OMIT
    if cmd in fl.IOCTLS:
        return "ptr", _ptr_text(ctx.args[i]), False
    return "hex", chex(ctx.args[i]), False      # strace: an unknown request's arg in %#lx


def _iov(reads):
    """readv/writev's iovec array with the segments' data (FTR_CAP_IOV: writev's taken at
    entry, readv's at exit, ret bytes): strace's strings; a failed read prints the
    addresses, as strace does; without the data, the array as it is."""
    def rule(ctx, i):
        from .args import struct_arg
        arr, data = ctx.kinds.get((i, "in")), ctx.kinds.get((i, "iov"))
        if not usable(arr) or not usable(data) or (reads and not ctx.ok) or not ctx.args[i]:
            return struct_arg(ctx, i, structs.iovec, False)
        segs = structs.iov_segments(data.data)
        text = structs.iovec_data(arr.data, ctx.abi, segs, ctx.ret if reads else None)
        if text is None:
            return "ptr", _ptr_text(ctx.args[i]), False
        if arr.flags & CAP_TRUNCATED:
            return "ptr", text[:-1] + ", ...]", True
        return "ptr", text, False
    return rule


_resource = _table(fl.RLIMITS, prefix="RLIMIT")
_whence = _table(fl.SEEK, prefix="SEEK")


def _rt_sigreturn_none(ctx, i):
    return None


def _sigaltstack(ctx, i):
    return None


def _getcwd_buf(ctx, i):
    from .args import buffer_arg
    if not ctx.ok or i not in ctx.caps:
        return None
    return buffer_arg(ctx, i, ctx.ret, c_string=True)


def _random_buf(ctx, i):
    from .args import buffer_arg
    if not ctx.ok or i not in ctx.caps:
        return None
    return buffer_arg(ctx, i, ctx.ret, hex_all=True)


def _envp(ctx, i):
    cap = ctx.caps.get(i)
    v = ctx.args[i]
    if v and usable(cap) and cap.kind == "nr_ptrs" and len(cap.data) >= 4:
        # the kernel counted the pointers (FTR_CAP_NR_PTRS); cut: at least that many
        n = int.from_bytes(cap.data[:4], "little")
        more = "+" if cap.flags & CAP_TRUNCATED else ""
        return "ptr", f"{hex(v)} /* {n}{more} var{'s' if n != 1 else ''} */", False
    if v and usable(cap) and cap.kind == "argv":
        n = cap.data.count(b"\0")
        return "ptr", f"{hex(v)} /* {n} var{'s' if n != 1 else ''} */", False
    return "ptr", _ptr_text(v), False


def _getdents_buf(ctx, i):
    """strace's "0x... /* N entries */": the entries counted by their d_reclen, which sits
    after two 64-bit words (linux_dirent64) or two longs (the old linux_dirent)."""
    v = ctx.args[i]
    if not ctx.ok:
        return "ptr", hex(v), False
    cap = ctx.caps.get(i)
    if not usable(cap) or len(cap.data) < ctx.ret:
        return "ptr", hex(v), False
    at = 16 if ctx.call.name == "getdents64" or ctx.bits() == 64 else 8
    n, off = 0, 0
    while off + at + 2 <= ctx.ret:
        reclen = int.from_bytes(cap.data[off + at:off + at + 2], "little")
        if reclen == 0:
            break
        n += 1
        off += reclen
    return "ptr", f"{hex(v)} /* {n} entries */", False


def _statx_flags(ctx, i):
    v = ctx.args[i]
    sync = {0: "AT_STATX_SYNC_AS_STAT", 0x2000: "AT_STATX_FORCE_SYNC",
            0x4000: "AT_STATX_DONT_SYNC"}.get(v & 0x6000, hex(v & 0x6000))
    rest = fl.bits(v & ~0x6000, fl.AT_FLAGS, zero="")
    return "flags", sync + ("|" + rest if rest else ""), False


def _llseek_offset(ctx, i):
    """_llseek(fd, offset_high, offset_low, ...): strace prints the one 64-bit offset."""
    hi, lo = ctx.arg("offset_high"), ctx.arg("offset_low")
    if hi is None or lo is None:        # metadata with other names: the generic rule
        return None
    off = (hi << 32 | lo) & (2**64 - 1)
    return "int", str(fl.s64(off)), False


def _omit(ctx, i):
    return OMIT


def _path_in_buffer(ctx, i):
    """A path the plan copied as a counted buffer (statfs64's pathname, then its size)."""
    from .strings import quote_c_string
    cap, v = ctx.caps.get(i), ctx.args[i]
    if v == 0 or not usable(cap):
        return None
    text, cut = quote_c_string(cap.data, bool(cap.flags & CAP_TRUNCATED), limit=len(cap.data))
    return "str", text, cut


def clone_call(ctx):
    """clone as strace prints it: named values in its order, only those the flags use:
    child_stack=, flags=, then parent_tid= (CLONE_PARENT_SETTID, CLONE_PIDFD), tls=
    (CLONE_SETTLS), child_tidptr= (CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID)."""
    names = [n for _t, n in ctx.meta]
    flags = ctx.arg("clone_flags") or 0
    tls_name = "tls" if "tls" in names else "tls_val"

    def ent(arg, label, kind, text):
        i = names.index(arg)
        return {"name": arg, "type": ctx.meta[i][0], "kind": kind, "value": f"{label}={text}",
                "truncated": False, "regs": [i]}
    ptr = _ptr_text

    def written(arg, decoder):
        """What the kernel wrote through arg (captured after the call), else the address."""
        i = names.index(arg)
        cap = ctx.caps.get(i)
        text = decoder(cap.data, ctx.abi) if ctx.ok and usable(cap) and ctx.args[i] else None
        return text or ptr(ctx.args[i])
    out = [ent("newsp", "child_stack", "ptr", ptr(ctx.arg("newsp"))),
           ent("clone_flags", "flags", "flags", fl.clone_flags(flags))]
    if flags & (0x100000 | 0x1000):
        # strace: the child's tid (or pidfd) the kernel stored there, [11]
        out.append(ent("parent_tidptr", "parent_tid", "ptr",
                       written("parent_tidptr", structs.int_out)))
    if flags & 0x80000:
        tls = ptr(ctx.arg(tls_name))
        if ctx.abi == "i386":       # i386's tls is a struct user_desc *
            i = names.index(tls_name)
            cap = ctx.caps.get(i)
            tls = (structs.user_desc(cap.data, ctx.abi) if usable(cap) and ctx.args[i]
                   else None) or tls
        out.append(ent(tls_name, "tls", "ptr", tls))
    if flags & (0x1000000 | 0x200000):
        out.append(ent("child_tidptr", "child_tidptr", "ptr", ptr(ctx.arg("child_tidptr"))))
    return out


# Calls strace prints in a shape of their own (named, reordered, some left out).
WHOLE = {"clone": clone_call}

# Entries a rule of TABLE builds from more than its own register: {syscall: {argument:
# (register names, most significant first)}}; the entry's "regs" lists their indexes, so a
# comparison with raw registers (values.py) reads the same registers.
REGS = {"_llseek": {"offset_high": ("offset_high", "offset_low")},
        "llseek": {"offset_high": ("offset_high", "offset_low")}}

def _wait_out(decoder):
    """wait4's status and rusage: strace shows them only when a child was reaped (ret > 0);
    at 0 (WNOHANG, nothing to report) the memory is stale and prints as the address."""
    def rule(ctx, i):
        from .args import struct_arg
        if ctx.ret is None or ctx.ret <= 0:
            return "ptr", _ptr_text(ctx.args[i]), False
        return struct_arg(ctx, i, decoder, True)
    return rule


def _mmap_off(ctx, i):
    """mmap's offset in hex; mmap2's is in pages (strace prints it in bytes)."""
    v = ctx.args[i]
    if ctx.meta[i][1] == "pgoff":
        v *= 4096
    return "hex", chex(v), False


def _mknod_mode(ctx, i):
    return "flags", fl.st_mode(ctx.args[i] & 0xffffffff), False


def _mknod_dev(ctx, i):
    """The device only for a character or block device, as makedev(major, minor)."""
    mode = ctx.arg("mode") or 0
    if mode & 0o170000 not in (0o20000, 0o60000):
        return OMIT
    return "hex", structs.makedev(ctx.args[i]), False


def _futex(rule=None):
    """futex's arguments strace prints for the command (FUTEX_WAKE: uaddr, op, val)."""
    def r(ctx, i):
        op = ctx.arg("op")
        used = fl.FUTEX_ARGS.get((op or 0) & 0x7f)
        if used is not None and ctx.meta[i][1] not in used.split():
            return OMIT
        if ctx.meta[i][1] == "val3" and (op or 0) & 0x7f in (9, 10):
            v = ctx.args[i] & 0xffffffff
            return "hex", "FUTEX_BITSET_MATCH_ANY" if v == 0xffffffff else chex(v), False
        return rule(ctx, i) if rule else None
    return r


def _prctl_arg(ctx, i):
    """PR_SET_NAME/PR_GET_NAME take one pointer (a string when the kernel copied it); the
    others' arguments print in hex as strace does for an option it does not know."""
    option = ctx.arg("option")
    if option in (15, 16):
        if ctx.meta[i][1] != "arg2":
            return OMIT
        from .args import string_arg
        from .strings import quote_c_string
        cap = ctx.kinds.get((i, "out"))
        if option == 16 and usable(cap) and ctx.ok and ctx.args[i]:
            # PR_GET_NAME: the 16 bytes the kernel wrote (taken at exit), up to the NUL
            return "str", quote_c_string(cap.data)[0], False
        return string_arg(ctx, i)
    return _chex(ctx, i)


def _utimens(ctx, i):
    """utimensat's two timespecs (the kernel's plan copies both at entry): strace's
    [{...} /* date */, UTIME_NOW]; 64-bit fields unless the type is a 32-bit one."""
    from .args import struct_arg
    fmt = "ii" if "32" in ctx.meta[i][0] else "qq"
    return struct_arg(ctx, i, structs.utimens_pair(fmt, "tv_nsec"), False)


_mode_access = _table(fl.ACCESS_MODE, bits=True, zero="F_OK")
_at_flags = _table(fl.AT_FLAGS, bits=True)
_clock = _table(fl.CLOCKS, prefix="CLOCK")
_wait_opts = _table(fl.WAIT_OPTIONS, bits=True)
_sig_how = _table(fl.SIG_HOW, prefix="SIG")
_pipe_flags = _flags(fl.pipe_flags)
_cloexec = _table([(0o2000000, "O_CLOEXEC")], bits=True)

_FUTEX = {"op": lambda c, i: ("flags", fl.futex_op(c.args[i]), False),
          "uaddr": _futex(_ptr), "uaddr2": _futex(_ptr), "val": _futex(), "utime": _futex(),
          "val3": _futex()}

TABLE = {
    "open": {"flags": _flags(fl.open_flags), "mode": _open_mode},
    "openat": {"flags": _flags(fl.open_flags), "mode": _open_mode},
    "mmap": {"prot": _flags(fl.prot), "flags": _flags(fl.map_flags),
             "fd": lambda c, i: ("fd", str(fl.s32(c.args[i])), False), "off": _mmap_off},
    "mmap2": {"prot": _flags(fl.prot), "flags": _flags(fl.map_flags),
              "fd": lambda c, i: ("fd", str(fl.s32(c.args[i])), False), "pgoff": _mmap_off},
    "mknodat": {"mode": _mknod_mode, "dev": _mknod_dev},
    "mknod": {"mode": _mknod_mode, "dev": _mknod_dev},
    "mprotect": {"prot": _flags(fl.prot)},
    "pkey_mprotect": {"prot": _flags(fl.prot)},
    "mremap": {"flags": _table(fl.MREMAP, bits=True)},
    "madvise": {"behavior": _table(fl.MADV, prefix="MADV")},
    "access": {"mode": _mode_access},
    "faccessat": {"mode": _mode_access},
    "faccessat2": {"mode": _mode_access, "flags": _table(fl.AT_FLAGS_ACCESS, bits=True)},
    "newfstatat": {"flag": _at_flags},
    "fstatat64": {"flag": _at_flags, "dfd": lambda c, i: ("fd", fl.dirfd(c.args[i]), False)},
    "statx": {"flags": _statx_flags,
              "mask": lambda c, i: ("flags", structs.statx_mask(c.args[i]), False)},
    "unlinkat": {"flag": _at_flags},
    "linkat": {"flags": _at_flags},
    "fchownat": {"flag": _at_flags},
    "utimensat": {"flags": _at_flags, "dfd": lambda c, i: ("fd", fl.dirfd(c.args[i]), False),
                  "utimes": _utimens},
    "lseek": {"whence": _whence},
    "_llseek": {"whence": _whence, "result": _out(structs.loff),
                "offset_high": _llseek_offset, "offset_low": _omit},
    "llseek": {"whence": _whence, "result": _out(structs.loff),
               "offset_high": _llseek_offset, "offset_low": _omit},
    "statfs64": {"pathname": _path_in_buffer},
    "fcntl": {"cmd": _fcntl_cmd, "arg": _fcntl_arg},
    "fcntl64": {"cmd": _fcntl_cmd, "arg": _fcntl_arg},
    "ioctl": {"cmd": _ioctl_cmd, "arg": _ioctl_arg},
    "clock_gettime": {"which_clock": _clock},
    "clock_getres": {"which_clock": _clock},
    "clock_settime": {"which_clock": _clock},
    "clock_nanosleep": {"which_clock": _clock, "flags": _table(fl.TIMER_ABSTIME, bits=True)},
    "clock_gettime64": {"which_clock": _clock}, "clock_getres_time64": {"which_clock": _clock},
    "clock_settime64": {"which_clock": _clock},
    "clock_nanosleep_time64": {"which_clock": _clock,
                               "flags": _table(fl.TIMER_ABSTIME, bits=True)},
    "utimensat_time64": {"flags": _at_flags,
                         "dfd": lambda c, i: ("fd", fl.dirfd(c.args[i]), False),
                         "utimes": _utimens},
    "umask": {"mask": lambda c, i: ("uint", fl.mode(c.args[i]), False)},
    "clone": {"clone_flags": lambda c, i: ("flags", fl.clone_flags(c.args[i]), False),
              "newsp": _ptr, "tls": _ptr, "tls_val": _ptr, "parent_tidptr": _ptr,
              "child_tidptr": _ptr},
    # addresses strace prints as addresses, though the kernel's plan may copy what is there
    "set_tid_address": {"tidptr": _ptr},
    "set_robust_list": {"head": _ptr},
    "futex": _FUTEX, "futex_time64": _FUTEX,
    "unshare": {"unshare_flags": _table(fl.CLONE, bits=True)},
    "wait4": {"options": _wait_opts, "stat_addr": _wait_out(structs.wait_status),
              "ru": _wait_out(structs.rusage),
              "upid": lambda c, i: ("int", str(fl.s32(c.args[i])), False)},
    "waitid": {"options": _wait_opts, "infop": _ptr, "ru": _out(structs.rusage)},
    "kill": {"sig": _signal}, "tkill": {"sig": _signal}, "tgkill": {"sig": _signal},
    "rt_sigaction": {"sig": _signal}, "rt_sigqueueinfo": {"sig": _signal},
    "sigaction": {"sig": _signal}, "signal": {"sig": _signal},
    "rt_sigprocmask": {"how": _sig_how},
    "sigprocmask": {"how": _sig_how},
    "getrlimit": {"resource": _resource}, "ugetrlimit": {"resource": _resource},
    "setrlimit": {"resource": _resource},
    "prlimit64": {"resource": _resource,
                  "pid": lambda c, i: ("int", str(fl.s32(c.args[i])), False)},
    "getrusage": {"who": _table(fl.RUSAGE_WHO, prefix="RUSAGE")},
    "arch_prctl": {"option": _table(fl.ARCH_PRCTL, prefix="ARCH"), "arg2": _ptr},
    "prctl": {"option": _table(fl.PRCTL, prefix="PR"), "arg2": _prctl_arg, "arg3": _prctl_arg,
              "arg4": _prctl_arg, "arg5": _prctl_arg},
    "getrandom": {"flags": _table(fl.GRND, bits=True), "ubuf": _random_buf, "buf": _random_buf},
    "pipe2": {"flags": _pipe_flags, "fildes": _out(structs.int_pair)},
    "pipe": {"fildes": _out(structs.int_pair)},
    "dup3": {"flags": _cloexec},
    "getcwd": {"buf": _getcwd_buf},
    "execve": {"envp": _envp}, "execveat": {"envp": _envp, "flags": _at_flags},
    "getdents64": {"dirent": _getdents_buf}, "getdents": {"dirent": _getdents_buf},
    "exit": {}, "exit_group": {},
    "writev": {"vec": _iov(False)}, "readv": {"vec": _iov(True)},
    # the 64-bit ABIs' pos_l holds the whole offset (pos_h is for 32-bit callers): strace
    # prints one offset; the 32-bit ABIs' pos_low/pos_high pair is args.split_pairs' work
    "pwritev": {"vec": _iov(False), "pos_h": _omit},
    "pwritev2": {"vec": _iov(False), "pos_h": _omit},
    "preadv": {"vec": _iov(True), "pos_h": _omit}, "preadv2": {"vec": _iov(True), "pos_h": _omit},
}
