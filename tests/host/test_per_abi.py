"""The verdict asks "does Ferry on ABI X behave as Linux on ABI X": each Linux trace is
judged against the Ferry trace of its own ABI; the differences between Ferry's ABIs are
shown (ABI differences) but never fail. Known differences for Ferry's gaps cover only the
-ENOSYS Ferry answers today."""
import json
import os
import subprocess
import sys

from ferrytrace import comparison, known, records, report_html, report_text

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
X86, ARM, LINUX_X86 = ("ferry_x86_64_files.jsonl", "ferry_arm64_files.jsonl",
                       "linux_x86_64_files.jsonl")


def trace(calls, abi="x86_64", source="ferry", probe="p", label=None):
    """A trace from (name, [(kind, value, name)...], ret[, errno]) tuples."""
    lines = [json.dumps({"type": "header", "source": source, "arch": abi, "probe": probe})]
    for c in calls:
        name, args, ret = c[:3]
        dec = [{"name": a[2], "kind": a[0], "value": a[1]} for a in args]
        lines.append(json.dumps({"type": "syscall", "abi": abi, "name": name, "decoded": dec,
                                 "ret": ret, "errno": c[3] if len(c) > 3 else None, "pid": 1}))
    lines.append(json.dumps({"type": "exit", "pid": 1, "status": 0}))
    return records.loads("\n".join(lines), warn=lambda m: None, label=label or f"{source}-{abi}")


def write(text):
    return ("write", [("fd", "1", "fd"), ("buf", f'"{text}"', "buf"), ("int", str(len(text)), "count")],
            len(text))


GETPID = ("getpid", [], 1)
# The three columns of one probe: i386 takes another route (an extra call) and prints
# another line than x86_64; that is by design.
FERRY_X86 = [GETPID, write("x86_64 route\\n")]
FERRY_I386 = [GETPID, ("getuid32", [], 0), write("i386 route\\n")]


def three(linux_i386_calls):
    return [trace(FERRY_X86, label="ferry-x86_64"),
            trace(FERRY_I386, abi="i386", label="ferry-i386"),
            trace(linux_i386_calls, abi="i386", source="qemu-user", label="linux-qemu-user-i386")]


def test_a_linux_column_is_compared_with_its_own_abi(norm):
    cmp = comparison.Comparison(three(FERRY_I386), norm, known_entries=[])
    assert [(s["a"], s["b"], s["judged"]) for s in cmp.sides] == [(0, 1, False), (1, 2, True)]
    assert all(p["class"] == "equal" for p in cmp.side[2]["pairs"])
    # in the table the Linux i386 record stands beside the Ferry i386 one, including the
    # call x86_64 does not make
    for row in cmp.rows:
        assert (row["cells"][1] is None) == (row["cells"][2] is None)
    uid = next(r for r in cmp.rows if r["key"] == "getuid")
    assert uid["cells"][0] is None and uid["pairs"][2]["class"] == "equal"
    head = report_text.table(cmp, 120)[1]
    assert "ABI vs ferry-x86_64" in head and head.rstrip().endswith("vs ferry-i386")
    assert "vs ferry-i386" in report_html.render(cmp)


def test_a_difference_between_ferry_abis_does_not_fail(norm):
    cmp = comparison.Comparison(three(FERRY_I386), norm, known_entries=[])
    (v,) = cmp.verdicts()
    assert cmp.side[1]["counts"]["differ"] == 1 and cmp.side[1]["counts"]["only-b"] == 1
    assert v["unexpected"] == 0 and v["abi_differences"] == 2 and v["judged"]
    assert v["line"] == "p: x86_64 not judged, i386 matching"
    assert cmp.unexpected() == 0
    # the diff view shows no row for an ABI difference alone
    assert not any(report_text._unexpected(cmp, r) for r in cmp.rows)


def test_a_difference_between_ferry_i386_and_linux_i386_fails(norm):
    # Linux i386 prints what Ferry x86_64 prints: equal to the first column, different from
    # its own ABI's Ferry trace, so a failure
    linux = [GETPID, ("getuid32", [], 0), write("x86_64 route\\n")]
    cmp = comparison.Comparison(three(linux), norm, known_entries=[])
    (v,) = cmp.verdicts()
    assert v["unexpected"] == 1
    assert v["line"] == ("p: x86_64 not judged, i386 1 unexpected difference "
                         "(linux-qemu-user-i386 1)")
    assert cmp.unexpected() == 1


def test_nothing_judged_without_linux(fixture_path, script):
    r = subprocess.run([sys.executable, script("compare.py"), fixture_path(X86), fixture_path(ARM)],
                       capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stdout.rstrip().splitlines()[-1] == (
        "files: not judged: no two traces of the same ABI (a Linux trace beside the Ferry one); "
        "3 ABI differences shown")


def test_cli_fails_on_the_linux_column_of_the_same_abi(fixture_path, script, tmp_path):
    j = tmp_path / "r.json"
    r = subprocess.run([sys.executable, script("compare.py"), fixture_path(X86), fixture_path(ARM),
                        fixture_path(LINUX_X86), "--labels", "ferry-x86_64,ferry-arm64,linux-x86_64",
                        "--json", str(j), "--text"], capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stdout.rstrip().splitlines()[-1] == (
        "files: x86_64 1 unexpected difference (linux-x86_64 1; 2 known), arm64 not judged")
    v = json.loads(j.read_text())["verdicts"][0]
    assert v["by_abi"][0] == {"abi": "x86_64", "traces": ["linux-x86_64"], "unexpected": 1,
                              "known": 2, "by_trace": {"linux-x86_64": 1}}
    assert v["abi_differences"] == 3
    assert [c["judged"] for c in json.loads(j.read_text())["comparisons"]] == [False, True]


# ---- known differences for what Ferry lacks cover only its -ENOSYS ----------------------------

def pair_known(a_calls, b_calls, abi="x86_64", probe="libc_hello", source="qemu-user"):
    a = trace(a_calls, abi=abi, probe=probe)
    b = trace(b_calls, abi=abi, probe=probe, source=source)
    cmp = comparison.Comparison([a, b], known_entries=known.load())
    return [(p["class"], p["known"]) for p in cmp.sides[0]["pairs"]][:-1]   # not the exit


def test_ferry_gaps_are_known_only_as_enosys():
    lim = [("int", "0", "pid"), ("int", "3", "resource")]
    assert pair_known([("prlimit64", lim, -38, "ENOSYS")], [("prlimit64", lim, 0)]) == \
        [("differ", ["ferry-gap-rlimit"])]
    # a prlimit64 that fails otherwise (a regression once issue 11 lands) is not excused
    assert pair_known([("prlimit64", lim, -22, "EINVAL")], [("prlimit64", lim, 0)]) == \
        [("differ", None)]
    path = [("str", '"/proc/self/exe"', "path")]
    assert pair_known([("readlink", path, -38, "ENOSYS")], [("readlink", path, 41)]) == \
        [("differ", ["ferry-gap-readlink"])]
    assert pair_known([("getrandom", [], -38, "ENOSYS")], [("getrandom", [], 8)]) == \
        [("differ", ["ferry-gap-getrandom"])]
    # i386 glibc falls back from statx to fstatat64, which Linux never reaches
    assert pair_known([("statx", [], -38, "ENOSYS"), ("fstatat64", [], -38, "ENOSYS")],
                      [("statx", [], 0)], abi="i386") == \
        [("differ", ["ferry-gap-stat"]), ("only-a", ["ferry-gap-stat"])]


def test_printed_pid_is_known_only_in_its_own_line():
    ok = lambda pid: write(f"ok 1 syscall: getpid = {pid}\\n")
    assert pair_known([ok(1)], [ok(4242)], probe="routes", source="strace") == \
        [("differ", ["ktap-pid"])]
    bad = lambda n: write(f"not ok {n} syscall: preserves all but rax, rcx, r11\\n")
    assert pair_known([bad(2)], [bad(12)], probe="routes", source="strace") == \
        [("differ", None)]


# ---- arm: Ferry's arm column against qemu-arm's, from real runs of libc_hello -----------------

def arm_libc_hello(fixture_path):
    """Ferry's trace of build/probes/arm/libc_hello and qemu-arm's log of it, as traces."""
    from ferrytrace import linux, linuxparse
    with open(fixture_path("qemu_arm_libc_hello.log"), encoding="utf-8") as f:
        recs = linuxparse.parse_qemu(f.read(), "arm", "libc_hello")
    recs.append(linux.exit_record(7, recs[0]["pid"]))     # as linux.py adds qemu-arm's status
    head = {"type": "header", "source": "qemu-user", "arch": "arm", "probe": "libc_hello"}
    qemu = records.loads("\n".join(records.dumps_record(r) for r in [head] + recs),
                         warn=lambda m: None, label="linux-qemu-user-arm")
    ferry = records.load(fixture_path("ferry_arm_libc_hello.jsonl"), warn=lambda m: None,
                         label="ferry-arm")
    return ferry, qemu


def test_ferry_arm_against_qemu_arm(fixture_path, norm):
    ferry, qemu = arm_libc_hello(fixture_path)
    assert ferry.abi == qemu.abi == "arm"
    cmp = comparison.Comparison([ferry, qemu], norm, known_entries=known.load())
    (v,) = cmp.verdicts()
    assert v["judged"] and v["unexpected"] == 0, v["line"]
    assert v["line"].startswith("libc_hello: arm matching (")
    by_known = {}
    for p in cmp.sides[0]["pairs"]:
        for k in p["known"] or ():
            by_known.setdefault(k, []).append(p)
    # glibc's set_tls (0x0f0005): only in Ferry's column, qemu-arm never logs it
    (tls,) = by_known["qemu-arm-private-calls"]
    assert tls["class"] == "only-a" and ferry.syscalls[tls["a"]]["nr"] == 0x0f0005
    assert "ferry-gap-rlimit" in by_known                # ugetrlimit: -ENOSYS on Ferry


def test_arm_private_calls_known_only_when_missing_from_qemu_arm(fixture_path, norm):
    ferry, qemu = arm_libc_hello(fixture_path)
    without = [e for e in known.load() if e["id"] != "qemu-arm-private-calls"]
    cmp = comparison.Comparison([ferry, qemu], norm, known_entries=without)
    assert cmp.verdicts()[0]["unexpected"] == 1          # the set_tls: it needs the entry
    # a set_tls that qemu-arm did show, with another result, is a difference
    tls = ("set_tls", [("hex", "0x6c500", "tls")], 0)
    assert pair_known([tls], [tls[:2] + (-22, "EINVAL")], abi="arm") == [("differ", None)]
