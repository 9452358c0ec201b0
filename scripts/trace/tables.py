"""The repo's syscall tables and errno names: the single source of truth for numbers and names.

  arch/x86/entry/syscalls/syscall_64.tbl   x86_64
  arch/x86/entry/syscalls/syscall_32.tbl   i386
  scripts/syscall.tbl                      arm64 (asm-generic numbering)
  arch/arm64/tools/syscall_32.tbl          arm (AArch32 EABI programs on arm64)
  arch/arm64/include/asm/unistd.h          arm's private calls past its table (set_tls, ...)
  include/uapi/asm-generic/errno.h         errno names and numbers

Rows are "<nr> <abi> <name> <entry point> [<compat entry point>]", whitespace separated, "#"
starts a comment; the compat column is not read (the native entry point names the call).
ARM's private calls (r7 = 0x0f0000 + n, handled by compat_arm_syscall) are in no table: they
are read from the kernel's __ARM_NR_compat_* definitions and become rows of the arm ABI
without an entry point, named as strace names them (set_tls, cacheflush, ...).
"""
import os
import re
from collections import namedtuple

from . import TOP

ABIS = ("x86_64", "i386", "arm64", "arm")
TABLE_FILES = {
    "x86_64": "arch/x86/entry/syscalls/syscall_64.tbl",
    "i386": "arch/x86/entry/syscalls/syscall_32.tbl",
    "arm64": "scripts/syscall.tbl",
    "arm": "arch/arm64/tools/syscall_32.tbl",
}
# The header defining arm's private calls: __ARM_NR_compat_<name> (__ARM_NR_COMPAT_BASE + n).
ARM_PRIVATE_FILE = "arch/arm64/include/asm/unistd.h"
ERRNO_FILE = "include/uapi/asm-generic/errno.h"
# The kernel-internal restart codes (ERESTARTSYS 512, ...): a traced syscall's own result
# before the exit path turns it into a restart or -EINTR. strace shows them as
# "= ? ERESTARTSYS (To be restarted if SA_RESTART is set)", with these messages.
KERNEL_ERRNO_FILE = "include/linux/errno.h"
RESTART_MESSAGES = {
    "ERESTARTSYS": "To be restarted if SA_RESTART is set",
    "ERESTARTNOINTR": "To be restarted",
    "ERESTARTNOHAND": "To be restarted if no handler",
    "ERESTART_RESTARTBLOCK": "Interrupted by signal",
}
# Register width of each ABI: syscall numbers and raw values are shown at this width.
ABI_BITS = {"x86_64": 64, "i386": 32, "arm64": 64, "arm": 32}
# The route a syscall of each ABI takes when nothing else is known (Linux tools' view).
DEFAULT_ROUTE = {"x86_64": "syscall", "i386": "int80", "arm64": "svc", "arm": "svc32"}
ROUTES = ("syscall", "int80", "sysenter", "syscall32", "svc", "svc32")

Row = namedtuple("Row", "nr abi name entry")


class TableError(ValueError):
    """A table file is malformed or inconsistent."""


def parse_tbl(text, path="<tbl>"):
    """Parse a .tbl file's text into a list of Rows (entry is None when a row has none)."""
    rows = []
    seen = {}
    for lineno, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cols = line.split()
        if len(cols) < 3:
            raise TableError(f"{path}:{lineno}: expected <nr> <abi> <name> [<entry>]: {line!r}")
        try:
            nr = int(cols[0], 0)
        except ValueError:
            raise TableError(f"{path}:{lineno}: bad number {cols[0]!r}") from None
        if nr in seen:
            raise TableError(f"{path}:{lineno}: number {nr} also on line {seen[nr]}")
        seen[nr] = lineno
        rows.append(Row(nr, cols[1], cols[2], cols[3] if len(cols) > 3 else None))
    return rows


_DEFINE = re.compile(r"^\s*#\s*define\s+(E[A-Z0-9_]+)\s+(\w+)")
_ARM_BASE = re.compile(r"^\s*#\s*define\s+__ARM_NR_COMPAT_BASE\s+(0x[0-9a-fA-F]+|\d+)\s*$")
_ARM_PRIVATE = re.compile(r"^\s*#\s*define\s+__ARM_NR_compat_(\w+)\s+"
                          r"\(__ARM_NR_COMPAT_BASE\s*\+\s*(0x[0-9a-fA-F]+|\d+)\)")


def parse_arm_private(text, path="<unistd.h>"):
    """ARM's private calls from the kernel header: Rows (nr, "arm", name, None), e.g.
    (0x0f0005, "arm", "set_tls", None) from __ARM_NR_compat_set_tls."""
    base, found = None, []
    for line in text.splitlines():
        m = _ARM_BASE.match(line)
        if m:
            base = int(m.group(1), 0)
        m = _ARM_PRIVATE.match(line)
        if m:
            found.append((m.group(1), int(m.group(2), 0)))
    if base is None or not found:
        raise TableError(f"{path}: no __ARM_NR_COMPAT_BASE or no __ARM_NR_compat_* calls")
    return [Row(base + n, "arm", name, None) for name, n in found]


def parse_errno(text):
    """Parse errno.h text into {name: number}; aliases (EWOULDBLOCK EAGAIN) are resolved."""
    raw = {}
    for line in text.splitlines():
        m = _DEFINE.match(line)
        if m:
            raw[m.group(1)] = m.group(2)
    out = {}
    for name, val in raw.items():
        seen = set()
        while not val.isdigit():
            if val in seen or val not in raw:
                raise TableError(f"errno {name}: cannot resolve {val!r}")
            seen.add(val)
            val = raw[val]
        out[name] = int(val)
    return out


class Tables:
    """Syscall rows per ABI, and errno names, with look-ups both ways."""

    def __init__(self, rows_by_abi, errnos):
        self.rows = rows_by_abi                     # {abi: [Row]}
        self.by_nr = {abi: {r.nr: r for r in rows} for abi, rows in rows_by_abi.items()}
        self.by_name = {abi: {r.name: r for r in rows} for abi, rows in rows_by_abi.items()}
        self.errno_by_name = dict(errnos)
        self.errno_by_nr = {}
        for name, nr in errnos.items():     # file order: EAGAIN before its alias EWOULDBLOCK
            self.errno_by_nr.setdefault(nr, name)

    def name(self, abi, nr):
        """Syscall name for nr in abi, or None."""
        row = self.by_nr.get(abi, {}).get(nr)
        return row.name if row else None

    def nr(self, abi, name):
        row = self.by_name.get(abi, {}).get(name)
        return row.nr if row else None

    def entry(self, abi, name):
        row = self.by_name.get(abi, {}).get(name)
        return row.entry if row else None

    def errno_name(self, number):
        return self.errno_by_nr.get(number)

    def errno_number(self, name):
        return self.errno_by_name.get(name)

    @staticmethod
    def strerror(number):
        """The host C library's message for an errno number (Linux numbers on every host ABI)."""
        return os.strerror(number) if number else ""


_cache = {}


def load(top=None):
    """Tables of the repo at top (default: this checkout), parsed once per process."""
    top = top or TOP
    if top not in _cache:
        rows = {}
        for abi, rel in TABLE_FILES.items():
            path = os.path.join(top, rel)
            with open(path, encoding="utf-8") as f:
                rows[abi] = parse_tbl(f.read(), path)
        path = os.path.join(top, ARM_PRIVATE_FILE)
        with open(path, encoding="utf-8") as f:
            private = parse_arm_private(f.read(), path)
        clash = {r.nr for r in rows["arm"]} & {r.nr for r in private}
        if clash:
            raise TableError(f"{path}: private call numbers {sorted(clash)} are in the arm table")
        rows["arm"] += private
        with open(os.path.join(top, ERRNO_FILE), encoding="utf-8") as f:
            errnos = parse_errno(f.read())
        with open(os.path.join(top, KERNEL_ERRNO_FILE), encoding="utf-8") as f:
            errnos.update((k, v) for k, v in parse_errno(f.read()).items()
                          if k in RESTART_MESSAGES)
        _cache[top] = Tables(rows, errnos)
    return _cache[top]
