"""binary.py, the reader of binary traces (format 2, include/uapi/linux/ferry_trace.h):
every field of every record type, rings merged by time, names followed through exec and
fork, and damage (a cut file, impossible sizes, unknown types and versions, a full ring)
reported as warnings with the records before it kept. Records are packed in Python from
the contract (ftr_pack.py); the metadata is the x86_64 fixture cut from a kernel build.
"""
import json
import os
import shutil
import struct
import subprocess
import sys

import pytest

from ferrytrace import binary, ftr_pack as P, meta as metamod, records

HERE = os.path.dirname(os.path.abspath(__file__))
META = os.path.join(HERE, "fixtures", "strace", "meta.json")
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import syscall_meta  # noqa: E402


def read(data, meta=True):
    warns = []
    raw = binary.parse(data, warn=warns.append)
    m = metamod.load(META) if meta else None
    return binary.records(raw, m, warn=warns.append), warns


def test_every_field_of_every_record_type():
    f = P.FtrFile(arch=1, icount=1, cycles_per_sec=1000, insns_per_cycle=4, kernel=b"Ferry t")
    f.add(P.comm(seq=1, ts=5, pid=7, tid=7, abi=1, name=b"probe"),
          P.syscall(seq=2, ts=10, cost=3, pid=7, tid=8, nr=257, abi=1, route=0,
                    args=(2**64 - 100, 0x1000, 0o2000000, 0, 0, 0), ret=3,
                    captures=[P.capture(1, "string", b"/etc/passwd")]),
          P.fork(seq=3, ts=20, pid=7, tid=8, child_pid=9, child_tid=9, clone_flags=0x11),
          P.dropped(seq=4, ts=30, count=2),
          P.signal(seq=5, ts=40, pid=7, tid=8, signo=11, code=1, si_addr=0xdead),
          P.syscall(seq=6, ts=50, cost=0, pid=7, tid=7, nr=231, abi=1, args=(4,), flags=1),
          P.exit_(seq=7, ts=60, pid=7, tid=7, status=4 << 8))
    recs, warns = read(f.bytes())
    assert warns == []
    head, comm, sc, fork, drop, sig, ex, end = recs
    assert head == {"type": "header", "source": "ferry", "arch": "x86_64", "version": 2,
                    "cycles_per_sec": 1000, "icount": True, "insns_per_cycle": 4,
                    "note": "Ferry t", "nr_cpus": 1, "rings": 1}
    assert comm == {"type": "comm", "seq": 1, "ts": 5, "cpu": 0, "pid": 7, "tid": 7, "comm": "probe",
                    "abi": "x86_64", "exec": True}
    assert sc == {"type": "syscall", "seq": 2, "ts": 10, "cpu": 0, "pid": 7, "tid": 8, "comm": None,
                  "abi": "x86_64", "route": "syscall", "nr": 257, "name": "openat",
                  "args": ["0xffffffffffffff9c", "0x1000", "0x80000", "0", "0", "0"],
                  "decoded": [
                      {"name": "dfd", "type": "int", "kind": "fd", "value": "AT_FDCWD",
                       "truncated": False, "regs": [0]},
                      {"name": "filename", "type": "const char *", "kind": "str",
                       "value": '"/etc/passwd"', "truncated": False, "regs": [1]},
                      {"name": "flags", "type": "int", "kind": "flags",
                       "value": "O_RDONLY|O_CLOEXEC", "truncated": False, "regs": [2]}],
                  "ret": 3, "errno": None, "cycles": 3, "insns": 12}
    assert fork == {"type": "fork", "seq": 3, "ts": 20, "cpu": 0, "pid": 7, "tid": 8, "child_pid": 9,
                    "child_tid": 9, "clone_flags": "0x11"}
    assert drop == {"type": "dropped", "seq": 4, "ts": 30, "cpu": 0, "count": 2}
    assert sig == {"type": "signal", "seq": 5, "ts": 40, "cpu": 0, "pid": 7, "tid": 8,
                   "signal": "SIGSEGV",
                   "info": "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0xdead}"}
    assert ex["ret"] is None and ex["errno"] is None and ex["name"] == "exit_group"
    assert ex["comm"] == "probe"            # tid 7 was named by the comm record
    assert end == {"type": "exit", "seq": 7, "ts": 60, "cpu": 0, "pid": 7, "status": 4,
                   "dropped_total": 2}


def test_rings_merge_by_time_and_comm_follows_exec_and_fork():
    f = P.FtrFile(nr_rings=2)
    f.rings[0]["records"] = 3
    f.add(P.comm(cpu=0, seq=1, ts=1, pid=1, tid=1, name=b"sh"),
          P.fork(cpu=0, seq=2, ts=5, pid=1, tid=1, child_pid=2, child_tid=2),
          P.syscall(cpu=0, seq=3, ts=30, nr=39, pid=1, tid=1, ret=1),
          # CPU 1: the child; its exec's record is written after the new name is set
          P.syscall(cpu=1, seq=1, ts=10, nr=39, pid=2, tid=2, ret=2),
          P.comm(cpu=1, seq=2, ts=25, pid=2, tid=2, name=b"ls"),
          P.syscall(cpu=1, seq=3, ts=20, cost=10, nr=59, pid=2, tid=2, ret=0),
          P.syscall(cpu=1, seq=4, ts=30, nr=39, pid=2, tid=2, ret=2))
    recs, warns = read(f.bytes())
    assert warns == []
    sc = [(r["ts"], r["pid"], r["name"], r["comm"]) for r in recs if r["type"] == "syscall"]
    assert sc == [(10, 2, "getpid", "sh"), (20, 2, "execve", "ls"), (30, 1, "getpid", "sh"),
                  (30, 2, "getpid", "ls")]
    seqs = [r["seq"] for r in recs[1:]]
    assert seqs == sorted(seqs) == list(range(1, len(seqs) + 1))


def test_errors_restarts_and_32_bit_registers():
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=0, abi=1, args=(3, 0x10, 5), ret=-512),
          P.syscall(seq=2, ts=2, nr=20, abi=2, route=1, args=(2**64 - 1,), ret=-9),
          P.syscall(seq=3, ts=3, nr=257, abi=1, args=(2**64 - 100, 0, 0), ret=-14))
    recs, warns = read(f.bytes())
    a, b, c = recs[1:]
    assert a["errno"] == "ERESTARTSYS" and a["ret"] == -512
    assert b["abi"] == "i386" and b["route"] == "int80" and b["name"] == "getpid"
    assert b["args"][0] == "0xffffffff"         # a 32-bit ABI's register is 32 bits
    assert c["errno"] == "EFAULT"
    assert c["decoded"][1]["value"] == "NULL"   # a NULL path is a pointer, not a string


def test_captures_faulted_truncated_and_out_of_order():
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=257, args=(2**64 - 100, 0xbad, 0), ret=-14,
                    captures=[P.capture(1, "string", b"", flags=2)]),
          P.syscall(seq=2, ts=2, nr=1, args=(1, 0x2000, 1000), ret=1000,
                    captures=[P.capture(1, "in", b"x" * 256, flags=1, want=1000)]),
          P.syscall(seq=3, ts=3, nr=0, args=(0, 0x3000, 100), ret=5,
                    captures=[P.capture(1, "out", b"ab\0\x7f\n")]))
    recs, warns = read(f.bytes())
    op, wr, rd = recs[1:]
    assert op["decoded"][1] == {"name": "filename", "type": "const char *", "kind": "ptr",
                                "value": "0xbad", "truncated": False, "regs": [1]}
    assert wr["decoded"][1]["value"] == '"' + "x" * 32 + '"...'
    assert wr["decoded"][1]["truncated"] is True
    assert rd["decoded"][1]["value"] == '"ab\\0\\177\\n"'


def test_a_failed_call_shows_its_output_pointer():
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=5, args=(99, 0x7000), ret=-9,
                    captures=[P.capture(1, "out", b"\0" * 144)]))
    recs, _ = read(f.bytes())
    assert recs[1]["decoded"][1]["value"] == "0x7000"


def good_file():
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=39, ret=1), P.syscall(seq=2, ts=2, nr=39, ret=1))
    return f


def names(recs):
    return [r["type"] for r in recs]


def test_a_record_cut_at_the_end_is_reported():
    data = good_file().bytes()
    recs, warns = read(data[:-8])
    assert names(recs) == ["header", "syscall"]
    assert len(warns) == 1 and "cut at the end (96 of 104 bytes)" in warns[0]
    recs, warns = read(data[:-100])
    assert names(recs) == ["header", "syscall"] and "4 of 8 header bytes" in warns[0]


@pytest.mark.parametrize("size,what", [(12, "size 12 is impossible"), (0, "size 0")])
def test_a_record_with_an_impossible_size_stops_the_walk(size, what):
    f = good_file()
    f.add(P.syscall(seq=3, ts=3, nr=39, size=size), P.syscall(seq=4, ts=4, nr=39))
    recs, warns = read(f.bytes())
    assert names(recs) == ["header", "syscall", "syscall"]
    assert len(warns) == 1 and what in warns[0]


def test_a_record_too_short_for_its_type_is_skipped_by_size_and_counted_lost():
    # 16 bytes is a plausible size: the walk steps over it and goes on; its seq is missing,
    # so it shows as one record lost where it was
    f = good_file()
    f.add(struct.pack("<BBHHH", 1, 2, 16, 0, 0) + b"\0" * 8, P.syscall(seq=4, ts=4, nr=39))
    recs, warns = read(f.bytes())
    assert names(recs) == ["header", "syscall", "syscall", "dropped", "syscall"]
    assert recs[3]["count"] == 1
    assert "needs 104" in warns[0] and "1 records lost in transit" in warns[1]


def test_unknown_type_and_unknown_version_are_skipped():
    f = good_file()
    f.add(struct.pack("<BBHHH", 99, 2, 24, 0, 0) + b"\0" * 16,
          P.syscall(seq=3, ts=3, nr=39),
          P.syscall(seq=4, ts=4, nr=39, version=3),
          P.syscall(seq=5, ts=5, nr=39))
    recs, warns = read(f.bytes())
    assert names(recs) == ["header"] + ["syscall"] * 3 + ["dropped", "syscall"]
    assert "unknown record type 99" in warns[0] and "format version 3" in warns[1]


def test_losses_in_transit_become_dropped_records_and_a_warning():
    # the ring counted 5 records; the file has seq 1 and 4 (2, 3 lost between) and not 5
    f = P.FtrFile()
    f.rings[0]["records"] = 5
    f.add(P.syscall(seq=1, ts=1, nr=39, ret=1), P.syscall(seq=4, ts=4, nr=39, ret=1))
    recs, warns = read(f.bytes())
    assert [(r["type"], r.get("count")) for r in recs[1:]] == [
        ("syscall", None), ("dropped", 2), ("syscall", None), ("dropped", 1)]
    assert len(warns) == 1 and "3 records lost in transit" in warns[0]
    # the guest's own FTR_DROPPED count is not a loss in transit, and sorts where its gap is
    f = P.FtrFile()
    f.rings[0]["records"] = 3
    f.rings[0]["dropped"] = 2
    f.add(P.syscall(seq=1, ts=1, nr=39, ret=1), P.dropped(seq=2, ts=9, count=2),
          P.syscall(seq=3, ts=5, nr=39, ret=1), P.syscall(cpu=1, seq=1, ts=7, nr=39, ret=1))
    f.hdr["nr_rings"] = 2
    f.rings.append(dict(head=0, records=1, dropped=0, tail=0))
    recs, warns = read(f.bytes())
    assert [(r["type"], r.get("count"), r["ts"]) for r in recs[1:]] == [
        ("syscall", None, 1), ("dropped", 2, 9), ("syscall", None, 5), ("syscall", None, 7)]
    assert warns == []


def test_a_record_read_twice_is_kept_once():
    f = good_file()
    f.add(P.syscall(seq=2, ts=2, nr=39, ret=1))
    recs, warns = read(f.bytes())
    assert names(recs) == ["header", "syscall", "syscall"]
    assert "1 records read twice" in warns[0]


def test_pad_records_are_skipped_silently():
    f = good_file()
    f.add(P.pad(64), P.syscall(seq=3, ts=3, nr=39))
    recs, warns = read(f.bytes())
    assert names(recs) == ["header"] + ["syscall"] * 3 and warns == []


@pytest.mark.parametrize("kw,what", [({"magic": b"FERRYTR1"},
                                      "format 1 (b'FERRYTR1'), this reader knows 2"),
                                     ({"version": 3}, "format version 3")])
def test_bad_file_header(kw, what):
    recs, warns = read(P.FtrFile(**kw).bytes())
    assert recs == [] and what in warns[0]


def test_short_files():
    data = good_file().bytes()
    for n in (0, 100, 4096 + 10):
        recs, warns = read(data[:n])
        assert len(warns) == 1 and (recs == [] or names(recs) == ["header"])


def test_a_full_ring_drops_are_counted_and_shown():
    """Records that did not fit: the ones an FTR_DROPPED announced, and those lost at the
    end (the ring's dropped count is ahead: no record fitted after them) or on a CPU
    without a ring."""
    f = P.FtrFile(orphan_dropped=1)
    f.rings[0]["dropped"] = 7
    f.add(P.syscall(seq=1, ts=1, nr=39), P.dropped(seq=2, ts=2, count=4),
          P.syscall(seq=3, ts=3, nr=39), P.exit_(seq=4, ts=4))
    recs, warns = read(f.bytes())
    assert names(recs) == ["header", "syscall", "dropped", "syscall", "exit", "dropped",
                           "dropped"]
    assert recs[4]["dropped_total"] == 4
    # ring 0 counted 7, 4 announced: 3 lost at its end; 1 on a CPU without a ring
    assert [(r["cpu"], r["count"]) for r in recs[5:]] == [(0, 3), (None, 1)]
    assert "4 records lost" in warns[0]


def test_without_metadata_arguments_stay_raw():
    recs, warns = read(good_file().bytes(), meta=False)
    assert recs[1]["decoded"] is None and recs[1]["name"] == "getpid"


def test_convert_writes_json_lines_the_loader_takes(tmp_path):
    ftr, out = tmp_path / "t.ftr", tmp_path / "t.jsonl"
    f = good_file()
    f.add(P.fork(seq=3, ts=3), P.comm(seq=4, ts=4))
    ftr.write_bytes(f.bytes())
    assert binary.convert(str(ftr), str(out), META) == 5
    warns = []
    tr = records.load(str(out), warn=warns.append)
    assert warns == [] and len(tr.syscalls) == 2
    assert [json.loads(x)["type"] for x in out.read_text().splitlines()] == [
        "header", "syscall", "syscall", "fork", "comm"]


def test_convert_of_a_missing_file_warns(tmp_path):
    warns = []
    assert binary.convert(str(tmp_path / "no.ftr"), str(tmp_path / "o.jsonl"), META,
                          warn=warns.append) == 0
    assert "No such file" in warns[0]


# ---- the metadata export (scripts/syscall_meta.py) ----------------------------------------
FAKE_KERNEL = r"""
struct syscall_metadata { const char *name; int nb_args; const char *const *types;
                          const char *const *args; };
struct syscall_abi { const char *name; unsigned int nr_syscalls; const char *const *names;
                     const struct syscall_metadata *const *meta; };
static const char *const t_w[] = { "unsigned int", "const char *", "size_t" };
static const char *const a_w[] = { "fd", "buf", "count" };
const struct syscall_metadata __syscall_meta_sys_write = { "write", 3, t_w, a_w };
const struct syscall_metadata __syscall_meta_compat_sys_open = { "open", 3, t_w, a_w };
static const char *const names[] = { [1] = "write", [2] = "open", [4] = "nothing" };
static const struct syscall_metadata *const meta[5] = {
    [1] = &__syscall_meta_sys_write, [2] = &__syscall_meta_compat_sys_open };
const struct syscall_abi syscall_abi_x86_64 = { "x86_64", 5, names, meta };
int main(void) { return 0; }
"""


@pytest.mark.skipif(not shutil.which("gcc"), reason="no gcc on this host")
def test_syscall_meta_reads_a_linked_kernel_s_tables(tmp_path):
    src, exe, out = tmp_path / "k.c", tmp_path / "k", tmp_path / "m.json"
    src.write_text(FAKE_KERNEL)
    # -no-pie: every pointer is a final address in the file, as in a linked vmlinux
    subprocess.run(["gcc", "-O0", "-no-pie", "-o", str(exe), str(src)], check=True)
    assert syscall_meta.main([str(exe), str(out)]) == 0
    m = json.loads(out.read_text())
    t = m["abis"]["x86_64"]
    assert m["version"] == 1 and list(m["abis"]) == ["x86_64"]
    assert t["1"] == {"name": "write", "entry": "native", "function": "sys_write",
                      "args": [["unsigned int", "fd"], ["const char *", "buf"],
                               ["size_t", "count"]]}
    assert t["2"]["entry"] == "compat" and t["2"]["function"] == "compat_sys_open"
    assert t["4"] == {"name": "nothing", "entry": None, "function": None, "args": None}
    assert "0" not in t and "3" not in t


def test_syscall_meta_refuses_what_is_no_kernel(tmp_path):
    bad = tmp_path / "x"
    bad.write_bytes(b"not an elf")
    r = subprocess.run([sys.executable, os.path.join(TOP, "scripts", "syscall_meta.py"), str(bad),
                        str(tmp_path / "o.json")], capture_output=True, text=True)
    assert r.returncode == 1 and "not an ELF64" in r.stderr and "Traceback" not in r.stderr


def test_random_damage_never_raises():
    """Bytes of a real kernel's trace overwritten at random, or the file cut anywhere: the
    reader warns and returns what it could read, whatever the damage."""
    import random
    path = os.path.join(HERE, "fixtures", "ftr", "i386_files_abi.ftr")
    with open(path, "rb") as f:
        data = f.read()
    m = metamod.load(os.path.join(HERE, "fixtures", "ftr", "x86_64_meta.json"))
    rnd = random.Random(15)
    for _ in range(30):
        b = bytearray(data)
        for _ in range(rnd.randint(1, 20)):
            b[rnd.randrange(len(b)) if rnd.random() < 0.2 else rnd.randrange(8192, len(b))] = \
                rnd.randrange(256)
        if rnd.random() < 0.3:
            b = b[:rnd.randrange(len(b))]
        binary.records(binary.parse(bytes(b), warn=lambda m: None), m, warn=lambda m: None)


def test_records_equal_in_time_cpu_and_seq_do_not_break_the_merge():
    f = P.FtrFile()
    f.add(P.comm(seq=1, ts=1, name=b"a"), P.comm(seq=1, ts=1, name=b"b"),
          P.fork(seq=1, ts=1), P.syscall(seq=1, ts=1, nr=39))
    recs, warns = read(f.bytes())
    assert [r["type"] for r in recs] == ["header", "comm", "comm", "fork", "syscall"]


def _info(**kw):
    f = P.FtrFile()
    f.add(P.signal(seq=1, ts=1, **kw))
    recs, warns = read(f.bytes())
    assert warns == []
    return recs[1]["info"]


def test_signal_lines_are_strace_s():
    # strace 6.1 on the host (a NULL dereference; a child killed by SIGKILL)
    assert _info(signo=11, code=1, si_addr=0) == \
        "{si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL}"
    assert _info(signo=17, code=2, si_pid=10146, si_uid=0, si_status=9) == \
        ("{si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=10146, si_uid=0, si_status=SIGKILL, "
         "si_utime=0, si_stime=0}")
    # strace's print_si_info: SI_KERNEL faults keep si_addr, si_errno when set, an SI_QUEUE
    # with no value has no si_int/si_ptr
    assert _info(signo=11, code=0x80, si_addr=0) == \
        "{si_signo=SIGSEGV, si_code=SI_KERNEL, si_addr=NULL}"
    assert _info(signo=10, code=-1, errno=14, si_pid=3, si_uid=0) == \
        "{si_signo=SIGUSR1, si_code=SI_QUEUE, si_errno=EFAULT, si_pid=3, si_uid=0}"


def test_unknown_abi_or_route_is_warned_about_once():
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=39, abi=0), P.syscall(seq=2, ts=2, nr=39, abi=0),
          P.syscall(seq=3, ts=3, nr=39, route=9))
    recs, warns = read(f.bytes())
    assert [r["abi"] for r in recs[1:]] == [None, None, "x86_64"]
    assert len(warns) == 2 and "unknown abi 0" in warns[0] and "unknown route 9" in warns[1]


def _meta(calls):
    return metamod.Meta({"version": 1, "arch": "x86_64", "abis": {"x86_64": {
        str(nr): {"name": name, "entry": "native", "function": "sys_" + name, "args": args}
        for nr, (name, args) in calls.items()}}})


def test_the_decode_cache_is_keyed_with_the_metadata():
    # two builds' metadata for one number: each decodes with its own names and types
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=500, args=(2**64 - 1,), ret=0))
    raw = binary.parse(f.bytes(), warn=pytest.fail)
    a = binary.records(raw, _meta({500: ("foo", [["int", "fd"]])}), warn=pytest.fail)
    b = binary.records(raw, _meta({500: ("bar", [["unsigned int", "flags"]])}),
                       warn=pytest.fail)
    assert [(d["name"], d["value"]) for d in a[1]["decoded"]] == [("fd", "-1")]
    assert [(d["name"], d["value"]) for d in b[1]["decoded"]] == [("flags", "4294967295")]


def test_metadata_with_other_argument_names_does_not_raise():
    f = P.FtrFile()
    f.add(P.syscall(seq=1, ts=1, nr=2, args=(0x10, 0o100, 0o644), ret=3),
          P.syscall(seq=2, ts=2, nr=140, args=(3, 0, 16, 0x20, 0), ret=0))
    m = _meta({2: ("open", [["const char *", "path"], ["int", "oflag"], ["umode_t", "mode"]]),
               140: ("_llseek", [["unsigned int", "fd"], ["unsigned long", "hi"],
                                 ["unsigned long", "lo"], ["loff_t *", "result"],
                                 ["unsigned int", "whence"]])})
    recs = binary.records(binary.parse(f.bytes(), warn=pytest.fail), m, warn=pytest.fail)
    assert [len(r["decoded"]) for r in recs[1:]] == [3, 5]
