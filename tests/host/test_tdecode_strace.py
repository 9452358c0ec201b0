"""The host decoders against strace's own text of the same calls.

tests/host/fixtures/strace/calls.c makes a list of syscalls on the host and writes what
Ferry's kernel would record for each (raw registers, result, captured user memory); the
same run under `strace -f` gave x86_64.strace (regen.sh regenerates both). Here the records
are packed into a binary trace as the kernel would write them, read back by binary.py with
the kernel's metadata (meta.json, cut from a build's syscall_meta.json), and every argument
and result compared with strace's, field by field.
"""
import json
import os

import pytest

from ferrytrace import binary, fmt, ftr_pack as P, linuxparse, meta as metamod

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "strace")
ABI_NUM = {"x86_64": 1, "i386": 2}
# Calls whose strace text carries something the records do not (none today).
NOT_COMPARED = set()


def ferry_syscalls(abi):
    calls = [json.loads(line) for line in open(os.path.join(HERE, f"{abi}.records.jsonl"))]
    f = P.FtrFile()
    for n, c in enumerate(calls):
        caps = [P.capture(a, kind, bytes.fromhex(data), flags, want)
                for a, kind, data, flags, want in c["caps"]]
        f.add(P.syscall(seq=n + 1, ts=10 * n, cost=1, nr=c["nr"], abi=ABI_NUM[abi],
                        args=[a & (2**64 - 1) for a in c["args"]], ret=c["ret"], captures=caps))
    raw = binary.parse(f.bytes(), warn=pytest.fail)
    m = metamod.load(os.path.join(HERE, "meta.json"), warn=pytest.fail)
    recs = [r for r in binary.records(raw, m, warn=pytest.fail) if r["type"] == "syscall"]
    return calls, recs


def strace_syscalls(abi):
    with open(os.path.join(HERE, f"{abi}.strace")) as f:
        text = f.read()
    return [r for r in linuxparse.parse_strace(text, abi) if r["type"] == "syscall"]


@pytest.mark.parametrize("abi", ["x86_64"])
def test_decoded_arguments_are_strace_s(abi):
    calls, ours = ferry_syscalls(abi)
    theirs = strace_syscalls(abi)
    assert [r["name"] for r in ours] == [r["name"] for r in theirs]
    bad = []
    for a, b in zip(ours, theirs):
        if a["name"] in NOT_COMPARED:
            continue
        va = [d["value"] for d in a["decoded"]]
        vb = [d["value"] for d in b["decoded"]]
        if va != vb or a["ret"] != b["ret"] or a["errno"] != b["errno"]:
            bad.append(f"ours:   {fmt.syscall_line(a)}\nstrace: {fmt.syscall_line(b)}")
    assert not bad, "\n".join(bad)


def test_every_fixture_call_has_a_capture_or_needs_none():
    # The fixture exercises strings, input and output buffers and structures.
    calls, _ = ferry_syscalls("x86_64")
    kinds = {k for c in calls for _a, k, *_ in c["caps"]}
    assert kinds == {"string", "in", "out"}
