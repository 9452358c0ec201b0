"""The decoders' flag sets and constants against real strace 6.1, with multi-bit values.

fixtures/strace/flags.c makes each call on the host (most fail harmlessly) and writes its
number, raw registers and result (flags.records); strace's text of the same run is
flags.strace. Here the records are packed as the kernel would write them (no captures: a
path prints as its pointer on our side, so strace's quoted strings are compared as "PTR"),
read back with the kernel's metadata (flags.meta.json, cut from a real build's) and every
line compared with strace's. Single-bit values cannot show an order of names; these do
(MAP_NORESERVE|MAP_GROWSDOWN, WNOHANG|__WCLONE|__WALL, FUTEX_..._PRIVATE|FUTEX_CLOCK_REALTIME)
and so do unnamed constants (0x7 /* SIG_??? */).
"""
import os
import re

import pytest

from ferrytrace import binary, fmt, ftr_pack as P, meta as metamod

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "strace")
# setns and unshare have no SYSCALL_DEFINE metadata in Ferry (not implemented): raw registers.
NOT_COMPARED = {"setns", "unshare"}


def ours():
    f = P.FtrFile()
    names = []
    for n, line in enumerate(open(os.path.join(HERE, "flags.records"))):
        name, nr, *a, ret = line.split()
        names.append(name)
        f.add(P.syscall(seq=n + 1, ts=n + 1, nr=int(nr), abi=1, args=[int(x) for x in a],
                        ret=int(ret)))
    m = metamod.load(os.path.join(HERE, "flags.meta.json"), warn=pytest.fail)
    recs = binary.records(binary.parse(f.bytes(), warn=pytest.fail), m, warn=pytest.fail)
    return [fmt.syscall_line(r) for r in recs if r["type"] == "syscall"]


def theirs():
    lines = [ln.rstrip("\n") for ln in open(os.path.join(HERE, "flags.strace"))
             if not ln.startswith(("+++", "---"))]
    return [re.sub(r"\s+= ", " = ", ln) for ln in lines if not ln.startswith("exit_group")]


def test_flags_and_constants_are_strace_s():
    a, b = ours(), theirs()
    assert len(a) == len(b)
    bad = []
    for x, y in zip(a, b):
        name = y.split("(", 1)[0]
        if name in NOT_COMPARED:
            continue
        x = re.sub(r"0x[0-9a-f]{9,}", "PTR", x)     # an uncaptured path's address
        y = re.sub(r'"[^"]*"', "PTR", y)
        if x != y:
            bad.append(f"ours:   {x}\nstrace: {y}")
    assert not bad, f"{len(bad)} of {len(a)} differ:\n" + "\n".join(bad)


def test_results_strace_annotates():
    # strace 6.1 on the host: time, poll, fcntl F_GETFD/F_GETFL (x86_64)
    def line(name, ret, *decoded):
        return fmt.syscall_line({"name": name, "ret": ret, "abi": "x86_64", "decoded": [
            {"name": n, "value": v} for n, v in decoded]})
    assert line("time", 1796102068, ("tloc", "NULL")) == \
        "time(NULL) = 1796102068 (2026-12-01T05:14:28+0000)"
    assert line("poll", 0, ("ufds", "NULL"), ("nfds", "0"), ("timeout_msecs", "0")) == \
        "poll(NULL, 0, 0) = 0 (Timeout)"
    assert line("fcntl", 1, ("fd", "3"), ("cmd", "F_GETFD")) == \
        "fcntl(3, F_GETFD) = 0x1 (flags FD_CLOEXEC)"
    assert line("fcntl", 0, ("fd", "3"), ("cmd", "F_GETFD")) == "fcntl(3, F_GETFD) = 0"
    assert line("fcntl", 0x8002, ("fd", "3"), ("cmd", "F_GETFL")) == \
        "fcntl(3, F_GETFL) = 0x8002 (flags O_RDWR|O_LARGEFILE)"
    assert line("umask", 0o22, ("mask", "022")) == "umask(022) = 022"
    from ferrytrace.decode import structs
    assert structs.SCALARS["__kernel_old_time_t"]((1796102068).to_bytes(8, "little"),
                                                  "x86_64") == \
        "[1796102068 /* 2026-12-01T05:14:28+0000 */]"
