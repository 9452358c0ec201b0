"""Linux's answers where qemu-user does not give them: the x86_64 builds of the memory probes
run natively on the host's Linux. mmrlimit: RLIMIT_AS, RLIMIT_DATA and RLIMIT_STACK, which
qemu-user does not apply (there those checks SKIP). madvise: qemu-user 7.2 answers most
advice with 0. mremap: qemu-user implements mremap itself and answers several cases
unlike Linux (tests/boot/cases_mremap.py). locks (fcntl and flock locks: qemu-user agrees on
x86_64 and arm64, this adds the host kernel itself). The same binaries boot on Ferry in
tests/boot/cases_mm.py and cases_locks.py."""
import os
import platform
import subprocess

import pytest

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.skipif(platform.system() != "Linux" or platform.machine() != "x86_64",
                    reason="needs an x86_64 Linux host")
@pytest.mark.parametrize("probe,checks", [("mmrlimit", 14), ("madvise", 13), ("mremap", 28),
                                          ("locks", 24)])
def test_mm_probe_native_linux(tmp_path, probe, checks):
    out = tmp_path / "probes"
    subprocess.run(["make", "-s", "-C", TOP, "-f", "userspace/Makefile", f"PROBE_O={out}",
                    f"{out}/x86_64/{probe}"], check=True, capture_output=True)
    r = subprocess.run([str(out / "x86_64" / probe)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stdout
    assert "# SKIP" not in r.stdout, r.stdout
    assert f"# probe: {checks} passed, 0 failed" in r.stdout, r.stdout
