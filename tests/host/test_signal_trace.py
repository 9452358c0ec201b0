"""Signals in the traces (issue 13, make compare for the signal probes): an interrupted call's
restart code is shown and parsed as strace shows it ("= ? ERESTARTSYS (To be restarted if
SA_RESTART is set)"), qemu-user's own markers are no result, Ferry's signal records load, and
a piece of libc_signals' trace (a pipe read interrupted by SIGALRM, without and with
SA_RESTART) agrees with strace's log of the same binary on Linux 6.1."""
import json
import os
import subprocess
import sys

from ferrytrace import fmt, linuxparse, records, tables

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIX = os.path.join(TOP, "tests", "host", "fixtures")
COMPARE = os.path.join(TOP, "scripts", "trace", "compare.py")

RESTARTS = {"ERESTARTSYS": 512, "ERESTARTNOINTR": 513, "ERESTARTNOHAND": 514,
            "ERESTART_RESTARTBLOCK": 516}


def test_tables_know_the_restart_codes():
    t = tables.load()
    for name, nr in RESTARTS.items():
        assert t.errno_number(name) == nr and t.errno_name(nr) == name


def test_strace_restart_lines_parse_to_the_code():
    log = ("7 read(3, 0x7ffc, 4) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)\n"
           "7 rt_sigsuspend([], 8) = ? ERESTARTNOHAND (To be restarted if no handler)\n"
           "7 nanosleep({tv_sec=1, tv_nsec=0}, 0x7ffc) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)\n"
           "7 fork() = ? ERESTARTNOINTR (To be restarted)\n"
           "7 exit_group(0) = ?\n")
    recs = [r for r in linuxparse.parse_strace(log, "x86_64") if r["type"] == "syscall"]
    got = [(r["name"], r["ret"], r["errno"]) for r in recs]
    assert got == [("read", -512, "ERESTARTSYS"), ("rt_sigsuspend", -514, "ERESTARTNOHAND"),
                   ("nanosleep", -516, "ERESTART_RESTARTBLOCK"), ("fork", -513, "ERESTARTNOINTR"),
                   ("exit_group", None, None)]


def test_qemu_own_codes_are_no_result():
    log = ("9 read(4,0x800100,4) = -1 errno=512 (To be restarted)\n"
           "9 rt_sigreturn(0,0,0,8,0,0) = -1 errno=513 (Successful exit from sigreturn)\n"
           "9 read(4,0x800100,4) = -1 errno=4 (Interrupted system call)\n")
    recs = [r for r in linuxparse.parse_qemu(log, "x86_64") if r["type"] == "syscall"]
    assert [(r["ret"], r["errno"]) for r in recs] == [(None, None), (None, None), (-4, "EINTR")]


def test_a_restart_code_prints_as_strace():
    for name, nr in RESTARTS.items():
        line = fmt.syscall_line({"type": "syscall", "name": "read", "abi": "x86_64",
                                 "decoded": [], "ret": -nr, "errno": name})
        assert line == f"read() = ? {name} ({tables.RESTART_MESSAGES[name]})"


def test_ferry_signal_record_loads_without_warning():
    warned = []
    text = ('{"type":"header","source":"ferry","arch":"x86_64"}\n'
            '{"type":"signal","seq":3,"pid":1,"tid":2,"signal":"SIGALRM",'
            '"info":"{si_signo=SIGALRM, si_code=SI_KERNEL}"}\n')
    t = records.loads(text, warn=warned.append, label="ferry-x86_64")
    assert not warned and t.records[0]["tid"] == 2
    assert fmt.record_line(t.records[0]) == "--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---"


def _compare(tmp_path, ferry_lines):
    ferry = tmp_path / "ferry.jsonl"
    ferry.write_text("".join(json.dumps(r) + "\n" for r in ferry_lines))
    with open(os.path.join(FIX, "strace_x86_64_signal_restart.log")) as f:
        recs = linuxparse.parse_strace(f.read(), "x86_64", "libc_signals")
    head = {"type": "header", "source": "strace", "arch": "x86_64", "abi": "x86_64",
            "probe": "libc_signals"}
    linux = tmp_path / "strace.jsonl"
    linux.write_text("".join(json.dumps(r) + "\n" for r in [head] + recs))
    out = tmp_path / "report.json"
    r = subprocess.run([sys.executable, COMPARE, str(ferry), str(linux), "--labels",
                        "ferry-x86_64,linux-strace-x86_64", "--json", str(out)],
                       capture_output=True, text=True)
    return r.returncode, json.loads(out.read_text()) if out.exists() else None


def _ferry_fixture():
    with open(os.path.join(FIX, "ferry_x86_64_signal_restart.jsonl")) as f:
        return [json.loads(line) for line in f if line.strip()]


def test_restart_piece_agrees_with_strace(tmp_path):
    status, report = _compare(tmp_path, _ferry_fixture())
    assert status == 0, report and report["verdicts"]
    assert report["verdicts"][0]["unexpected"] == 0


def test_restart_piece_fails_when_ferry_shows_eintr(tmp_path):
    recs = _ferry_fixture()
    for r in recs:	# the exit path's rewrite instead of the call's own result
        if r.get("ret") == -512:
            r["ret"], r["errno"] = -4, "EINTR"
    status, report = _compare(tmp_path, recs)
    assert status == 1 and report["verdicts"][0]["unexpected"] == 2


def test_restart_piece_fails_without_the_signal_records(tmp_path):
    recs = [r for r in _ferry_fixture() if r.get("type") != "signal"]
    status, report = _compare(tmp_path, recs)
    assert status == 1 and report["verdicts"][0]["unexpected"] == 2
