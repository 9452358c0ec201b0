"""Captures the kernel's plan gained from the review of issue 15 (kernel/trace/capture.c),
decoded on the host and compared with strace 6.1's text of the same calls on this host.

fixtures/kfix/x86_64.strace: `unshare -u strace -qq -e trace=sethostname hostname ferry-kfix`
and the same for setdomainname; fixtures/kfix/meta.json: those two calls cut from a build's
syscall_meta.json. The records are packed as the kernel writes them now: the name as an
FTR_CAP_IN of `len` bytes taken at entry (before, an FTR_CAP_OUT of `ret` bytes at exit, which
printed sethostname("", 10)).
"""
import os

import pytest

from ferrytrace import binary, fmt, ftr_pack as P, linuxparse, meta as metamod

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "kfix")


def decoded(records):
    f = P.FtrFile()
    for n, (nr, args, ret, caps) in enumerate(records):
        f.add(P.syscall(seq=n + 1, ts=10 * n, cost=1, nr=nr, abi=1, args=args, ret=ret,
                        captures=caps))
    raw = binary.parse(f.bytes(), warn=pytest.fail)
    m = metamod.load(os.path.join(HERE, "meta.json"), warn=pytest.fail)
    return [r for r in binary.records(raw, m, warn=pytest.fail) if r["type"] == "syscall"]


def strace_lines():
    with open(os.path.join(HERE, "x86_64.strace")) as f:
        return [r for r in linuxparse.parse_strace(f.read(), "x86_64") if r["type"] == "syscall"]


def test_sethostname_and_setdomainname_name_is_an_input_of_len_bytes():
    ours = decoded([
        (170, [0x7ffc0000, 10], 0, [P.capture(0, "in", b"ferry-kfix", 0, 10)]),
        (171, [0x7ffc0100, 10], 0, [P.capture(0, "in", b"ferry.test", 0, 10)]),
    ])
    theirs = strace_lines()
    assert [fmt.syscall_line(r) for r in ours] == [fmt.syscall_line(r) for r in theirs]


def _ts(*pairs):
    import struct
    return b"".join(struct.pack("<qq", s, n) for s, n in pairs)


def test_utimensat_s_two_timespecs_as_strace_prints_them():
    # fixtures/kfix/utimensat.c under strace 6.1; the kernel now takes both timespecs at entry
    # (before: one, at exit, which printed a single {tv_sec=..} where strace has an array)
    path = b"/tmp/kfix_ut.f"
    s = P.capture(1, "string", path)
    calls = [
        (280, [-100 & (2**64 - 1), 0x1000, 0x2000, 0], 0,
         [s, P.capture(2, "in", _ts((1, 2), (0, 0x3fffffff)), 0, 32)]),
        (280, [-100 & (2**64 - 1), 0x1000, 0x2000, 0x100], 0,
         [s, P.capture(2, "in", _ts((0, 0x3ffffffe), (1700000000, 500)), 0, 32)]),
        (280, [-100 & (2**64 - 1), 0x1000, 0, 0], 0, [s]),
        (280, [-100 & (2**64 - 1), 0x1000, 0x2000, 0], 0,
         [s, P.capture(2, "in", _ts((3, 4000), (5, 6000)), 0, 32)]),
    ]
    ours = decoded(calls)
    with open(os.path.join(HERE, "utimensat.strace")) as f:
        theirs = [r for r in linuxparse.parse_strace(f.read(), "x86_64") if r["type"] == "syscall"]
    assert [fmt.syscall_line(r) for r in ours] == [fmt.syscall_line(r) for r in theirs]
