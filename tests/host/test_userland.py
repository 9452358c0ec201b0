"""The userland's assembly (scripts/mkinitramfs.py, scripts/userland.py): the cpio's entries
(files, symbolic links, directories, the console node), the old DEST=SOURCE command line, and
the layout of a userland (init link, applet links, programs that would hide an applet, --add),
with a stand-in busybox so nothing is fetched."""
import os
import stat
import subprocess
import sys

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts"))
import mkinitramfs  # noqa: E402
import userland  # noqa: E402


def read_cpio(path):
    """name -> (mode, data) of a newc archive."""
    out = {}
    with open(path, "rb") as f:
        blob = f.read()
    off = 0
    while True:
        assert blob[off:off + 6] == b"070701", f"bad header at {off}"
        fields = [int(blob[off + 6 + 8 * i: off + 14 + 8 * i], 16) for i in range(13)]
        mode, size, namesize = fields[1], fields[6], fields[11]
        name = blob[off + 110: off + 110 + namesize - 1].decode()
        off += 110 + namesize
        off += (4 - off % 4) % 4
        data = blob[off: off + size]
        off += size + (4 - size % 4) % 4
        if name == "TRAILER!!!":
            return out
        out[name] = (mode, data, (fields[9], fields[10]))


def test_cli_files_as_before(tmp_path):
    exe = tmp_path / "prog"
    exe.write_bytes(b"\x7fELF...")
    exe.chmod(0o755)
    txt = tmp_path / "note"
    txt.write_text("hi\n")
    out = tmp_path / "a.cpio"
    subprocess.run([sys.executable, os.path.join(TOP, "scripts", "mkinitramfs.py"), "-o", str(out),
                    f"/init={exe}", f"/etc/note={txt}"], check=True)
    e = read_cpio(out)
    assert list(e) == ["dev", "etc", "root", "dev/console", "init", "etc/note"]
    assert e["init"][0] == stat.S_IFREG | 0o755 and e["init"][1] == b"\x7fELF..."
    assert e["etc/note"][0] == stat.S_IFREG | 0o644
    assert e["dev/console"][0] == stat.S_IFCHR | 0o600 and e["dev/console"][2] == (5, 1)
    assert e["root"][0] == stat.S_IFDIR | 0o700


def test_links_and_dirs(tmp_path):
    out = tmp_path / "b.cpio"
    subprocess.run([sys.executable, os.path.join(TOP, "scripts", "mkinitramfs.py"), "-o", str(out),
                    "--link", "/bin/sh=busybox", "--link", "/usr/bin/awk=/bin/busybox",
                    "--dir", "/var/log"], check=True)
    e = read_cpio(out)
    assert e["bin/sh"] == (stat.S_IFLNK | 0o777, b"busybox", (0, 0))
    assert e["usr/bin/awk"][1] == b"/bin/busybox"
    for d in ("bin", "usr", "usr/bin", "var", "var/log"):
        assert stat.S_ISDIR(e[d][0]), d
    # Parents come before children, so the kernel can make each one.
    names = list(e)
    assert names.index("var") < names.index("var/log") < names.index("dev/console")


@pytest.fixture
def fake_busybox(tmp_path, monkeypatch):
    bb = tmp_path / "busybox"
    bb.write_bytes(b"\x7fELF busybox")
    bb.chmod(0o755)
    probes = tmp_path / "probes" / "x86_64"
    probes.mkdir(parents=True)
    for name in ("hello", "sleep"):
        (probes / name).write_bytes(b"\x7fELF " + name.encode())
        (probes / name).chmod(0o755)
    (probes / "hello.o").write_bytes(b"\x7fELF object")	# not executable: left out
    monkeypatch.setenv("PROBE_O", str(tmp_path / "probes"))
    monkeypatch.setattr(userland, "busybox", lambda abi, log=None: str(bb))
    monkeypatch.setattr(userland, "applets", lambda abi: ["bin/busybox", "bin/sh", "bin/sleep",
                                                          "sbin/init", "usr/bin/awk",
                                                          "usr/sbin/chroot"])
    return tmp_path


def test_layout(fake_busybox):
    extra = fake_busybox / "extra.sh"
    extra.write_text("echo extra\n")
    out = userland.build("x86_64", str(fake_busybox / "u.cpio"),
                         add=[f"/usr/share/scripts/extra.sh={extra}", f"/bin/sh={extra}"])
    e = read_cpio(out)
    assert e["init"][1] == b"bin/busybox" and stat.S_ISLNK(e["init"][0])
    assert e["bin/busybox"][1] == b"\x7fELF busybox"
    for applet in ("sbin/init", "bin/sleep", "usr/bin/awk", "usr/sbin/chroot"):
        assert e[applet][1] == b"/bin/busybox", applet
    # --add replaces what the layout put there (here an applet link).
    assert stat.S_ISREG(e["bin/sh"][0]) and e["bin/sh"][1] == b"echo extra\n"
    assert e["usr/share/scripts/extra.sh"][1] == b"echo extra\n"
    # Programs: all in /usr/libexec/probes, in /usr/bin unless an applet has the name.
    assert e["usr/bin/hello"][1] == b"\x7fELF hello"
    assert "usr/bin/sleep" not in e and e["usr/libexec/probes/sleep"][1] == b"\x7fELF sleep"
    assert "usr/bin/hello.o" not in e
    # /etc from userspace/rootfs, with the ABI and the serial line filled in.
    inittab = e["etc/inittab"][1].decode()
    assert "ttyS0::once:-/etc/init.d/shell" in inittab and "@" not in inittab
    assert "x86_64" in e["etc/profile"][1].decode()
    assert e["etc/init.d/rcS"][0] == stat.S_IFREG | 0o755
    assert e["etc/passwd"][1].startswith(b"root:x:0:0:")
    for d in ("proc", "sys", "dev", "tmp"):
        assert stat.S_ISDIR(e[d][0]), d


def test_arm_userland_names_its_line(fake_busybox):
    e = read_cpio(userland.build("arm", str(fake_busybox / "arm.cpio")))
    assert "ttyAMA0::once:-/etc/init.d/shell" in e["etc/inittab"][1].decode()
    assert "arm" in e["etc/profile"][1].decode()


def test_boot_prompt_mark_and_report():
    sys.path.insert(0, os.path.join(TOP, "scripts", "bench"))
    import boot_prompt
    import report
    m = boot_prompt.MARK.search("junk\nBOOTMARK abi=arm64 ticks=6532814\r\nroot@ferry")
    assert m and m.group(1) == "arm64" and int(m.group(2)) == 6532814
    res = {k: [] for k in ("routes", "process", "files", "signals", "memory_per_process",
                           "boot")}
    res.update(size={}, build={}, repeat={}, varies={}, boot_prompt=[
        {"abi": "arm64", "ferry": 6532814, "linux": 889529036, "linux_over_ferry": 136.2,
         "ferry_runs": [6532814, 6532814], "linux_runs": [889529036, 889558841]}])
    text = report.text(res)
    assert "Boot to the busybox shell's prompt" in text
    row = [l.split() for l in text.splitlines() if l.startswith("arm64 ")]
    assert row == [["arm64", "6,532,814", "889,529,036", "136.20", "linux", "runs", "889,529,036",
                    "/", "889,558,841"]], text
