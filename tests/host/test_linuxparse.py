"""The qemu-user -strace and strace parsers, on logs captured from the probes on this host."""
import os
import shutil
import subprocess
import sys

import pytest

from ferrytrace import fmt, linux, linuxparse


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_split_args():
    assert linuxparse.split_args('1, "a, \\"b)", [1, 2], {x=1, y=2}, 0x7f /* 41 vars */') == [
        "1", '"a, \\"b)"', "[1, 2]", "{x=1, y=2}", "0x7f /* 41 vars */"]
    assert linuxparse.split_args("") == []


def test_qemu_x86_64(fixture_path, tables):
    recs = linuxparse.parse_qemu(read(fixture_path("qemu_x86_64_routes.log")), "x86_64", "routes")
    sc = [r for r in recs if r["type"] == "syscall"]
    assert len(sc) == 17
    assert (sc[0]["name"], sc[0]["nr"], sc[0]["ret"], sc[0]["route"]) == ("getpid", 39, sc[0]["pid"], "syscall")
    assert [d["value"] for d in sc[1]["decoded"]] == ["1", "0x800100", "20"]
    wv = next(r for r in sc if r["name"] == "writev")
    assert (wv["ret"], wv["errno"]) == (-22, "EINVAL")
    unk = next(r for r in sc if r["name"] is None)
    assert (unk["nr"], unk["ret"], unk["decoded"]) == (32767, None, None)
    assert fmt.syscall_line(sc[-1], tables) == "exit_group(1) = ?"


def test_qemu_i386_signal(fixture_path):
    recs = linuxparse.parse_qemu(read(fixture_path("qemu_i386_routes.log")), "i386", "routes")
    assert recs[-1]["type"] == "signal" and recs[-1]["signal"] == "SIGILL"
    assert recs[0]["abi"] == "i386" and recs[0]["nr"] == 20 and recs[0]["route"] == "int80"


def test_qemu_results_and_strings(tables):
    text = ('7 openat(-100,"/etc/ld.so.cache",O_RDONLY|O_CLOEXEC) = -1 errno=2 (No such file or directory)\n'
            "7 mmap(NULL,8192,PROT_READ,MAP_PRIVATE,-1,0) = 0x000000400286c000\n"
            "some program output\n"
            "7 Unknown syscall -64\n")
    a, b, c = linuxparse.parse_qemu(text, "x86_64", "p")
    assert (a["ret"], a["errno"], a["decoded"][1]["kind"]) == (-2, "ENOENT", "str")
    assert b["ret"] == 0x400286c000 and b["decoded"][0]["kind"] == "ptr"
    assert fmt.syscall_name(c) == "syscall_0xffffffffffffffc0"


def test_qemu_llseek_offset_merged_as_strace_prints_it(tables):
    """qemu-user prints _llseek's two offset registers; strace and Ferry's decoder one offset,
    so a positional comparison of the two columns must see the same argument list."""
    text = "7 _llseek(4,1,2,0x408005b0,SEEK_SET) = 0\n7 _llseek(4,4294967295,4294967294,0x40800460,SEEK_CUR) = 0\n"
    a, b = linuxparse.parse_qemu(text, "i386", "p")
    assert [d["value"] for d in a["decoded"]] == ["4", str(1 << 32 | 2), "0x408005b0", "SEEK_SET"]
    assert b["decoded"][1]["value"] == "-2"


def test_strace_x86_64(fixture_path, tables):
    recs = linuxparse.parse_strace(read(fixture_path("strace_x86_64_routes.log")), "x86_64", "routes")
    sc = [r for r in recs if r["type"] == "syscall"]
    assert sc[0]["name"] == "execve" and sc[0]["ts"] > 0 and sc[0]["dur_us"] == pytest.approx(274)
    assert sc[2]["decoded"][1] == {"name": None, "type": None, "kind": "str",
                                   "value": '"KTAP version 1\\n1..8\\n"', "truncated": False}
    bad = next(r for r in sc if r["name"] is None)
    assert (bad["nr"], bad["ret"], bad["errno"]) == (0x7fff, -38, "ENOSYS")
    assert len(bad["decoded"]) == 6
    assert recs[-1] == {"type": "exit", "pid": sc[0]["pid"], "status": 0, "ts": recs[-1]["ts"],
                        "seq": recs[-1]["seq"]}
    assert fmt.syscall_line(next(r for r in sc if r["name"] == "mkdir"), tables) == \
        "mkdir(0x23016745ab89efcd, 0177334) = -1 EFAULT (Bad address)"


def test_strace_i386_killed(fixture_path):
    recs = linuxparse.parse_strace(read(fixture_path("strace_i386_routes.log")), "i386", "routes")
    assert [r["type"] for r in recs[-2:]] == ["signal", "exit"]
    assert recs[-1]["signal"] == "SIGSEGV" and recs[-1]["status"] is None
    assert recs[1]["nr"] == 20 and recs[1]["abi"] == "i386"


def test_strace_unfinished_resumed_and_no_timestamps():
    text = ("5 read(0,  <unfinished ...>\n"
            "6 getpid()                          = 6\n"
            '5 <... read resumed>"x", 1)          = 1\n'
            "6 exit_group(0)                     = ?\n"
            "[ Process PID=7 runs in 32 bit mode. ]\n"
            "7 getpid() = 7\n"
            "5 +++ exited with 0 +++\n")
    recs = linuxparse.parse_strace(text, "x86_64", "p")
    assert [r.get("name") for r in recs] == ["getpid", "read", "exit_group", "getpid", None]
    rd = recs[1]
    assert [d["value"] for d in rd["decoded"]] == ["0", '"x"', "1"] and rd["ret"] == 1
    assert recs[2]["ret"] is None and recs[0]["ts"] is None
    assert (recs[3]["abi"], recs[3]["nr"]) == ("i386", 20)


def test_elf_abi():
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    probe = os.path.join(top, "build", "probes", "arm64", "hello")
    if not os.path.exists(probe):
        pytest.skip("probes not built (make probes)")
    assert linux.elf_abi(probe) == "arm64"
    assert linux.elf_abi(os.path.join(top, "build", "probes", "i386", "hello")) == "i386"
    assert linux.elf_abi(sys.executable) in ("x86_64", "arm64")


def test_linux_cli_runs_qemu_user(tmp_path, script):
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    probe = os.path.join(top, "build", "probes", "x86_64", "hello")
    if not (os.path.exists(probe) and shutil.which("qemu-x86_64")):
        pytest.skip("needs build/probes and qemu-user")
    p = subprocess.run([sys.executable, script("linux.py"), "--via", "qemu-user", "--out",
                        str(tmp_path), probe], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    out = tmp_path / "x86_64-hello.qemu-user.jsonl"
    from ferrytrace import records
    tr = records.load(str(out), warn=lambda m: None)
    assert tr.source == "qemu-user" and tr.probe == "hello"
    assert [r["name"] for r in tr.syscalls[:4]] == ["gettid", "getppid", "getpid", "write"]
    assert tr.records[-1] == {"type": "exit", "pid": tr.syscalls[0]["pid"], "status": 0}


def test_qemu_arm_libc_hello(fixture_path, tables):
    # qemu-arm -d strace of build/probes/arm/libc_hello (QEMU 7.2): the arm EABI's names,
    # a rseq it does not know, a clock_gettime64 result with the timespec after it
    recs = linuxparse.parse_qemu(read(fixture_path("qemu_arm_libc_hello.log")), "arm",
                                 "libc_hello")
    sc = [r for r in recs if r["type"] == "syscall"]
    assert {(r["abi"], r["route"]) for r in sc} == {("arm", "svc32")}
    by = {r["name"]: r for r in sc}
    assert by["ugetrlimit"]["nr"] == 191 and by["ugetrlimit"]["ret"] == 0
    assert by["set_robust_list"]["nr"] == 338 and by["set_robust_list"]["errno"] == "ENOSYS"
    assert (by["clock_gettime64"]["nr"], by["clock_gettime64"]["ret"]) == (403, 0)
    assert by["statx"]["nr"] == 397 and by["readlink"]["ret"] == 38
    assert sc[0]["name"] == "brk" and sc[0]["decoded"][0]["kind"] == "ptr"     # brk(NULL)
    unk = next(r for r in sc if r["name"] is None)
    assert (unk["nr"], unk["ret"]) == (398, None)
    assert fmt.syscall_line(sc[-1], tables) == "exit_group(7) = ?"
    # read back as a trace, the number the log could not name gets the table's name
    from ferrytrace import records
    text = "\n".join(records.dumps_record(r) for r in [
        {"type": "header", "source": "qemu-user", "arch": "arm", "probe": "libc_hello"}] + recs)
    tr = records.loads(text, warn=lambda m: None)
    assert tr.abi == "arm" and [r["name"] for r in tr.syscalls][4] == "rseq"


def test_qemu_arm_tour(fixture_path, tables):
    sc = linuxparse.parse_qemu(read(fixture_path("qemu_arm_tour.log")), "arm", "tour")
    assert [r["name"] for r in sc[:5]] == ["getpid", "getppid", "gettid", "getuid32", "uname"]
    ll = next(r for r in sc if r["name"] == "_llseek")
    assert ll["nr"] == 140 and [d["value"] for d in ll["decoded"]][-1] == "SEEK_SET"
    m = next(r for r in sc if r["name"] == "mmap2")
    assert m["nr"] == 192 and fmt.result_text(m) == "0x3fffc000"
    bad = next(r for r in sc if r["name"] is None)
    assert fmt.syscall_name(bad) == "syscall_0x7ffff"
    # a 32-bit ABI's address above 2 GiB, sign-extended, shows as the address
    assert fmt.result_text(dict(m, ret=-0x10000)) == "0xffff0000"


def test_strace_personality_on_an_arm64_host():
    log = ("7 getpid() = 7\n[ Process PID=7 runs in 32 bit mode. ]\n7 getuid32() = 0\n")
    a, b = linuxparse.parse_strace(log, "arm64", "p")
    assert (a["abi"], b["abi"], b["nr"], b["route"]) == ("arm64", "arm", 199, "svc32")
    a, b = linuxparse.parse_strace(log, "x86_64", "p")      # an x86_64 host: i386
    assert (a["abi"], b["abi"], b["nr"]) == ("x86_64", "i386", 199)


def test_elf_abi_arm(tmp_path):
    # EM_ARM (40), little-endian ELF32: the arm EABI
    f = tmp_path / "a.out"
    f.write_bytes(b"\x7fELF\x01\x01\x01" + bytes(9) + (2).to_bytes(2, "little")
                  + (40).to_bytes(2, "little"))
    assert linux.elf_abi(str(f)) == "arm"
    assert linux.QEMU["arm"] == "qemu-arm"
    top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    probe = os.path.join(top, "build", "probes", "arm", "hello")
    if os.path.exists(probe):
        assert linux.elf_abi(probe) == "arm"


def test_strace_durations_are_whole_microseconds():
    # 0.007923 * 1e6 is 7922.999999999999 in floating point: a record with that dur_us is
    # refused as bad (dur_us is an integer field), which once failed make compare's routes
    (rec,) = linuxparse.parse_strace("5 getpid() = 5 <0.007923>\n", "x86_64", "p")
    assert rec["dur_us"] == 7923 and isinstance(rec["dur_us"], int)
    from ferrytrace import records
    head = '{"type": "header", "source": "strace", "arch": "x86_64"}\n'
    tr = records.loads(head + records.dumps_record(rec), warn=lambda m: None)
    assert not tr.bad and tr.syscalls[0]["dur_us"] == 7923
