"""scripts/suite.py, the script suite's runner, without QEMU: the console split by its markers
(with kernel messages in the way), a script that never ended, a boot that timed out, a diff
against the expected output, and --record. The boot and the userland build are stand-ins."""
import json
import os
import sys
import types

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import suite  # noqa: E402

CONSOLE = """\
Ferry version 0.1 (x86_64)
@@@ begin a.sh
one
[    1.234567] random: crng init done
two
@@@ end a.sh status 0
@@@ begin b.sh
partial line without newline@@@ end b.sh status 3
@@@ done
Power down (status 0)
"""


def test_split_by_markers_drops_printk_noise():
    con = suite.split(CONSOLE.replace("\n", "\r\n"))
    assert con.done
    assert list(con.sections) == ["a.sh", "b.sh"]
    a, b = con.sections["a.sh"], con.sections["b.sh"]
    assert a.lines == ["one", "two"] and a.status == 0
    assert a.noise == ["[    1.234567] random: crng init done"]
    assert a.text() == "one\ntwo\nstatus 0\n"
    # the marker after text on one line: the text is the script's last line
    assert b.lines == ["partial line without newline"] and b.status == 3
    assert con.outside == ["Ferry version 0.1 (x86_64)", "Power down (status 0)"]


def test_marker_after_kernel_message_on_the_same_line():
    con = suite.split("@@@ begin a.sh\nx\n[    2.0] oops@@@ end a.sh status 1\n@@@ done\n")
    sec = con.sections["a.sh"]
    assert sec.lines == ["x"] and sec.noise == ["[    2.0] oops"] and sec.status == 1


def test_missing_end_is_not_ok():
    con = suite.split("@@@ begin a.sh\nhello\n")
    ok, why = suite.judge(con.sections["a.sh"], "hello\nstatus 0\n", "a.sh")
    assert not ok and not con.done
    assert "did not finish" in why[0]


def test_diff_on_failure():
    con = suite.split("@@@ begin a.sh\nhello\nworld\n@@@ end a.sh status 1\n@@@ done\n")
    ok, why = suite.judge(con.sections["a.sh"], "hello\nWorld\nstatus 0\n", "a.sh")
    assert not ok
    assert "-World" in why and "+world" in why and "-status 0" in why and "+status 1" in why
    ok, why = suite.judge(con.sections["a.sh"], "hello\nworld\nstatus 1\n", "a.sh")
    assert ok and why == []


def test_not_run_and_not_recorded():
    assert "did not run" in suite.judge(None, "x\n", "a.sh")[1][0]
    con = suite.split("@@@ begin a.sh\n@@@ end a.sh status 0\n")
    ok, why = suite.judge(con.sections["a.sh"], None, "a.sh")
    assert not ok and "no expected output" in why[0]


@pytest.fixture
def fake_boot(monkeypatch, tmp_path):
    """Stand-ins for scripts/userland.py and scripts/userland_boot.py: the 'boot' returns
    the console text and status the test sets, and remembers its command lines."""
    state = {"console": "", "status": 0, "cmdlines": []}

    def build(abi, out, add=()):
        open(out, "w").close()
        return out

    def boot(kernel, abi, cpio, cmdline, timeout):
        state["cmdlines"].append((kernel, abi, cmdline))
        return state["status"], state["console"]
    monkeypatch.setitem(sys.modules, "userland", types.SimpleNamespace(build=build))
    monkeypatch.setitem(sys.modules, "userland_boot", types.SimpleNamespace(boot=boot))
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    for n in ("a.sh", "b.sh"):
        (scripts / n).write_text("echo\n")
    monkeypatch.setattr(suite, "SCRIPTS", str(scripts))
    state["built"] = []		# the kernels suite.py would bring up to date with make
    monkeypatch.setattr(suite, "build_kernels", lambda a: state["built"].append(
        sorted({suite.ARCH_OF[abi] for abi in a.abis} - set(a.objtrees))))
    return state


def run_main(capsys, *argv):
    status = suite.main(list(argv))
    return status, capsys.readouterr().out


def test_timeout_reports_unfinished_and_unrun(fake_boot, tmp_path, capsys):
    exp = tmp_path / "exp" / "x86_64"
    exp.mkdir(parents=True)
    (exp / "a.out").write_text("one\nstatus 0\n")
    (exp / "b.out").write_text("two\nstatus 0\n")
    fake_boot["console"] = "@@@ begin a.sh\none\n@@@ end a.sh status 0\n@@@ begin b.sh\ntw"
    fake_boot["status"] = 124
    status, out = run_main(capsys, "--abi", "x86_64", "--expected", str(tmp_path / "exp"))
    assert status == 1
    assert "ok 1 x86_64_a\n" in out
    assert "not ok 2 x86_64_b\n" in out and "did not finish" in out
    assert "not ok 3 x86_64_boot_ferry_reached_done_and_powered_off" in out
    assert "QEMU status 124, no '@@@ done'" in out
    assert out.rstrip().endswith("1 passed, 2 failed")
    assert fake_boot["cmdlines"] == [("ferry", "x86_64", "quiet script=all")]


def test_names_and_pass(fake_boot, tmp_path, capsys):
    exp = tmp_path / "exp" / "arm"
    exp.mkdir(parents=True)
    (exp / "b.out").write_text("two\nstatus 0\n")
    fake_boot["console"] = "noise\n@@@ begin b.sh\ntwo\n@@@ end b.sh status 0\n@@@ done\n"
    status, out = run_main(capsys, "--abi", "arm", "--expected", str(tmp_path / "exp"), "b")
    assert status == 0, out
    assert out.splitlines()[:2] == ["KTAP version 1", "1..2"]
    assert "# wall time: arm on ferry: 1 scripts in" in out
    assert out.rstrip().endswith("2 passed, 0 failed")
    assert fake_boot["cmdlines"] == [("ferry", "arm", "quiet script=b.sh")]


def test_record_writes_linux_output(fake_boot, tmp_path, capsys):
    fake_boot["console"] = ("@@@ begin a.sh\nA\n@@@ end a.sh status 0\n"
                            "@@@ begin b.sh\nB\n@@@ end b.sh status 2\n@@@ done\n")
    with pytest.raises(SystemExit):		# Ferry's output is never the expected one
        suite.main(["--record", "--expected", str(tmp_path)])
    status, out = run_main(capsys, "--kernel", "linux", "--record", "--abi", "i386",
                           "--expected", str(tmp_path))
    assert status == 0, out
    assert (tmp_path / "i386" / "a.out").read_text() == "A\nstatus 0\n"
    assert (tmp_path / "i386" / "b.out").read_text() == "B\nstatus 2\n"
    assert fake_boot["cmdlines"][-1] == ("linux", "i386", "quiet script=all")


# ---- known differences (tests/scripts/known_differences.json) ----------------------------
MAPS_LINUX = "heap\nr--p [vvar]\nr-xp [vdso]\nrw-p [stack]\nend\nstatus 0\n"


def _section(text, name="procps.sh"):
    sec = suite.Section(name)
    lines = text.splitlines()
    sec.lines, sec.status = lines[:-1], int(lines[-1].split()[1])
    return sec


# The suite's last known differences before the vDSO (issue 14), kept here as the fixture:
# the tree's file has none left.
KNOWN_VDSO = [
    {"id": "no-vdso-data-pages", "reason": "no [vvar] beside the vDSO", "scripts": ["procps"],
     "abis": ["x86_64", "i386", "arm64", "arm"], "linux_only": ["r--p \\[vvar\\]"],
     "ferry_only": []},
    {"id": "no-vdso-x86_64", "reason": "no vDSO for x86_64 programs", "scripts": ["procps"],
     "abis": ["x86_64"], "linux_only": ["r-xp \\[vdso\\]"], "ferry_only": []},
]


def test_known_difference_covers_only_its_lines(tmp_path):
    assert isinstance(suite.load_known(), list)	# the tree's own file: it must load
    path = tmp_path / "known.json"
    path.write_text(json.dumps(KNOWN_VDSO))
    known = suite.load_known(str(path))
    assert {e["id"] for e in known} == {"no-vdso-data-pages", "no-vdso-x86_64"}
    ferry = "heap\nrw-p [stack]\nend\nstatus 0\n"	# x86_64: no [vvar], no [vdso]
    ok, why = suite.judge(_section(ferry), MAPS_LINUX, "procps.sh", known=known, abi="x86_64")
    assert ok and any("known difference no-vdso-x86_64" in w for w in why)
    # arm64 has a [vdso]: its missing line is not explained there
    ok, _ = suite.judge(_section(ferry), MAPS_LINUX, "procps.sh", known=known, abi="arm64")
    assert not ok
    # another script: nothing applies
    ok, _ = suite.judge(_section(ferry, "fsinfo.sh"), MAPS_LINUX, "fsinfo.sh", known=known,
                        abi="x86_64")
    assert not ok
    # one more differing line beside the known ones fails the script
    ok, _ = suite.judge(_section("heap\nrw-p [stack]\nEND\nstatus 0\n"), MAPS_LINUX,
                        "procps.sh", known=known, abi="x86_64")
    assert not ok
    # a different status is never a known difference
    ok, _ = suite.judge(_section("heap\nrw-p [stack]\nend\nstatus 1\n"), MAPS_LINUX,
                        "procps.sh", known=known, abi="x86_64")
    assert not ok


def test_known_differences_file_is_checked(tmp_path):
    bad = tmp_path / "k.json"
    bad.write_text('[{"id": "x", "reason": "r", "scripts": ["a"], "abis": ["x86_64"]}]')
    with pytest.raises(ValueError, match="linux_only"):
        suite.load_known(str(bad))
    assert suite.load_known(str(tmp_path / "absent.json")) == []
