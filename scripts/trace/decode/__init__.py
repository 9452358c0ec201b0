"""Decode a syscall's arguments on the host, strace's way, from the kernel's metadata and the
captured user memory.

The kernel records raw argument registers and, per its capture plan, bounded copies of the
user memory the call read or wrote (include/uapi/linux/ferry_trace.h). Here each argument
becomes a "decoded" entry of records.py's schema, {name, type, kind, value, truncated}, where
value is strace's text of the argument:

  - the metadata's type and name say most (args.py): strings and buffers are quoted and cut
    at -s 32 (strings.py), argv arrays are lists, fds and dirfds numbers (AT_FDCWD), modes
    octal, known structures are printed field by field (structs.py), other pointers in hex;
  - a per-syscall table says what the type cannot (calls.py): which int is open's flags,
    mmap's prot, a signal, a clock, an ioctl request, and which arguments strace leaves out
    (open's mode without O_CREAT, fcntl's arg for F_GETFD).

kind is what values.py compares by: "str"/"buf"/"argv" text, "fd"/"int"/"uint"/"hex"
numbers, "flags" names, and "ptr" for anything pointed at (an address, or a structure's
text): two traces agree on a pointer when both are NULL or both are not.
"""
from collections import namedtuple

from .signals import (FAULT_SIGNALS, SI_KERNEL, SI_QUEUE, SIGCHLD,  # noqa: F401
                      si_code_name, signame)

Call = namedtuple("Call", "abi name nr args ret entry captures")


_cache = {}
CACHE_MAX = 8192


def decode_call(call):
    """The decoded list of a call whose metadata is known (call.entry.args not None).
    Loops make the same call again and again: the text of an identical call (same number,
    metadata entry, registers, result and captured bytes) is computed once (a bounded
    cache)."""
    # The metadata is in the key: another build's (or a test's) entry for the same number
    # has other names and types, so must not get this one's text.
    key = (call.abi, call.nr, call.name, call.entry, tuple(call.args), call.ret,
           tuple(call.captures or ()))
    hit = _cache.get(key)
    if hit is None:
        if len(_cache) >= CACHE_MAX:
            _cache.clear()
        hit = _cache[key] = args.decode(call)
    return [dict(d) for d in hit]


from . import args  # noqa: E402  (args imports this package's modules)
