"""One syscall's arguments from its metadata (type and name) and its captures.

Rules in order: the per-syscall table (calls.py) first, then by type: argv arrays, char
pointers (a string; a buffer when a count follows; an output buffer shown from the
result), known structures (structs.py, an output structure only when the call succeeded,
as strace does), other pointers, fds, modes, integers by signedness.
"""
import re

from . import calls, flags as fl, structs
from .strings import quote, quote_c_string
from .text import CAP_TRUNCATED, ptr as ptr_text, usable

OMIT = calls.OMIT
SIZE_NAMES = {"count", "len", "size", "nbytes", "bufsiz"}
FD_NAMES = {"fd", "dfd", "oldfd", "newfd", "dirfd", "olddfd", "newdfd", "fd_in", "fd_out"}
UNSIGNED = {"size_t", "umode_t", "u32", "u64", "uid_t", "gid_t", "old_uid_t", "old_gid_t",
            "compat_ulong_t", "compat_uint_t", "compat_size_t", "compat_uptr_t", "qid_t",
            "key_serial_t", "aio_context_t", "rwf_t", "__u32", "__u64"}
# C types of 32 bits: a 64-bit ABI's register may carry junk above them (strace: 4294967295)
UNSIGNED32 = {"unsigned int", "unsigned", "u32", "__u32", "uid_t", "gid_t", "umode_t", "qid_t",
              "rwf_t", "compat_uint_t", "compat_uptr_t", "compat_size_t", "compat_ulong_t"}
OLD_SIGSETS = {"nset", "oset", "set", "uset"}
SIGNED = {"int", "long", "pid_t", "off_t", "loff_t", "ssize_t", "compat_long_t", "compat_int_t",
          "compat_off_t", "compat_ssize_t", "compat_pid_t", "timer_t", "clockid_t", "key_t",
          "mqd_t", "__s32", "compat_loff_t"}


class Ctx:
    """What the per-argument rules need: the call and its captures by argument index."""

    def __init__(self, call):
        self.call = call
        self.abi = call.abi
        self.args = call.args
        self.ret = call.ret
        self.meta = call.entry.args
        self.caps = {}
        self.kinds = {}     # (arg, kind) -> capture: an argument may have two (iovec, its data)
        for c in call.captures or ():
            self.caps.setdefault(c.arg, c)
            self.kinds.setdefault((c.arg, c.kind), c)

    @property
    def ok(self):
        """The call succeeded (its output memory means something)."""
        return self.ret is not None and self.ret >= 0

    def arg(self, name):
        for i, (_t, n) in enumerate(self.meta):
            if n == name:
                return self.args[i]
        return None

    def bits(self):
        return structs.BITS.get(self.abi, 64)


def signed(v, t, ctx):
    if ctx.bits() == 32 or t in ("int", "pid_t", "compat_int_t", "compat_pid_t", "__s32",
                                  "clockid_t", "timer_t", "key_t", "mqd_t"):
        return fl.s32(v)
    return fl.s64(v)


def string_arg(ctx, i):
    """A NUL-terminated string the call reads: ("str", text, cut) or a pointer. strace
    prints these (path names) whole, not cut at -s: all the kernel kept, "..." when it cut."""
    v, cap = _captured(ctx, i, "string")
    if cap is None:
        return "ptr", ptr_text(v), False
    text, cut = quote(cap.data, bool(cap.flags & CAP_TRUNCATED), limit=len(cap.data))
    return "str", text, cut


def _captured(ctx, i, kind=None):
    """(argument i's value, its usable capture or None): a NULL pointer, a missing or
    faulted copy, or one of another kind gives None (the caller prints the pointer)."""
    v = ctx.args[i]
    cap = ctx.caps.get(i)
    if v == 0 or not usable(cap) or (kind is not None and cap.kind != kind):
        return v, None
    return v, cap


def buffer_arg(ctx, i, length, c_string=False, hex_all=False):
    """Bytes at argument i, length of them (the count, or the result for an output)."""
    v, cap = _captured(ctx, i)
    if cap is None:
        return "ptr", ptr_text(v), False
    data = cap.data[:max(length, 0)]
    cut = length > len(data)
    if c_string:       # a path the call wrote (getcwd): whole, as strace prints paths
        text, cut = quote_c_string(data, cut, limit=len(data))
    else:
        text, cut = quote(data, cut, hex_all=hex_all)
    return "buf", text, cut


def argv_arg(ctx, i):
    v, cap = _captured(ctx, i, "argv")
    if cap is None:
        return "ptr", ptr_text(v), False
    words = cap.data.split(b"\0")
    if words and words[-1] == b"":
        words.pop()
    items = [quote(w)[0] for w in words]
    cut = bool(cap.flags & CAP_TRUNCATED)
    if cut:
        items.append("...")
    return "argv", "[" + ", ".join(items) + "]", cut


def struct_arg(ctx, i, decoder, output):
    v, cap = _captured(ctx, i)
    if cap is None or (output and not ctx.ok):
        return "ptr", ptr_text(v), False
    text = decoder(cap.data, ctx.abi)
    if text is None:
        return "ptr", hex(v), False
    if cap.flags & CAP_TRUNCATED and text.startswith("[{") and text.endswith("]"):
        return "ptr", text[:-1] + ", ...]", True    # an array the kernel cut, as strace
    return "ptr", text, False


def generic(ctx, i):
    t, n = ctx.meta[i]
    v = ctx.args[i]
    depth = t.count("*")
    const = t.startswith("const ")
    if n in ("argv",) and depth:
        return argv_arg(ctx, i)
    if "char" in t and depth == 1:
        if ctx.caps.get(i) is not None and ctx.caps[i].kind == "string":
            # a string the kernel copied at entry, whatever the constness (mount's and
            # umount2's names are plain char * in the metadata)
            return string_arg(ctx, i)
        if const:
            if i + 1 < len(ctx.meta) and ctx.meta[i + 1][1] in SIZE_NAMES:
                return buffer_arg(ctx, i, ctx.args[i + 1])
            return string_arg(ctx, i)
        cap = ctx.caps.get(i)
        if cap is not None and cap.kind == "in" and i + 1 < len(ctx.meta):
            # a plain char * the call reads (sethostname's name: the kernel's plan takes its
            # count's bytes at entry), whatever the result
            return buffer_arg(ctx, i, ctx.args[i + 1])
        if ctx.ok and i in ctx.caps:
            return buffer_arg(ctx, i, ctx.ret)
        return "ptr", ptr_text(v), False
    if depth:
        name = structs.struct_name(t)
        cap = ctx.caps.get(i)
        if name == "void" and cap is not None and cap.kind in ("in", "out"):
            # an untyped buffer with a count (the kernel's plan captured it): bytes, as strace
            if cap.kind == "in":
                return buffer_arg(ctx, i, ctx.args[i + 1] if i + 1 < len(ctx.args) else 0)
            if ctx.ok:
                return buffer_arg(ctx, i, ctx.ret)
            return "ptr", ptr_text(v), False
        if depth == 1 and name == "u32" and n in OLD_SIGSETS:
            # the old sigprocmask/sigpending's 32-bit mask
            return struct_arg(ctx, i, structs.old_sigset, not const and not (
                cap is not None and cap.kind == "in"))
        if depth == 1 and name in structs.SCALARS and cap is not None:
            # a scalar the call writes through a pointer: strace's [value]
            return struct_arg(ctx, i, structs.SCALARS[name], not const)
        dec = structs.STRUCTS.get(name)
        if dec is not None:
            cap = ctx.caps.get(i)
            output = not const and (cap is None or cap.kind == "out")
            return struct_arg(ctx, i, dec, output)
        return "ptr", ptr_text(v), False
    if t == "compat_uptr_t":        # a 32-bit ABI's pointer passed as an integer
        return "ptr", ptr_text(v), False
    if n in FD_NAMES:
        return "fd", fl.dirfd(v), False
    if n == "mode" or t == "umode_t":
        return "uint", fl.mode(v), False
    if n in ("addr", "brk", "start", "new_addr"):
        return "hex", ptr_text(v), False
    if t in UNSIGNED32:
        return "uint", str(v & 0xffffffff), False
    if t.startswith("unsigned") or t in UNSIGNED:
        return "uint", str(v), False
    if t in SIGNED:
        return "int", str(signed(v, t, ctx)), False
    return "hex", hex(v), False


_LO = re.compile(r"^(.*?)(_lo|lo|_low)$")
HI_SUFFIX = {"_lo": "_hi", "lo": "hi", "_low": "_high"}


def split_pairs(meta):
    """The 32-bit ABIs' 64-bit arguments passed in two registers (pos_lo/pos_hi, poslo/poshi,
    offset_low/offset_high) and arm's alignment padding (__pad): {lo index: hi index},
    {indexes strace does not print}."""
    names = {n: i for i, (_t, n) in enumerate(meta)}
    pairs, hidden = {}, set()
    for i, (t, n) in enumerate(meta):
        m = _LO.match(n)
        if m and t == "u32":
            hi = names.get(m.group(1) + HI_SUFFIX[m.group(2)])
            if hi is not None:
                pairs[i] = hi
                hidden.add(hi)
        if n == "__pad" and t == "u32":
            hidden.add(i)
    return pairs, hidden


def decode(call):
    ctx = Ctx(call)
    special = calls.TABLE.get(call.name, {})
    whole = calls.WHOLE.get(call.name)
    if whole is not None and all(n in {m for _t, m in ctx.meta}
                                 for n in ("clone_flags", "newsp", "child_tidptr")):
        return whole(ctx)
    pairs, hidden = split_pairs(ctx.meta) if ctx.bits() == 32 else ({}, set())
    names = [n for _t, n in ctx.meta]
    out = []
    for i, (t, n) in enumerate(ctx.meta):
        res = None
        rule = special.get(n)
        if i in hidden:
            continue
        regs = [i]
        if i in pairs:
            both = (ctx.args[pairs[i]] << 32 | ctx.args[i]) & (2**64 - 1)
            res = "int", str(fl.s64(both)), False
            regs = [pairs[i], i]
        elif rule is not None:
            res = rule(ctx, i)
            merged = calls.REGS.get(call.name, {}).get(n, ())
            if res is not None and all(m in names for m in merged):
                regs = [names.index(m) for m in merged] or regs
        if res is OMIT:
            continue
        if res is None:
            res = generic(ctx, i)
        kind, value, cut = res
        out.append({"name": n, "type": t, "kind": kind, "value": value, "truncated": cut,
                    "regs": regs})
    return out
