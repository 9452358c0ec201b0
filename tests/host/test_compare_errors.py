"""make compare fails loudly instead of passing by accident: a failed Ferry boot, a Linux
trace with no Ferry trace of its ABI, a crash of the comparison or a bad record is an error
(status 2), never a verdict; known differences cover only what they are about."""
import importlib.util
import json
import os
import subprocess
import sys

import pytest

from ferrytrace import comparison, known, records

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
COMPARE = os.path.join(TOP, "scripts", "trace", "compare.py")


# ---- helpers ---------------------------------------------------------------------------------

def lines_of(calls, abi="x86_64", source="ferry", probe="tour", exit_status=0, signal=None):
    """JSON Lines of a trace from (name, [(kind, value, name)...], ret[, errno]) tuples; a
    ("---", SIGNAME) tuple is a signal record. exit_status None: no exit record."""
    out = [json.dumps({"type": "header", "source": source, "arch": abi, "probe": probe,
                       "abi": abi})]
    for c in calls:
        if c[0] == "---":
            out.append(json.dumps({"type": "signal", "pid": 1, "signal": c[1]}))
            continue
        name, args, ret = c[:3]
        dec = [{"name": a[2], "kind": a[0], "value": a[1]} for a in args]
        out.append(json.dumps({"type": "syscall", "abi": abi, "name": name, "decoded": dec,
                               "ret": ret, "errno": c[3] if len(c) > 3 else None, "pid": 1}))
    if exit_status is not None or signal:
        out.append(json.dumps({"type": "exit", "pid": 1, "status": exit_status, "signal": signal}))
    return "\n".join(out) + "\n"


def trace(calls, **kw):
    label = f"{kw.get('source', 'ferry')}-{kw.get('abi', 'x86_64')}"
    return records.loads(lines_of(calls, **kw), warn=lambda m: None, label=label)


def write(text, ret=None):
    n = len(text.encode().decode("unicode_escape"))
    return ("write", [("fd", "1", "fd"), ("buf", f'"{text}"', "buf"), ("int", str(n), "count")],
            n if ret is None else ret)


GETPID = ("getpid", [], 1)
EXIT = ("exit_group", [("int", "0", "error_code")], None)
TOUR = [GETPID, write("tour: hello\\n"), EXIT]


def make_compare():
    spec = importlib.util.spec_from_file_location("make_compare_t",
                                                  os.path.join(TOP, "scripts", "compare.py"))
    mc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mc)
    return mc


def fake_make_compare(monkeypatch, tmp_path, boots, linux, probe="tour", crash_compare=False,
                      kernel_column=(0, "")):
    """scripts/compare.py's main() with the kernel build, the boots, linux.py and
    linux_kernel.py replaced: boots {abi: (status, trace text or None)}, linux {file name:
    trace text}, kernel_column (linux_kernel.py's status, stderr; it writes nothing). The real
    scripts/trace/compare.py runs (unless crash_compare). Returns (status, stdout lines)."""
    mc = make_compare()
    top = tmp_path / "top"
    (top / "userspace" / "probes").mkdir(parents=True)
    (top / "userspace" / "probes" / f"{probe}.c").write_text("int main(void) { return 0; }\n")
    for abi in boots:
        (top / "build" / "probes" / abi).mkdir(parents=True)
        (top / "build" / "probes" / abi / probe).write_text("ELF")
    monkeypatch.setattr(mc, "TOP", str(top))
    monkeypatch.setattr(mc, "build", lambda abis: None)

    def boot(p, abi, out):
        status, text = boots[abi]
        trace_path = os.path.join(out, p, f"{abi}.ferry.jsonl")
        os.makedirs(os.path.dirname(trace_path), exist_ok=True)
        n = 0
        if text is not None:
            with open(trace_path, "w") as f:
                f.write(text)
            n = text.count('"type": "syscall"')
        return p, abi, status, n, 0.1, trace_path

    def run(cmd, **kw):
        if cmd[1].endswith("linux_kernel.py"):
            return subprocess.CompletedProcess(cmd, kernel_column[0], "", kernel_column[1])
        if cmd[1].endswith("linux.py"):
            ldir = top / cmd[cmd.index("--out") + 1]
            ldir.mkdir(parents=True, exist_ok=True)
            for name, text in linux.items():
                (ldir / name).write_text(text)
            return subprocess.CompletedProcess(cmd, 0, "", "")
        if cmd[1].endswith("compare.py"):
            if crash_compare:
                return subprocess.CompletedProcess(
                    cmd, 1, "", "Traceback (most recent call last):\nTypeError: boom\n")
            return subprocess.run([sys.executable, os.path.join(TOP, cmd[1]), *cmd[2:]],
                                  cwd=str(top), text=True, capture_output=True)
        raise AssertionError(f"unexpected command {cmd}")

    monkeypatch.setattr(mc, "boot", boot)
    monkeypatch.setattr(mc, "run", run)
    monkeypatch.setattr(sys, "argv", ["compare.py", "--probes", probe, "--abis", " ".join(boots),
                                      "--linux", "--color", "never", "--jobs", "1",
                                      "--out", str(tmp_path / "out")])
    return mc


def run_fake(mc, capsys):
    status = mc.main()
    out = capsys.readouterr()
    return status, (out.out + out.err).splitlines()


# ---- 1. a failed Ferry boot is an error ---------------------------------------------------------

def test_a_missing_ferry_trace_is_an_error(monkeypatch, tmp_path, capsys):
    """No arm64 Ferry trace (its boot failed): the arm64 Linux trace has nothing to be judged
    against. It was "tour: x86_64 matching, arm64 not judged" and status 0."""
    mc = fake_make_compare(monkeypatch, tmp_path,
                           {"x86_64": (0, lines_of(TOUR)), "arm64": (125, None)},
                           {"x86_64-tour.qemu-user.jsonl": lines_of(TOUR, source="qemu-user"),
                            "arm64-tour.qemu-user.jsonl": lines_of(TOUR, abi="arm64",
                                                                   source="qemu-user")})
    status, out = run_fake(mc, capsys)
    assert status == 2, out
    errs = [line for line in out if "arm64" in line and "125" in line and "Ferry boot" in line]
    assert len(errs) == 1, out
    assert "x86_64 matching" in "\n".join(out)


def test_an_oops_halfway_is_an_error(monkeypatch, tmp_path, capsys):
    """The arm64 boot oopsed (status 251) after the first call: its trace is not compared as
    if the probe had run to its end."""
    mc = fake_make_compare(monkeypatch, tmp_path,
                           {"x86_64": (0, lines_of(TOUR)),
                            "arm64": (251, lines_of(TOUR[:1], abi="arm64", exit_status=None))},
                           {"x86_64-tour.qemu-user.jsonl": lines_of(TOUR, source="qemu-user"),
                            "arm64-tour.qemu-user.jsonl": lines_of(TOUR, abi="arm64",
                                                                   source="qemu-user")})
    status, out = run_fake(mc, capsys)
    assert status == 2, out
    errs = [line for line in out if "arm64" in line and "251" in line and "Ferry boot" in line]
    assert len(errs) == 1 and "Oops" in errs[0], out


def test_a_probe_that_ends_with_another_status_is_an_error(monkeypatch, tmp_path, capsys):
    mc = fake_make_compare(monkeypatch, tmp_path, {"x86_64": (1, lines_of(TOUR, exit_status=1))},
                           {"x86_64-tour.qemu-user.jsonl": lines_of(TOUR, source="qemu-user")})
    status, out = run_fake(mc, capsys)
    assert status == 2 and any("x86_64" in line and "status 1" in line for line in out), out


def test_a_linux_kernel_boot_without_a_trace_is_an_error(monkeypatch, tmp_path, capsys):
    mc = fake_make_compare(monkeypatch, tmp_path, {"x86_64": (0, lines_of(TOUR))},
                           {"x86_64-tour.qemu-user.jsonl": lines_of(TOUR, source="qemu-user")},
                           kernel_column=(1, "linux_kernel.py: build/probes/x86_64/tour on Linux: "
                                             "no trace between the ftrace_init markers\n"))
    status, out = run_fake(mc, capsys)
    assert status == 2
    assert any("the linux-kernel column failed" in line and "markers" in line for line in out), out
    # a kernel that cannot be fetched is a column this machine cannot have: a SKIP line
    mc = fake_make_compare(monkeypatch, tmp_path / "again", {"x86_64": (0, lines_of(TOUR))},
                           {"x86_64-tour.qemu-user.jsonl": lines_of(TOUR, source="qemu-user")},
                           kernel_column=(0, "linux_kernel.py: skipping the x86_64 kernel: "
                                             "apt-get download failed\n"))
    status, out = run_fake(mc, capsys)
    assert status == 0 and "  SKIP    the x86_64 kernel: apt-get download failed" in out, out


def test_expected_statuses_are_the_boot_tests():
    """libc_hello exits 7, the other compared probes 0; the table agrees with the boot tests'
    (tests/boot/cases.py PROBE_RUNS) for every probe run on its own kernel."""
    mc = make_compare()
    assert mc.expected_status("libc_hello", "i386") == 7
    assert mc.expected_status("tour", "arm64") == 0
    sys.path.insert(0, os.path.join(TOP, "tests", "boot"))
    try:
        import cases
    finally:
        sys.path.pop(0)
    for arch, runs in cases.PROBE_RUNS.items():
        for abi, probe, status, *_ in runs:
            if mc.ARCH_OF.get(abi) == arch:
                assert mc.expected_status(probe, abi) == status, (probe, abi)
    # arm's probes run on the arm64 kernel (ARM_PROBE_RUNS: probe, status, ...)
    assert mc.ARCH_OF["arm"] == "arm64"
    for probe, status, *_ in cases.ARM_PROBE_RUNS:
        assert mc.expected_status(probe, "arm") == status, (probe, "arm")


def test_make_compare_defaults_to_four_abis():
    mc = make_compare()
    assert list(mc.ARCH_OF) == ["x86_64", "i386", "arm64", "arm"]
    r = subprocess.run(["make", "-n", "-s", "compare"], cwd=TOP, capture_output=True, text=True,
                       env={k: v for k, v in os.environ.items() if k not in ("ABIS", "PROBES")})
    assert '--abis "x86_64 i386 arm64 arm"' in r.stdout, r.stdout + r.stderr


def test_a_linux_trace_without_its_ferry_trace_is_an_error(tmp_path):
    ferry = tmp_path / "ferry-x86_64.jsonl"
    ferry.write_text(lines_of(TOUR))
    linux = tmp_path / "linux-arm64.jsonl"
    linux.write_text(lines_of(TOUR, abi="arm64", source="qemu-user"))
    r = subprocess.run([sys.executable, COMPARE, str(ferry), str(linux), "--text"],
                       capture_output=True, text=True)
    assert r.returncode == 2, r.stdout[-500:]
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "arm64" in err[0] and "Ferry" in err[0], err


# ---- 2. known differences only as wide as their purpose -------------------------------------------

def judged(a_calls, b_calls, abi, probe, source="strace", **kw):
    cmp = comparison.Comparison([trace(a_calls, abi=abi, probe=probe),
                                 trace(b_calls, abi=abi, probe=probe, source=source, **kw)],
                                known_entries=known.load())
    return cmp.verdicts()[0]["line"]


I386_ROUTES = [GETPID, write("KTAP version 1\\n1..12\\n"), GETPID, write("ok 1 int80: getpid = 1\\n"),
               write("ok 2 int80: preserves the ABI's registers\\n"),
               GETPID, write("ok 9 syscall32: getpid = 1\\n"),
               write("# probe: 12 passed, 0 failed\\n"), EXIT]


def test_native_i386_syscall32_covers_only_the_end_of_the_run():
    # the native i386 run dying at its syscall32 checks is known...
    died = I386_ROUTES[:5] + [("---", "SIGSEGV")]
    assert judged(I386_ROUTES, died, "i386", "routes", exit_status=None, signal="SIGSEGV") == \
        "routes: i386 matching (6 known)"
    # ...an extra "not ok" line is not (it was "routes: i386 matching (1 known)")
    extra = I386_ROUTES[:5] + [write("not ok 3 int80: bad number -> -ENOSYS (-22)\\n")] + I386_ROUTES[5:]
    line = judged(I386_ROUTES, extra, "i386", "routes")
    assert line.startswith("routes: i386 ") and "unexpected difference" in line, line


def test_host_table_size_covers_only_the_table_edge():
    edge = [("syscall_0x1c3", [], -38, "ENOSYS"),
            write("ok 6 table size (0x1c3) -> -ENOSYS (got -38)\\n")]
    linux = [("syscall_0x1c3", [], -14, "EFAULT"),
             write("not ok 6 table size (0x1c3) -> -ENOSYS (got -14)\\n")]
    assert judged(edge, linux, "x86_64", "numbering") == "numbering: x86_64 matching (2 known)"
    # any other output difference is one (it was "numbering: x86_64 matching (1 known)")
    assert judged([write("ok 1 high half of rax is ignored\\n")],
                  [write("not ok 1 high half of rax is ignored\\n")], "x86_64", "numbering") == \
        "numbering: x86_64 1 unexpected difference (strace-x86_64 1)"


def test_known_refuses_an_entry_for_any_extra_call(tmp_path):
    f = tmp_path / "known.json"
    f.write_text(json.dumps({"known": [{"id": "wide", "sources": ["strace"], "probe": "routes",
                                        "differs": ["exit status"], "why": "too wide"}]}))
    with pytest.raises(ValueError, match="wide"):
        known.load(str(f))
    for narrow in ({"classes": ["differ"]}, {"syscall": ["execve"]}, {"lines": ["getpid() = 1"]}):
        f.write_text(json.dumps({"known": [dict({"id": "ok", "differs": ["exit status"],
                                                 "why": "narrow"}, **narrow)]}))
        assert known.load(str(f))


# ---- 3. a crash is an error, never a verdict ---------------------------------------------------

def test_a_bad_record_is_reported_as_such(tmp_path):
    """"name": 5 made known.applies() raise TypeError: status 1, read as a verdict."""
    good = tmp_path / "a.jsonl"
    good.write_text(lines_of(TOUR))
    bad = tmp_path / "b.jsonl"
    bad.write_text(lines_of(TOUR, source="qemu-user").replace('"name": "getpid"', '"name": 5'))
    r = subprocess.run([sys.executable, COMPARE, str(good), str(bad), "--text"],
                       capture_output=True, text=True)
    assert r.returncode == 2
    err = r.stderr.strip().splitlines()
    assert len(err) == 1 and "b.jsonl" in err[0] and "line 2" in err[0] and "'name'" in err[0], err


def test_any_exception_in_the_comparison_exits_2(tmp_path, monkeypatch, capsys):
    from ferrytrace import compare
    a = tmp_path / "a.jsonl"
    a.write_text(lines_of(TOUR))

    def boom(*a, **kw):
        raise RuntimeError("boom")
    monkeypatch.setattr(comparison, "Comparison", boom)
    assert compare.main([str(a), str(a)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "boom" in err[0], err


def test_an_old_report_is_never_reused(monkeypatch, tmp_path, capsys):
    """The comparison crashed (status 1, no report written): the report.json of an earlier
    run must not give the verdict."""
    old = tmp_path / "out" / "tour"
    old.mkdir(parents=True)
    (old / "report.json").write_text(json.dumps({"verdicts": [
        {"probe": "tour", "unexpected": 0, "judged": True, "line": "tour: x86_64 matching"}]}))
    mc = fake_make_compare(monkeypatch, tmp_path, {"x86_64": (0, lines_of(TOUR))},
                           {"x86_64-tour.qemu-user.jsonl": lines_of(TOUR, source="qemu-user")},
                           crash_compare=True)
    status, out = run_fake(mc, capsys)
    assert status == 2, out
    assert "  tour: x86_64 matching" not in out
    assert not (old / "report.json").exists()
