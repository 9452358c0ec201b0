# SPDX-License-Identifier: GPL-2.0
"""Kernels and probes for the benchmark: timed builds from clean into build/bench/<arch>, a
second kernel per arch with CONFIG_SYSCALL_TRACE=n (build/bench/<arch>-notrace), both without
the lock debugging the defconfigs turn on for the tests (DEBUG_OFF), the probes,
section sizes (size(1) on vmlinux) and, optionally, the wall time of make check."""
import os
import shutil
import subprocess
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIZE = {"x86_64": "size", "arm64": "aarch64-linux-gnu-size"}
JOBS = str(os.cpu_count() or 2)


class BuildError(Exception):
    pass


def make(*args):
    r = subprocess.run(["make", *args], cwd=TOP, capture_output=True, text=True)
    if r.returncode:
        raise BuildError(f"make {' '.join(args)} failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    return r


# Debugging the defconfigs turn on for make check, which a measured kernel goes without.
DEBUG_OFF = ("CONFIG_DEBUG_SPINLOCK", "CONFIG_DEBUG_ATOMIC_SLEEP")


def configure(arch, objtree, off):
    """defconfig with the options off switched off (olddefconfig must keep them off)."""
    make(f"ARCH={arch}", f"O={objtree}", "defconfig")
    cfg = os.path.join(TOP, objtree, ".config")
    lines = [ln for ln in open(cfg)
             if not any(ln.startswith((f"{o}=", f"# {o} is not set")) for o in off)]
    lines += [f"# {o} is not set\n" for o in off]
    with open(cfg, "w") as f:
        f.writelines(lines)
    make(f"ARCH={arch}", f"O={objtree}", "olddefconfig")
    text = open(cfg).read()
    for o in off:
        if f"{o}=y" in text:
            raise BuildError(f"{objtree}: olddefconfig turned {o} back on")


def clean_build(arch, objtree):
    """rm -rf objtree, configure (DEBUG_OFF), then make; returns the wall time of the make
    in seconds."""
    shutil.rmtree(os.path.join(TOP, objtree), ignore_errors=True)
    configure(arch, objtree, DEBUG_OFF)
    t0 = time.monotonic()
    make(f"ARCH={arch}", f"O={objtree}", f"-j{JOBS}")
    return round(time.monotonic() - t0, 2)


def incremental_build(arch, objtree):
    """make into objtree as it is (defconfig without DEBUG_OFF first if it has no .config):
    bench.py --trace-only, which is run again and again while the tracer is tuned."""
    if not os.path.exists(os.path.join(TOP, objtree, ".config")):
        configure(arch, objtree, DEBUG_OFF)
    make(f"ARCH={arch}", f"O={objtree}", f"-j{JOBS}")


def probe_files(probe_o, abis, names):
    """Just these probes for these ABIs, by name through userspace/Makefile's pattern rule."""
    make("-f", "userspace/Makefile", f"PROBE_O={probe_o}",
         *(f"{probe_o}/{abi}/{name}" for abi in abis for name in names))


def notrace_build(arch, objtree, debug=True):
    """defconfig with CONFIG_SYSCALL_TRACE switched off, then make. debug=False also
    switches DEBUG_OFF off (make bench's); make check's trace-cost step keeps the defconfig's
    debugging, as the defconfig kernel it compares with has it."""
    shutil.rmtree(os.path.join(TOP, objtree), ignore_errors=True)
    configure(arch, objtree, ("CONFIG_SYSCALL_TRACE",) + (() if debug else DEBUG_OFF))
    make(f"ARCH={arch}", f"O={objtree}", f"-j{JOBS}")


def probes(probe_o="build/probes", abis=("x86_64", "i386", "arm64")):
    """make probes into probe_o for these ABIs (the bench probe is userspace/probes/bench.c),
    and the process probe (userspace/probes/bench_procs.c), which no test needs, by name
    through userspace/Makefile's pattern rule."""
    make("probes", f"PROBE_O={probe_o}", f"ABIS={' '.join(abis)}")
    make("-f", "userspace/Makefile", f"PROBE_O={probe_o}",
         *(f"{probe_o}/{abi}/bench_procs" for abi in abis))


def sizes(arch, objtree):
    """text/data/bss of vmlinux (Berkeley format of size(1)), and the boot image's file size."""
    vmlinux = os.path.join(TOP, objtree, "vmlinux")
    r = subprocess.run([SIZE[arch], vmlinux], capture_output=True, text=True, check=True)
    text, data, bss = (int(x) for x in r.stdout.splitlines()[1].split()[:3])
    image = vmlinux if arch == "x86_64" else os.path.join(TOP, objtree, "arch/arm64/boot/Image")
    return {"text": text, "data": data, "bss": bss, "image": os.path.relpath(image, TOP),
            "image_bytes": os.path.getsize(image)}


def check_wall_time():
    t0 = time.monotonic()
    r = subprocess.run(["make", "check"], cwd=TOP, capture_output=True, text=True)
    tail = (r.stdout.strip().splitlines() or [""])[-1]
    return {"wall_s": round(time.monotonic() - t0, 1), "status": r.returncode, "summary": tail}
