"""Linux's answers for the limits qemu-user does not apply: the x86_64 build of the mmrlimit
probe (userspace/probes/mmrlimit.c) run natively on the host's Linux, where RLIMIT_AS,
RLIMIT_DATA and RLIMIT_STACK are enforced (under qemu-user those checks SKIP). The same
binary boots on Ferry in tests/boot/cases_mm.py."""
import os
import platform
import subprocess

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.skipif(platform.system() != "Linux" or platform.machine() != "x86_64",
                    reason="needs an x86_64 Linux host")
def test_mmrlimit_native_linux(tmp_path):
    out = tmp_path / "probes"
    subprocess.run(["make", "-s", "-C", TOP, "-f", "userspace/Makefile", f"PROBE_O={out}",
                    f"{out}/x86_64/mmrlimit"], check=True, capture_output=True)
    r = subprocess.run([str(out / "x86_64" / "mmrlimit")], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout
    assert "# SKIP" not in r.stdout, r.stdout
    assert "# probe: 14 passed, 0 failed" in r.stdout, r.stdout
