"""The reader: loading damaged traces, filling in fields, strace-style text and read.py."""
import json
import subprocess
import sys

from ferrytrace import fmt, records

AWKWARD = "ferry_x86_64_awkward.jsonl"


def load(path):
    warns = []
    return records.load(path, warn=warns.append), warns


def test_awkward_trace_loads_with_warnings(fixture_path):
    tr, warns = load(fixture_path(AWKWARD))
    assert [r["type"] for r in tr.records] == ["syscall", "syscall", "dropped", "syscall",
                                               "syscall", "syscall", "syscall", "exit"]
    assert tr.dropped == 5
    assert any("last line is cut off" in w for w in warns)
    assert any("unknown record type 'sched_switch'" in w for w in warns)
    assert any("unknown field 'future_field'" in w for w in warns)
    assert len(warns) == 3
    assert "future_field" not in tr.records[3]         # ignored, not carried along
    assert tr.probe == "routes"


def test_lines(fixture_path, tables):
    tr, _ = load(fixture_path(AWKWARD))
    lines = [fmt.record_line(r, tables) for r in tr.records]
    assert lines == [
        "getpid() = 1",
        'write(1, "hi\\n", 3) = 3',
        "<... 5 records dropped ...>",
        'openat(AT_FDCWD, "/a/very/long/path/that/the/kernel/cut"..., O_RDONLY|O_CLOEXEC, 0)'
        " = -1 ENOENT (No such file or directory)",
        "syscall_0x1234(0x11, 0x22) = -1 ENOSYS (Function not implemented)",
        "getpid() = 1",
        "exit_group(0) = ?",
        "+++ exited with 0 +++",
    ]
    assert fmt.syscall_line(tr.records[5], tables, pid=True, route=True) == "[pid 1] [int80] getpid() = 1"


def test_fill_in_from_tables():
    text = "\n".join([
        json.dumps({"type": "header", "source": "ferry", "arch": "x86_64", "version": 1}),
        json.dumps({"type": "syscall", "route": "int80", "nr": 20, "ret": 7}),       # abi from route
        json.dumps({"type": "syscall", "abi": "arm64", "name": "openat", "ret": -2}),
        json.dumps({"type": "syscall", "abi": "x86_64", "nr": -64, "ret": -38}),
        json.dumps({"type": "syscall", "abi": "i386", "nr": -1, "ret": -38}),
        json.dumps({"type": "syscall", "abi": "x86_64", "nr": 9, "ret": 0x7f0000001000}),
    ])
    warns = []
    tr = records.loads(text, warn=warns.append)
    a, b, c, d, e = tr.syscalls
    assert (a["abi"], a["name"], a["errno"]) == ("i386", "getpid", None)
    assert (b["nr"], b["errno"], b["route"]) == (56, "ENOENT", "svc")
    assert fmt.syscall_name(c) == "syscall_0xffffffffffffffc0"
    assert fmt.syscall_name(d) == "syscall_0xffffffff"
    assert c["errno"] == "ENOSYS"
    assert fmt.result_text(e) == "0x7f0000001000"
    assert warns == []


def test_not_json_in_the_middle_and_no_header():
    warns = []
    tr = records.loads('{"type":"syscall","abi":"x86_64","nr":39,"ret":1}\nnot json\n'
                       '{"type":"exit","pid":1,"status":3}\n', warn=warns.append)
    assert len(tr.records) == 2
    assert any("line 2: not JSON" in w for w in warns)
    assert any("no header" in w for w in warns)


def test_read_cli_text_and_json(fixture_path, tmp_path, script):
    out = tmp_path / "n.jsonl"
    p = subprocess.run([sys.executable, script("read.py"), fixture_path(AWKWARD), "--route",
                        "--json", str(out)], capture_output=True, text=True)
    assert p.returncode == 0
    assert p.stdout.splitlines()[1] == '[syscall] write(1, "hi\\n", 3) = 3'
    assert "last line is cut off" in p.stderr
    objs = [json.loads(line) for line in out.read_text().splitlines()]
    assert objs[0]["type"] == "header" and len(objs[0]["warnings"]) == 3
    assert len(objs) == 9
    opened = objs[4]
    assert (opened["canonical"], opened["family"], opened["errno"]) == ("openat", "openat", "ENOENT")
    assert opened["line"].startswith("[syscall] openat(AT_FDCWD")


def test_read_cli_abi_filter(fixture_path, script):
    p = subprocess.run([sys.executable, script("read.py"), fixture_path(AWKWARD), "--abi", "i386"],
                       capture_output=True, text=True)
    assert p.stdout.splitlines() == ["<... 5 records dropped ...>", "getpid() = 1",
                                     "+++ exited with 0 +++"]
