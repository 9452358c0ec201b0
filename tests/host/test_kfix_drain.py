"""The ring file's size cap and drain.py's one-line errors (review of issue 15, kfix).

A ring file over 1 GiB panicked the arm64 guest ("vmalloc area exhausted"): the runner now
refuses it before QEMU starts, in one line, and the kernel maps at most that much anyway.
"""
import os
import subprocess
import sys

from ferrytrace import drain

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_a_ring_file_over_1_gib_is_refused():
    assert drain.check_geometry(1, 16 << 20) is None
    assert drain.check_geometry(32, 16 << 20) is None            # 512 MiB + 4 KiB: 1 GiB file
    why = drain.check_geometry(2, 1 << 30)
    assert why and "maps at most 1024 MiB" in why
    assert drain.check_geometry(256, 16 << 20)                  # 256 x 16 MiB: 8 GiB


def test_the_runner_says_it_in_one_line_before_qemu():
    r = subprocess.run([sys.executable, os.path.join(TOP, "scripts/qemu-run.py"), "--arch",
                        "arm64", "--objtree", "/nonexistent", "--trace", "/tmp/kfix-x.jsonl",
                        "--trace-size", str(1 << 30), "--trace-rings", "2"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "maps at most 1024 MiB" in lines[0], r.stderr


def test_drain_write_error_is_one_line(tmp_path, monkeypatch, capsys):
    ring = tmp_path / "t.shm"
    drain.create(str(ring), 1, 4096)

    def full(self):		# the .ftr's last writes fail (a full disk) as the run ends
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(drain.Drain, "finish", full)
    assert drain.main([str(ring), str(tmp_path / "out.ftr")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"drain: {tmp_path / 'out.ftr'}: No space left on device"]
