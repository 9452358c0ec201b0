"""Ferry's decoded arguments against the linux-kernel column's raw registers.

The host decoder merges a 32-bit ABI's 64-bit value passed in two registers into one entry
(_llseek's offset, pread64's pos) and leaves out arm's alignment padding, so its entries no
longer sit at their registers' positions. Each entry says which registers it came from
("regs"), and values.args_differences() reads the raw side there. Before "regs", i386's
_llseek(3, 1, [1], SEEK_SET) met the raw registers (0x3, 0x0, 0x1, ...) by position, and the
offset 1 was judged against offset_high's 0: make compare LINUX=1 PROBES=tour went red.
"""
import json
import os

from ferrytrace import decode, meta as metamod, records, values

FTR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "ftr")


def decoded(meta_file, abi, nr, regs, ret, captures=()):
    m = metamod.load(os.path.join(FTR, meta_file))
    ent = m.entry(abi, nr)
    return decode.decode_call(decode.Call(abi, ent.name, nr, regs, ret, ent, list(captures)))


def record(abi, name, regs, dec, ret=0):
    """A syscall record as a trace file holds it, loaded through records.py (so an entry's
    "regs" must survive the loader)."""
    line = json.dumps({"type": "syscall", "abi": abi, "name": name, "pid": 1, "ret": ret,
                       "args": [hex(r) for r in regs], "decoded": dec})
    head = json.dumps({"type": "header", "source": "t", "arch": abi})
    return records.loads(head + "\n" + line, warn=lambda m: None).syscalls[0]


def kernel(abi, name, regs, ret=0):
    return record(abi, name, regs, None, ret)


def test_llseek_offset_meets_both_registers():
    regs = [3, 0, 1, 0xffffdcf0, 0, 0]          # _llseek(3, 1, [1], SEEK_SET) on i386
    dec = decoded("x86_64_meta.json", "i386", 140, regs, 0)
    assert [d["value"] for d in dec][:2] == ["3", "1"]
    assert dec[1]["regs"] == [1, 2]
    ferry = record("i386", "_llseek", regs, dec)
    assert ferry["decoded"][1]["regs"] == [1, 2]
    linux = kernel("i386", "_llseek", [3, 0, 1, 0xffffdcd0, 0, 0])
    assert values.args_differences(ferry, linux) == []
    assert values.args_differences(linux, ferry) == []
    # ... and still tells a different offset, in either half.
    assert values.args_differences(ferry, kernel("i386", "_llseek", [3, 0, 2, 1, 0, 0])) == \
        ["offset_high"]
    assert values.args_differences(ferry, kernel("i386", "_llseek", [3, 1, 1, 1, 0, 0])) == \
        ["offset_high"]
    assert values.args_differences(ferry, kernel("i386", "_llseek", [4, 0, 1, 1, 0, 0])) == ["fd"]


def test_arm_llseek_and_pread64_after_padding():
    regs = [3, 0, 1, 0xfffefc90, 0, 0]
    ferry = record("arm", "_llseek", regs, decoded("arm64_meta.json", "arm", 140, regs, 0))
    assert values.args_differences(ferry, kernel("arm", "_llseek", regs)) == []
    # pread64(3, buf, 16, 4096): arm puts the 64-bit pos in r4:r5 after a pad in r3
    regs = [3, 0x10000, 16, 0, 4096, 0]
    dec = decoded("arm64_meta.json", "arm", 180, regs, 16)
    assert [d["name"] for d in dec] == ["fd", "buf", "count", "pos_lo"]
    ferry = record("arm", "pread64", regs, dec, 16)
    assert values.args_differences(ferry, kernel("arm", "pread64", regs, 16)) == []
    assert values.args_differences(ferry, kernel("arm", "pread64", [3, 0x10000, 16, 0, 8192, 0],
                                                 16)) == ["pos_lo"]


def test_traces_without_regs_compare_by_position():
    """An older trace (no "regs") keeps the positional rule."""
    ferry = record("i386", "getpid", [0] * 6, [])
    linux = kernel("i386", "getpid", [0] * 6)
    assert values.args_differences(ferry, linux) == []
    old = record("i386", "write", [1, 0x1000, 5, 0, 0, 0],
                 [{"name": "fd", "type": "unsigned int", "kind": "fd", "value": "1"}])
    assert values.args_differences(old, kernel("i386", "write", [2, 0x1000, 5, 0, 0, 0])) == \
        ["fd"]


def test_bad_regs_are_dropped_with_a_warning():
    warns = []
    head = json.dumps({"type": "header", "source": "t", "arch": "i386"})
    line = json.dumps({"type": "syscall", "abi": "i386", "name": "close", "pid": 1, "ret": 0,
                       "decoded": [{"name": "fd", "kind": "fd", "value": "3", "regs": [9]}]})
    rec = records.loads(head + "\n" + line, warn=warns.append).syscalls[0]
    assert "regs" not in rec["decoded"][0]
    assert any("regs" in w for w in warns)
