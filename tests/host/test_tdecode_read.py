"""read.py's strace options on a binary trace packed from the contract: -f, -e trace=,
-e status=failed, -tt, -T, -y, -c, --json, and JSON Lines and .ftr read alike. Expected
lines are strace's forms of the same calls."""
import json
import os
import subprocess
import sys

import pytest

from ferrytrace import ftr_pack as P, read

HERE = os.path.dirname(os.path.abspath(__file__))
META = os.path.join(HERE, "fixtures", "strace", "meta.json")
AT = 2**64 - 100


@pytest.fixture
def ftr(tmp_path):
    f = P.FtrFile(cycles_per_sec=1000000)
    f.add(P.comm(seq=1, ts=0, pid=10, tid=10, name=b"sh"),
          P.syscall(seq=2, ts=1000, cost=25, pid=10, tid=10, nr=257, args=(AT, 0x10, 0o2000000),
                    ret=3, captures=[P.capture(1, "string", b"/etc/passwd")]),
          P.syscall(seq=3, ts=2000, cost=5, pid=10, tid=10, nr=0, args=(3, 0x20, 4), ret=4,
                    captures=[P.capture(1, "out", b"root")]),
          P.syscall(seq=4, ts=2500, cost=1, pid=10, tid=10, nr=292, args=(3, 7, 0o2000000),
                    ret=7),
          P.fork(seq=5, ts=3000, pid=10, tid=10, child_pid=11, child_tid=11),
          P.syscall(seq=6, ts=4000, cost=2, pid=11, tid=11, nr=0, args=(7, 0x20, 4), ret=0,
                    captures=[P.capture(1, "out", b"")]),
          P.syscall(seq=7, ts=5000, cost=3, pid=10, tid=10, nr=257, args=(AT, 0x30, 0), ret=-2,
                    captures=[P.capture(1, "string", b"/missing")]),
          P.syscall(seq=8, ts=6000, cost=1, pid=10, tid=10, nr=3, args=(3,), ret=0),
          P.syscall(seq=9, ts=7000, cost=1, pid=10, tid=10, nr=0, args=(3, 0x20, 4), ret=-9),
          P.exit_(seq=10, ts=8000, pid=10, tid=10, status=0))
    p = tmp_path / "t.ftr"
    p.write_bytes(f.bytes())
    return str(p)


def run(capsys, *args):
    assert read.main(list(args) + ["--meta", META]) == 0
    out = capsys.readouterr()
    return out.out.splitlines()


def test_plain_and_follow(ftr, capsys):
    lines = run(capsys, ftr)
    assert lines[0] == '[pid    10] openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3'
    assert lines[3] == '[pid    11] read(7, "", 4) = 0'
    assert lines[-1] == "[pid    10] +++ exited with 0 +++"
    assert not any("<fork>" in x or "<comm>" in x for x in lines)


def test_e_trace_and_status(ftr, capsys):
    assert run(capsys, ftr, "-e", "trace=openat,close") == [
        '[pid    10] openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3',
        '[pid    10] openat(AT_FDCWD, "/missing", O_RDONLY) = -1 ENOENT '
        '(No such file or directory)',
        "[pid    10] close(3) = 0", "[pid    10] +++ exited with 0 +++"]
    assert [x for x in run(capsys, ftr, "-e", "status=failed") if "+++" not in x] == [
        '[pid    10] openat(AT_FDCWD, "/missing", O_RDONLY) = -1 ENOENT '
        '(No such file or directory)',
        "[pid    10] read(3, 0x20, 4) = -1 EBADF (Bad file descriptor)"]
    assert len(run(capsys, ftr, "-e", "trace=%file")) == 3
    assert len(run(capsys, ftr, "-e", "trace=!read")) == 5


def test_y_fd_paths_follow_dup_fork_and_close(ftr, capsys):
    lines = run(capsys, ftr, "-y")
    assert lines[0].endswith("= 3</etc/passwd>")
    assert lines[1] == '[pid    10] read(3</etc/passwd>, "root", 4) = 4'
    assert lines[2] == "[pid    10] dup3(3</etc/passwd>, 7, O_CLOEXEC) = 7</etc/passwd>"
    assert lines[3] == '[pid    11] read(7</etc/passwd>, "", 4) = 0'
    assert lines[5] == "[pid    10] close(3</etc/passwd>) = 0"
    assert lines[6] == "[pid    10] read(3, 0x20, 4) = -1 EBADF (Bad file descriptor)"


def test_tt_and_T(ftr, capsys):
    lines = run(capsys, ftr, "-tt", "-T")
    assert lines[0].startswith("00:00:00.001000 [pid    10] openat(")
    assert lines[0].endswith("= 3 <0.000025>")
    assert lines[-1] == "00:00:00.008000 [pid    10] +++ exited with 0 +++"


def test_c_summary(ftr, capsys):
    lines = run(capsys, ftr, "-c")
    assert lines[0] == "% time     seconds  usecs/call     calls    errors syscall"
    assert lines[2].split() == ["73.68", "0.000028", "14", "2", "1", "openat"]
    assert lines[-1].split() == ["100.00", "0.000038", "5", "7", "2", "total"]


def test_json_out_and_jsonl_in(ftr, capsys, tmp_path):
    out = tmp_path / "o.jsonl"
    run(capsys, ftr, "-e", "status=failed", "--json", str(out))
    objs = [json.loads(x) for x in out.read_text().splitlines()]
    assert [o["type"] for o in objs] == ["header", "syscall", "syscall", "exit"]
    assert objs[1]["family"] == "openat" and objs[1]["errno"] == "ENOENT"
    # the written JSON Lines read back as the same text
    assert run(capsys, str(out), "-f") == run(capsys, ftr, "-e", "status=failed")


def test_bad_options_are_one_line(ftr):
    p = subprocess.run([sys.executable, os.path.join(os.path.dirname(HERE), "..", "scripts",
                                                     "trace", "read.py"), ftr, "-e",
                        "trace=%bogus"], capture_output=True, text=True)
    assert p.returncode == 2 and "unknown class %bogus" in p.stderr
    assert "Traceback" not in p.stderr


def _file(tmp_path, *recs, name="y.ftr"):
    f = P.FtrFile(cycles_per_sec=1000000)
    f.add(*recs)
    p = tmp_path / name
    p.write_bytes(f.bytes())
    return str(p)


def _open(seq, path, flags, ret, dfd=AT):
    return P.syscall(seq=seq, ts=seq * 100, cost=1, pid=5, tid=5, nr=257,
                     args=(dfd, 0x10, flags), ret=ret, captures=[P.capture(1, "string", path)])


def test_y_close_on_exec_follows_close_and_reuse(tmp_path, capsys):
    # strace -y: an O_CLOEXEC fd closed and its number reused without the flag survives exec
    p = _file(tmp_path, _open(1, b"/etc/passwd", 0o2000000, 3),
              P.syscall(seq=2, ts=200, pid=5, tid=5, nr=3, args=(3,), ret=0),
              _open(3, b"/etc/group", 0, 3),
              P.syscall(seq=4, ts=400, pid=5, tid=5, nr=59, args=(0x10, 0x20, 0x30), ret=0),
              P.syscall(seq=5, ts=500, pid=5, tid=5, nr=0, args=(3, 0x20, 4), ret=4,
                        captures=[P.capture(1, "out", b"root")]))
    assert run(capsys, p, "-y", "-e", "trace=read")[0] == 'read(3</etc/group>, "root", 4) = 4'


def test_y_relative_path_under_the_dirfd(tmp_path, capsys):
    p = _file(tmp_path, _open(1, b"/tmp/dir", 0o200000, 4),
              _open(2, b"f", 0, 5, dfd=4),
              P.syscall(seq=3, ts=300, pid=5, tid=5, nr=0, args=(5, 0x20, 4), ret=0,
                        captures=[P.capture(1, "out", b"")]))
    assert run(capsys, p, "-y")[1:] == [
        'openat(4</tmp/dir>, "f", O_RDONLY) = 5</tmp/dir/f>', 'read(5</tmp/dir/f>, "", 4) = 0']


def test_unfinished_calls_have_no_time_and_are_not_successful(tmp_path, capsys):
    # strace: "exit_group(0) = ?" has no <time> with -T; -e status=successful hides it
    p = _file(tmp_path, P.syscall(seq=1, ts=100, cost=5, pid=5, tid=5, nr=39, ret=5),
              P.syscall(seq=2, ts=200, cost=5, pid=5, tid=5, nr=231, flags=1))
    lines = run(capsys, p, "-T")
    assert lines[0] == "getpid() = 5 <0.000005>"
    assert lines[1].startswith("exit_group(") and lines[1].endswith(") = ?")
    assert run(capsys, p, "-e", "status=successful") == ["getpid() = 5"]


def test_other_formats_and_unfilled_headers_say_so_in_one_line(tmp_path, capsys):
    good = P.FtrFile()
    good.add(P.syscall(seq=1, ts=1, nr=39, ret=1))
    data = good.bytes()
    v3 = tmp_path / "v3.trace"
    v3.write_bytes(b"FERRYTR3" + data[8:])
    zero = tmp_path / "zero.ftr"
    zero.write_bytes(b"\0" * len(data))
    for path, want in ((v3, "format 3 (b'FERRYTR3'), this reader knows 2"),
                       (zero, "the header is all zeros")):
        assert read.main([str(path)]) == 0
        err = capsys.readouterr().err.splitlines()
        assert len(err) == 1 and want in err[0], err


def test_an_unknown_syscall_name_is_an_error(ftr, capsys):
    # strace: "invalid system call 'getpidd'"; matching nothing silently hides the typo
    with pytest.raises(SystemExit):
        read.main([ftr, "-e", "trace=getpidd", "--meta", META])
    assert "invalid system call getpidd" in capsys.readouterr().err
