"""The syscall metadata a kernel was built with (<objtree>/syscall_meta.json).

scripts/syscall_meta.py writes it after the link, from vmlinux's own syscall_abi_* tables, so
the host decoder sees the argument names and types (as SYSCALL_DEFINE / COMPAT_SYSCALL_DEFINE
spell them) of exactly the entry point each number ran: native or compat.

  m = meta.load("build/x86_64/syscall_meta.json")
  m.entry("i386", 5)  -> Entry(name="open", entry="compat", function="compat_sys_open",
                               args=(("const char *", "filename"), ("int", "flags"), ...))

A missing or unreadable file gives None from load() (the reader then decodes nothing and
prints raw registers, as for a number the kernel has no body for).
"""
import json
import os
from collections import namedtuple

from . import TOP

Entry = namedtuple("Entry", "name entry function args")
FORMAT_VERSION = 1


class Meta:
    def __init__(self, data, path=None):
        self.path = path
        self.arch = data.get("arch")
        self.tables = {}
        for abi, rows in (data.get("abis") or {}).items():
            t = {}
            for nr, e in rows.items():
                args = e.get("args")
                t[int(nr)] = Entry(e.get("name"), e.get("entry"), e.get("function"),
                                   None if args is None else tuple(tuple(a) for a in args))
            self.tables[abi] = t

    def entry(self, abi, nr):
        """The Entry of number nr in abi, or None (no such number in the kernel's table)."""
        return self.tables.get(abi, {}).get(nr)

    def abis(self):
        return sorted(self.tables)


_cache = {}


def load(path, warn=None):
    """Meta from a syscall_meta.json, or None when it cannot be read (warn(msg) says why)."""
    if path in _cache:
        return _cache[path]
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"format version {data.get('version')!r}, not {FORMAT_VERSION}")
        m = Meta(data, path)
    except (OSError, ValueError, AttributeError, TypeError) as e:
        if warn:
            warn(f"{path}: no syscall metadata ({e}); arguments are not decoded")
        m = None
    _cache[path] = m
    return m


def default_path(arch):
    """Where `make ARCH=arch` leaves the metadata in this checkout (build/<arch>/...)."""
    return os.path.join(TOP, "build", arch, "syscall_meta.json")
