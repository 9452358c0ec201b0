"""Are two syscalls' arguments and results the same? (pointers compared as pointers)

Rules, for one argument of each side:
  - a "ptr" on either side: only NULL vs non-NULL matters (addresses differ between ABIs and
    kernels); a value whose NULL-ness cannot be told (a struct, an unknown text) is compatible.
  - both decoded (kind known): the values are compared after light normalisation: numbers
    in any base, AT_FDCWD = -100; strings compare as text, and when either is truncated
    ("..." after the quote) one must be a prefix of the other.
  - both unknown: strings compare as strings, decimal numbers as numbers, the rest (hex,
    which both Linux tools use for addresses; structs; flags) is compatible.
  - one side unknown (kind null: raw registers, or the Linux column's undecoded text):
    compatible unless provably different: a number against a decoded int/uint/fd/hex,
    or a string against a string. A raw register holds a number modulo the ABI's register
    width, so 0xffffffff is -1 for i386 and arm (the linux-kernel column's registers).
  - a decoded record against raw registers (the linux-kernel column): each decoded entry
    is compared with the register(s) it was decoded from (its "regs"), not by position, so
    _llseek's offset (two registers merged into one entry) meets both halves.
Results: None ("?", not reported) is compatible with anything; errors compare by errno
name; addresses (fmt.ADDRESS_RESULT calls) compare as NULL / non-NULL; others by value.
"""
from . import fmt, tables as tbl

NUMERIC_KINDS = {"int", "uint", "fd", "hex"}
INT32_TYPES = {"int", "unsigned int", "pid_t", "uid_t", "gid_t", "umode_t", "mode_t",
               "clockid_t", "key_t", "timer_t", "u32", "compat_int_t", "compat_uint_t"}
SYMBOLS = {"AT_FDCWD": -100}
NULLS = {"NULL", "0", "0x0", "(nil)"}
ARG_COUNT = object()     # args_differences(): the two records have different argument counts


def number(text):
    """An integer from decimal/hex/octal text or a known symbol, else None."""
    t = str(text).strip()
    if t in SYMBOLS:
        return SYMBOLS[t]
    try:
        if len(t) > 1 and t.startswith("0") and t[1:].isdigit():
            return int(t, 8)
        return int(t, 0)
    except ValueError:
        return None


def null_state(text):
    """True (NULL), False (non-NULL) or None (cannot tell)."""
    t = str(text).strip()
    if t in NULLS:
        return True
    if t.startswith(('"', "[", "{")):
        return False
    n = number(t)
    if n is not None:
        return n == 0
    return None


def _string(entry):
    """(text inside the quotes, truncated?) of a quoted value, or None."""
    v = entry.get("value", "")
    trunc = bool(entry.get("truncated")) or v.endswith('"...')
    if v.endswith("..."):
        v = v[:-3]
    if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
        # Ferry's tracer reads an output buffer by the call's result, which for getcwd counts
        # the terminating NUL that strace leaves out: "/tmp\0" and "/tmp" are one string.
        return (v[1:-3] if v.endswith('\\0"') else v[1:-1]), trunc
    return None


def strings_match(a, b):
    sa, sb = _string(a), _string(b)
    if sa is None or sb is None:
        return a.get("value") == b.get("value")
    (ta, ca), (tb, cb) = sa, sb
    if ca and cb:
        return ta.startswith(tb) or tb.startswith(ta)
    if ca:
        return tb.startswith(ta)
    if cb:
        return ta.startswith(tb)
    return ta == tb


def _decimal(text):
    t = str(text).strip()
    return t.lstrip("-").isdigit()


def arg_compatible(a, b, bits=64):
    """Whether two decoded argument entries can be the same value (bits: the register width,
    for a raw value against a decoded number)."""
    if a is None or b is None:
        return True
    ka, kb = a.get("kind"), b.get("kind")
    va, vb = a.get("value", ""), b.get("value", "")
    if "ptr" in (ka, kb):
        na, nb = null_state(va), null_state(vb)
        return na is None or nb is None or na == nb
    if ka is None and kb is None:
        # Both undecoded: the tools print addresses in hex, so only decimal numbers and
        # strings are compared.
        if _string(a) is not None and _string(b) is not None:
            return strings_match(a, b)
        if _decimal(va) and _decimal(vb):
            return int(va) == int(vb)
        return True
    if ka is None or kb is None:
        known = b if ka is None else a
        unk = a if ka is None else b
        if _string(unk) is not None:
            return known.get("kind") not in ("str", "buf") or strings_match(unk, known)
        if known.get("kind") in NUMERIC_KINDS:
            nu, nk = number(unk.get("value")), number(known.get("value"))
            # An int-sized parameter holds 32 bits on every ABI: qemu-user prints wait4's
            # pid -1 as 4294967295 on x86_64 too.
            width = 32 if known.get("type") in INT32_TYPES else bits
            return nu is None or nk is None or (nu - nk) % (1 << width) == 0
        return True
    if (ka in ("str", "buf")) != (kb in ("str", "buf")) and {ka, kb} & NUMERIC_KINDS:
        # One tool showed a pointer argument as a number (Ferry's prctl arg2: unsigned long),
        # the other the string it points to (strace's PR_GET_NAME "sh"): nothing to compare.
        return True
    if ka in ("str", "buf") or kb in ("str", "buf"):
        return strings_match(a, b)
    na, nb = number(va), number(vb)
    if na is not None and nb is not None:
        return na == nb
    return va == vb


def raw_entries(rec):
    """Arguments of a record as decoded entries (raw registers become unknown entries)."""
    if rec.get("decoded") is not None:
        return rec["decoded"]
    return [{"name": None, "kind": None, "value": v} for v in fmt.raw_args(rec)]


def args_differences(a, b, by_name=False):
    """Indexes (or parameter names) of arguments that differ; [] when compatible.
    ARG_COUNT in the list: both are fully decoded and have different numbers of arguments.

    Positional for the same call. For calls of one family with different ABI names
    (by_name), only parameters with the same name on both sides are compared.
    """
    ea, eb = raw_entries(a), raw_entries(b)
    bits = min(tbl.ABI_BITS.get(a.get("abi"), 64), tbl.ABI_BITS.get(b.get("abi"), 64))
    out = []
    if by_name:
        nb = {e.get("name"): e for e in eb if e.get("name")}
        for e in ea:
            if e.get("name") in nb and not arg_compatible(e, nb[e["name"]], bits):
                out.append(e["name"])
        return out
    by_reg = by_register(a, b, bits)
    if by_reg is not None:
        return by_reg
    exact = a.get("decoded") is not None and b.get("decoded") is not None and all(
        e.get("kind") for e in ea + eb)
    if exact and len(ea) != len(eb):
        out.append(ARG_COUNT)
    for i, (x, y) in enumerate(zip(ea, eb)):
        if not arg_compatible(x, y, bits):
            out.append(ea[i].get("name") or str(i))
    return out


def by_register(a, b, bits):
    """args_differences() of a decoded record against raw registers (the linux-kernel
    column), or None when that is not the pair. Each decoded entry says which registers it
    came from ("regs", decode/args.py): one register, or two (high, low) for a 64-bit value
    a 32-bit ABI passes in a pair (_llseek's offset, pread64's pos after arm's padding).
    The raw side is read at those registers, so an entry the decoder merged, dropped (arm's
    __pad) or reordered (clone) is met by the same value, not by its neighbour's register.
    Traces written before "regs" existed are compared by position (None here)."""
    if (a.get("decoded") is None) == (b.get("decoded") is None):
        return None
    known, raw = (a, b) if b.get("decoded") is None else (b, a)
    dec = known["decoded"]
    if not dec or not all(e.get("regs") for e in dec):
        return None
    regs = raw.get("args") or []
    out = []
    for e in dec:
        idx = e["regs"]
        if any(i >= len(regs) for i in idx):
            continue            # the raw side has fewer registers: nothing to compare
        if len(idx) == 1:
            same = arg_compatible(e, {"name": None, "kind": None, "value": regs[idx[0]]}, bits)
        else:
            hi, lo = number(regs[idx[0]]), number(regs[idx[1]])
            nk = number(e.get("value"))
            same = hi is None or lo is None or nk is None or \
                ((hi & 0xffffffff) << 32 | (lo & 0xffffffff)) == nk % (1 << 64)
        if not same:
            out.append(e.get("name") or str(idx[0]))
    return out


def results_compatible(a, b):
    ra, rb = a.get("ret"), b.get("ret")
    if ra is None or rb is None:
        return True
    ea, eb = a.get("errno"), b.get("errno")
    if ea or eb:
        return ea == eb
    if a.get("name") in fmt.ADDRESS_RESULT or b.get("name") in fmt.ADDRESS_RESULT:
        return (ra == 0) == (rb == 0)
    return ra == rb
