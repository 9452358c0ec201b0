"""The issue-14 tools when something is wrong (review /tmp/review_tools.md, H2 and M2-M6, L1,
L2): a host that cannot run the strace column, a userland that cannot be built, a failed
Linux boot, a missing expected folder, an unpinned busybox, bad arguments. Each says so in
one line with a status (or a KTAP # SKIP) instead of a traceback, a silent pass or a
truncated file."""
import os
import shutil
import subprocess
import sys
import tempfile

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
for sub in ("scripts", os.path.join("scripts", "bench"), os.path.join("tests", "boot")):
    sys.path.insert(0, os.path.join(TOP, sub))
import mkinitramfs  # noqa: E402
import userland  # noqa: E402

PY = sys.executable
LINUX_SCRIPT = os.path.join(TOP, "scripts", "trace", "linux_script.py")


def tiny_cpio(path, script="a.sh"):
    """A cpio that holds /usr/share/scripts/<script> (enough for argument checks)."""
    src = os.path.join(os.path.dirname(path), "src.sh")
    with open(src, "w") as f:
        f.write("echo hi\n")
    return mkinitramfs.write_cpio(path, [(f"usr/share/scripts/{script}", src)])


# ---- H2: the strace column needs neither root nor a full id map ---------------------------
@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv") or not shutil.which("strace"),
                    reason="needs root to become another user, setpriv and strace")
def test_strace_column_runs_as_a_normal_user():
    # The other user runs the tree's scripts: a folder above it that others may not enter
    # (a clone made in `mktemp -d`, mode 0700) leaves nothing to test.
    d = TOP
    while True:
        if not os.stat(d).st_mode & 0o001:
            pytest.skip(f"{d} is closed to other users (mode {os.stat(d).st_mode & 0o777:o}): "
                        "the tree cannot be run as nobody")
        if os.path.dirname(d) == d:
            break
        d = os.path.dirname(d)
    try:
        userland.busybox("x86_64")
    except userland.UserlandError as e:
        pytest.skip(f"no x86_64 busybox: {e}")
    tmp = tempfile.mkdtemp(prefix="ferry-nonroot-")
    try:
        os.chmod(tmp, 0o777)
        cpio = userland.build("x86_64", os.path.join(tmp, "u.cpio"), with_programs=False,
                              add=[("usr/share/scripts/forks.sh",
                                    os.path.join(TOP, "tests", "compare", "forks.sh"))])
        os.chmod(cpio, 0o644)
        out = os.path.join(tmp, "out")
        os.mkdir(out)
        os.chmod(out, 0o777)
        r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                            "env", f"HOME={tmp}", PY, LINUX_SCRIPT, "--cpio", cpio, "--abi",
                            "x86_64", "--script", "forks.sh", "--via", "strace", "--out", out],
                           capture_output=True, text=True, timeout=120)
        if "unshare failed" in r.stderr:
            pytest.skip("no unprivileged user namespaces on this host")
        assert r.returncode == 0, r.stderr
        assert os.path.exists(os.path.join(out, "x86_64-forks.sh.strace.jsonl")), r.stderr
        with open(os.path.join(out, "x86_64-forks.sh.strace.out")) as f:
            assert f.read().splitlines() == ["start", "A B", "10", "done"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_script_compare_skips_when_the_host_cannot_run_the_column(capsys):
    import check
    import script_compare
    line = ("linux_script.py: skipping strace for x86_64 forks.sh: unshare: unshare failed: "
            "Operation not permitted")
    assert script_compare.skip_reason("noise\n" + line + "\n") == line.split(": ", 1)[1]
    assert script_compare.skip_reason("linux_script.py: forks.sh under strace: boom") is None
    assert script_compare.skip_reason("linux_script.py: skipping strace for x86_64 forks.sh: "
                                      "no trace of the script (strace ended with status 1: )") \
        is None		# not the host's limit: the case fails
    check.report([check.Result("compare_script_forks_x86_64_strace", True,
                               "skipping strace: no user namespaces", skipped=True)], 0)
    assert capsys.readouterr().out == ("ok 1 compare_script_forks_x86_64_strace "
                                       "# SKIP skipping strace: no user namespaces\n")


# ---- M2, M3: one line when the userland cannot be built; QEMU's reason for a failed boot ---
def failing_build(*args, **kw):
    raise userland.UserlandError("fetching busybox-static:armhf failed: no network")


def test_userland_boot_says_one_line(monkeypatch, capsys):
    import userland_boot
    monkeypatch.setattr(userland, "build", failing_build)
    monkeypatch.setattr(sys, "argv", ["userland_boot.py", "--abi", "arm"])
    with pytest.raises(SystemExit) as e:
        userland_boot.main()
    assert e.value.code == "userland_boot: ferry arm: fetching busybox-static:armhf failed: " \
        "no network"


def test_shell_session_says_one_line(monkeypatch, capsys):
    import shell_session
    monkeypatch.setattr(userland, "build", failing_build)
    monkeypatch.setattr(sys, "argv", ["shell_session.py", "--abi", "arm"])
    assert shell_session.main() == 125
    assert capsys.readouterr().err == \
        "shell_session: fetching busybox-static:armhf failed: no network\n"


def test_compare_catches_the_userland_error():
    import compare
    assert compare.userland_error() is userland.UserlandError


def test_failed_linux_boot_shows_qemu_stderr(tmp_path, monkeypatch):
    import glob
    import userland_boot
    images = glob.glob(os.path.join(userland_boot.linux.CACHE, "linux-image-*-amd64", "boot",
                                    "vmlinuz-*"))
    if not images:
        pytest.skip("Debian's Linux 6.1 not cached (scripts/bench/linux.py)")
    # The cached image as it is (fetch's apt-cache query takes seconds): QEMU stops at the cpio.
    monkeypatch.setattr(userland_boot.linux, "fetch", lambda arch, log=None: {"image": images[0]})
    status, text = userland_boot.boot("linux", "x86_64", str(tmp_path / "missing.cpio"),
                                      timeout=60)
    assert status not in (0, 124)
    assert "missing.cpio" in text, text		# QEMU: could not load initrd '.../missing.cpio'


# ---- M4: a missing expected folder is a not-ok, not a silent skip ------------------------
def test_suite_abi_names_a_missing_expected_folder(monkeypatch, tmp_path):
    import check
    monkeypatch.setattr(check, "TOP", str(tmp_path))
    monkeypatch.setattr(check, "suite_run", lambda *a: pytest.fail("suite.py run without "
                                                                   "expected output"))
    r = check.suite_abi("arm", {("arm64", False): "build/arm64"}, None, False)
    assert not r.ok and "tests/scripts/expected/arm missing" in r.diag


# ---- M5: busybox-static's version is pinned ----------------------------------------------
def test_busybox_version_is_pinned(monkeypatch, tmp_path):
    debs = tmp_path / "debs"
    debs.mkdir()
    (debs / "busybox-static_1%3a1.36.1-9_amd64.deb").write_bytes(b"another release")
    monkeypatch.setattr(userland, "build_dir", lambda: str(tmp_path))
    monkeypatch.setattr(userland, "ensure_foreign_arch", lambda deb_arch: None)
    ran = []

    def run(cmd, what, **kw):
        ran.append(cmd)
        raise userland.UserlandError(f"{what} failed: E: Version not found")
    monkeypatch.setattr(userland, "run", run)
    with pytest.raises(userland.UserlandError, match="1:1.35.0-4"):
        userland.busybox("x86_64")
    assert ran == [["apt-get", "download", "-q", "busybox-static:amd64=1:1.35.0-4+deb12u1+b1"]]


def test_pinned_version_is_the_recorded_one():
    with open(os.path.join(TOP, "tests", "scripts", "expected", "README.md")) as f:
        assert userland.VERSION in f.read()


# ---- M6: linux_script.py refuses a bad --via and a script the cpio does not hold ---------
@pytest.mark.parametrize("args", [["--script", "nosuch.sh", "--via", "strace"],
                                  ["--script", "a.sh", "--via", "bogus"],
                                  ["--script", "a.sh", "--via", "strace,bogus"]])
def test_linux_script_refuses(tmp_path, args):
    cpio = tiny_cpio(str(tmp_path / "u.cpio"))
    r = subprocess.run([PY, LINUX_SCRIPT, "--cpio", cpio, "--abi", "x86_64",
                        "--out", str(tmp_path / "out")] + args, capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.splitlines()[-1].startswith(
        "linux_script.py: error:")


# ---- L1, L2: mkinitramfs and userland.py on bad input --------------------------------------
def test_mkinitramfs_missing_source_leaves_no_archive(tmp_path):
    out = tmp_path / "x.cpio"
    r = subprocess.run([PY, os.path.join(TOP, "scripts", "mkinitramfs.py"), "-o", str(out),
                        "/init=/nonexistent"], capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.startswith("mkinitramfs: ")
    assert len(r.stderr.splitlines()) == 1, r.stderr
    assert os.listdir(tmp_path) == []


def test_userland_add_needs_a_destination(tmp_path):
    r = subprocess.run([PY, os.path.join(TOP, "scripts", "userland.py"), "--abi", "x86_64",
                        "-o", str(tmp_path / "u.cpio"), "--add", "=/etc/hostname"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "expected DEST=SRC" in r.stderr
    assert not (tmp_path / "u.cpio").exists()
