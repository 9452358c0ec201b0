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


# ---- the capture gaps (kernel/trace/capture_calls.c, FTR_CAP_IOV, FTR_CAP_NR_PTRS) ----------
# The boot test *_trace_caps_* checks whole lines against strace on every ABI; these pin the
# reader's side of the two new capture kinds where the kernel cut them.

def _iov_array(*pairs):
    import struct
    return b"".join(struct.pack("<QQ", b, n) for b, n in pairs)


def _segs(*chunks):
    import struct
    return b"".join(struct.pack("<H", len(c)) + c for c in chunks)


def test_iovec_data_cut_by_the_kernel_prints_dots_and_past_the_cap_the_address():
    # writev of three segments; the kernel kept 64 bytes of the second and had no room
    # for the third: strace's text for the first two, the third segment's address
    arr = _iov_array((0x1000, 6), (0x2000, 100), (0x3000, 5))
    caps = [P.capture(1, "in", arr, 0, 48),
            P.capture(1, "iov", _segs(b"hello ", b"x" * 64), 1)]
    line = fmt.syscall_line(decoded([(20, [1, 0x7000, 3], 111, caps)])[0])
    assert line == ('writev(1, [{iov_base="hello ", iov_len=6}, {iov_base="' + "x" * 32 +
                    '"..., iov_len=100}, {iov_base=0x3000, iov_len=5}], 3) = 111')


def test_readv_data_stops_at_ret_and_a_failed_readv_prints_addresses():
    arr = _iov_array((0x1000, 4), (0x2000, 8))
    ok = [P.capture(1, "in", arr, 0, 32), P.capture(1, "iov", _segs(b"ab"))]
    bad = [P.capture(1, "in", arr, 0, 32)]
    lines = [fmt.syscall_line(r) for r in decoded([(19, [3, 0x7000, 2], 2, ok),
                                                   (19, [3, 0x7000, 2], -9, bad)])]
    assert lines == ['readv(3, [{iov_base="ab", iov_len=4}, {iov_base="", iov_len=8}], 2) = 2',
                     'readv(3, [{iov_base=0x1000, iov_len=4}, {iov_base=0x2000, iov_len=8}], 2)'
                     ' = -1 EBADF (Bad file descriptor)']


def test_envp_count_and_a_count_the_kernel_stopped():
    import struct
    argv = P.capture(1, "argv", b"kid\0")
    path = P.capture(0, "string", b"/bin/kid")
    calls = [(59, [0x1000, 0x2000, 0x3000], 0,
              [path, argv, P.capture(2, "nr_ptrs", struct.pack("<I", 3))]),
             (59, [0x1000, 0x2000, 0x3000], 0,
              [path, argv, P.capture(2, "nr_ptrs", struct.pack("<I", 4096), 1)])]
    lines = [fmt.syscall_line(r) for r in decoded(calls)]
    assert lines == ['execve("/bin/kid", ["kid"], 0x3000 /* 3 vars */) = 0',
                     'execve("/bin/kid", ["kid"], 0x3000 /* 4096+ vars */) = 0']
