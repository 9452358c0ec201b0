#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make fuzz: the fuzzing campaign of issue 16, bounded in time (docs/fuzzing.md).

  scripts/fuzz.py [--time SECONDS] [--abis "x86_64 i386 arm64 arm"] [--seed N] [--only syscalls|host]

The time (FUZZ_TIME, default 600 s in all) is shared: four fifths go to the syscall fuzzer,
split evenly between the ABIs (userspace/probes/fuzz as /init, mm_selfcheck on, a fresh seed
each unless --seed), one fifth to the host harnesses (tests/fuzz: libFuzzer over the FDT
reader, the cpio unpacker and the command-line parser; our seeded mutation harness over the
trace reader). One line per run: calls, distinct syscalls, workers lost, the kernel's verdict,
and on a failure the seed that replays it. Exit status 1 when anything failed.
Logs and crash inputs: build/fuzz/.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(TOP, "build", "fuzz")
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64", "arm": "arm64"}
BOOT_SLACK = 90		# seconds a run may take beyond its fuzzing time (boot, reaping, checks)

# Host harnesses: name -> the kernel sources they build with (tests/fuzz/fuzz_<name>.c).
HARNESSES = {
    "fdt": ["lib/fdt.c"],
    "cpio": ["fs/initramfs.c"],
    "cmdline": ["kernel/params.c"],
    "elf": ["fs/elf_plan.c"],
}


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace", **kw)


def kernel_dir(arch):
    """O= of an arch's kernel, relative to the tree, as scripts/run spells it: the flags name
    the folder, and a kernel built with another spelling is rebuilt by the run's own make,
    inside the run's time limit (make fuzz timed out so on a busy machine)."""
    return os.path.relpath(os.path.join(OUT, arch), TOP)


def build_guest(abis):
    for arch in sorted({ARCH_OF[a] for a in abis}):
        r = run(["make", "-C", TOP, f"ARCH={arch}", f"O={kernel_dir(arch)}", "-j2"])
        if r.returncode:
            sys.exit(f"fuzz: building the {arch} kernel failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    r = run(["make", "-C", TOP, "probes", f"PROBE_O={os.path.join(OUT, 'probes')}",
             f"ABIS={' '.join(abis)}"])
    if r.returncode:
        sys.exit(f"fuzz: building the probes failed:\n{r.stderr[-2000:]}")


def judge_syscall_run(out, status):
    """Return (ok, summary, why)."""
    m = re.search(r"# fuzz: abi=\S+ seed=\d+ (calls=\d+ distinct=\d+.*)", out)
    summary = m.group(1) if m else "no summary line"
    for pat in (r"Oops", r"Kernel panic", r"WARNING", r"BUG"):
        if re.search(pat, out):
            return False, summary, f"the console shows /{pat}/"
    if status != 0:
        return False, summary, f"status {status}"
    v = re.search(r"# mm_selfcheck: (\d+) passed, (\d+) failed", out)
    if not v:
        return False, summary, "no mm_selfcheck verdict"
    if v.group(2) != "0":
        bad = "; ".join(re.findall(r"^not ok \d+ (.*)$", out, re.M))
        return False, summary, f"mm_selfcheck: {bad}"
    if not m:
        return False, summary, "the fuzzer printed no summary"
    return True, summary, ""


def syscall_runs(abis, seconds, seed):
    ok = True
    for abi in abis:
        s = seed if seed is not None else random.randrange(1, 10**9)
        arch = ARCH_OF[abi]
        log = os.path.join(OUT, f"{abi}-seed{s}.log")
        cmd = [PYTHON, os.path.join(TOP, "scripts", "run"), f"ARCH={arch}",
               f"O={kernel_dir(arch)}", f"INIT={os.path.join(OUT, 'probes', abi, 'fuzz')}",
               f"CMDLINE=mm_selfcheck -- seed={s} time={seconds}",
               f"TIMEOUT={seconds + BOOT_SLACK}"]
        r = run(cmd, timeout=seconds + BOOT_SLACK + 60)
        out = r.stdout + r.stderr
        with open(log, "w") as f:
            f.write(out)
        good, summary, why = judge_syscall_run(out, r.returncode)
        print(f"fuzz {abi}: seed={s} {summary}: {'ok' if good else 'FAILED: ' + why}")
        if not good:
            ok = False
            print(f"  replay: make run ARCH={arch} INIT=build/probes/{abi}/fuzz "
                  f"CMDLINE='mm_selfcheck -- seed={s} time={seconds}' (log: {log})")
    return ok


def build_harness(name, exe):
    cmd = ["clang", "-std=gnu11", "-O1", "-g", "-fsanitize=fuzzer,address,undefined",
           "-fno-sanitize-recover=undefined", "-Wall", "-Wno-unused-parameter",
           "-I" + os.path.join(TOP, "include"), "-I" + os.path.join(TOP, "tests/unit/include"),
           "-include", os.path.join(TOP, "tests/unit/include/host_config.h"),
           "-DCONFIG_DEFAULT_CMDLINE=\"\"", "-o", exe,
           os.path.join(TOP, "tests/fuzz", f"fuzz_{name}.c"), os.path.join(TOP, "tests/fuzz/stubs.c")]
    cmd += [os.path.join(TOP, s) for s in HARNESSES[name]]
    return run(cmd)


def host_runs(seconds, seed, runs=None):
    """libFuzzer over each parser for seconds each (or runs= executions: the smoke run)."""
    ok = True
    hdir = os.path.join(OUT, "host")
    os.makedirs(hdir, exist_ok=True)
    for name in HARNESSES:
        exe = os.path.join(hdir, f"fuzz_{name}")
        b = build_harness(name, exe)
        if b.returncode:
            print(f"fuzz host {name}: FAILED to build:\n{b.stderr[-2000:]}")
            ok = False
            continue
        corpus = os.path.join(hdir, f"corpus_{name}")	# grows; the tree's seeds stay as they are
        os.makedirs(corpus, exist_ok=True)
        seeds = os.path.join(TOP, "tests/fuzz/corpus", name)
        args = [exe, f"-seed={seed if seed is not None else random.randrange(1, 2**31)}",
                "-print_final_stats=1", f"-artifact_prefix={hdir}/crash-{name}-",
                (f"-runs={runs}" if runs else f"-max_total_time={seconds}"), corpus, seeds]
        r = run(args, env=dict(os.environ, ASAN_OPTIONS="detect_leaks=0"),
                timeout=(seconds or 60) + 120)
        execs = re.search(r"stat::number_of_executed_units: (\d+)", r.stderr)
        crash = re.search(r"Test unit written to (\S+)", r.stderr)
        used = re.search(r"Seed: (\d+)", r.stderr)
        line = f"fuzz host {name}: seed={used.group(1) if used else '?'} executions=" \
               f"{execs.group(1) if execs else '?'}"
        if r.returncode:
            ok = False
            line += f": FAILED (status {r.returncode}; input {crash.group(1) if crash else '?'})"
            line += "\n" + "\n".join(r.stderr.splitlines()[-25:])
        print(line + ("" if r.returncode else ": ok"))
    tr = run([PYTHON, os.path.join(TOP, "tests/fuzz/trace_reader.py"),
              f"--time={seconds or 0}", f"--seed={seed if seed is not None else random.randrange(1, 10**9)}"]
             + ([f"--runs={runs}"] if runs else []), timeout=(seconds or 60) + 120)
    print(tr.stdout.strip() or tr.stderr.strip())
    return ok and tr.returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--time", type=int, default=int(os.environ.get("FUZZ_TIME") or 600))
    ap.add_argument("--abis", default="x86_64 i386 arm64 arm")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--only", choices=("syscalls", "host"))
    ap.add_argument("--smoke", action="store_true", help="host harnesses: a few thousand runs each")
    a = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    abis = a.abis.split()
    if a.smoke:
        sys.exit(0 if host_runs(0, a.seed or 1, runs=2000) else 1)
    host_share = 0 if a.only == "syscalls" else a.time if a.only == "host" else \
        max(len(HARNESSES) + 1, a.time // 5)
    sys_share = 0 if a.only == "host" else a.time - host_share
    t0 = time.monotonic()
    ok = True
    if sys_share:
        build_guest(abis)
        ok &= syscall_runs(abis, max(2, sys_share // len(abis)), a.seed)
    if host_share:
        ok &= host_runs(max(1, host_share // (len(HARNESSES) + 1)), a.seed)
    print(f"fuzz: {'all ok' if ok else 'FAILURES above'} in {time.monotonic() - t0:.0f} s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
