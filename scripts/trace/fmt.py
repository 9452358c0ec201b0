"""strace-style text for trace records.

  getpid() = 1
  write(1, "hi\\n", 3) = 3
  openat(AT_FDCWD, "/x", O_RDONLY) = -1 ENOENT (No such file or directory)
  syscall_0x1234(0x1, 0x2) = -1 ENOSYS (Function not implemented)

Arguments come from "decoded" (already strace-formatted by the kernel). When "decoded" is
null the raw registers are printed in hex: all six that every ABI passes, with trailing zero
registers trimmed (strace prints all six only for numbers it does not know). A syscall with
no result (exit, exit_group, or a Linux-column line with none) prints "= ?". Results of the
calls that return addresses are printed in hex, like strace.
"""
from . import tables as tbl

# Calls whose non-error result is an address (printed in hex).
ADDRESS_RESULT = {"mmap", "mmap2", "brk", "mremap", "shmat"}


def syscall_name(rec):
    """The record's name, or strace's syscall_0x<nr> for a number the tables do not know."""
    if rec.get("name"):
        return rec["name"]
    nr = rec.get("nr") or 0
    bits = tbl.ABI_BITS.get(rec.get("abi"), 64)
    return "syscall_0x%x" % (nr & ((1 << bits) - 1))


def raw_args(rec):
    """Raw register values, hex, trailing zeros trimmed."""
    args = list(rec.get("args") or [])
    while args and _is_zero(args[-1]):
        args.pop()
    return [_hex(a) for a in args]


def _is_zero(v):
    try:
        return int(str(v), 0) == 0
    except ValueError:
        return False


def _hex(v):
    try:
        return hex(int(str(v), 0))
    except ValueError:
        return str(v)


def arg_texts(rec):
    dec = rec.get("decoded")
    if dec is None:
        return raw_args(rec)
    return [d.get("value", "") for d in dec]


def result_text(rec, tables=None):
    ret = rec.get("ret")
    if ret is None:
        return "?"
    if rec.get("errno") in tbl.RESTART_MESSAGES:	# interrupted: strace's "= ? ERESTARTSYS (...)"
        return f"? {rec['errno']} ({tbl.RESTART_MESSAGES[rec['errno']]})"
    if rec.get("errno"):
        num = -ret if ret < 0 else None
        if num is None and tables:
            num = tables.errno_number(rec["errno"])
        msg = tbl.Tables.strerror(num) if num else ""
        return f"-1 {rec['errno']}" + (f" ({msg})" if msg else "")
    special = _annotated_result(rec, ret)
    if special is not None:
        return special
    if rec.get("name") in ADDRESS_RESULT and ret != 0:
        # A 32-bit ABI's address above 2 GiB arrives sign-extended: show it as the address.
        return hex(ret & 0xffffffff if ret < 0 and tbl.ABI_BITS.get(rec.get("abi")) == 32
                   else ret)
    return str(ret)


def utc_text(secs):
    """strace's date of a time_t (TZ unset: UTC): 2023-11-14T22:13:20+0000."""
    import datetime
    try:
        t = datetime.datetime.fromtimestamp(secs, datetime.timezone.utc)
    except (OverflowError, OSError, ValueError):
        return str(secs)
    return t.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _annotated_result(rec, ret):
    """Results strace prints in a form of their own: umask's old mask in octal (= 022),
    fcntl's F_GETFD/F_GETFL flags (= 0x1 (flags FD_CLOEXEC)), poll's and select's
    "0 (Timeout)", time's date. None for the others."""
    name = rec.get("name")
    if name == "umask":
        return "0%o" % ret if ret else "000"
    if name in ("poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6",
                "pselect6_time64") and ret == 0:
        return "0 (Timeout)"
    if name == "time" and ret > 0:
        return f"{ret} ({utc_text(ret)})"
    if name in ("fcntl", "fcntl64") and rec.get("decoded"):
        from .decode import flags as fl
        cmd = next((d.get("value") for d in rec["decoded"] if d.get("name") == "cmd"), None)
        if cmd == "F_GETFD":
            return f"{hex(ret)} (flags {fl.bits(ret, fl.FD_FLAGS)})" if ret else "0"
        if cmd == "F_GETFL":
            return f"{hex(ret)} (flags {fl.open_flags(ret, rec.get('abi'))})"
    return None


def syscall_line(rec, tables=None, pid=False, route=False):
    """One syscall record as an strace line, optionally prefixed with [pid N] and [route]."""
    prefix = ""
    if pid and rec.get("pid") is not None:
        prefix += f"[pid {rec['pid']}] "
    if route and rec.get("route"):
        prefix += f"[{rec['route']}] "
    return f"{prefix}{syscall_name(rec)}({', '.join(arg_texts(rec))}) = {result_text(rec, tables)}"


def call_text(rec):
    """name(args) without the result."""
    return f"{syscall_name(rec)}({', '.join(arg_texts(rec))})"


def record_line(rec, tables=None, pid=False, route=False):
    """Any record as a line (strace's notation for exits and signals)."""
    typ = rec.get("type")
    pfx = f"[pid {rec['pid']}] " if pid and rec.get("pid") is not None else ""
    if typ == "syscall":
        return syscall_line(rec, tables, pid, route)
    if typ == "exit":
        if rec.get("signal"):
            return f"{pfx}+++ killed by {rec['signal']} +++"
        return f"{pfx}+++ exited with {rec.get('status')} +++"
    if typ == "signal":
        info = f" {rec['info']}" if rec.get("info") else ""
        return f"{pfx}--- {rec.get('signal')}{info} ---"
    if typ == "dropped":
        return f"<... {rec.get('count')} records dropped ...>"
    return f"<{typ}>"
