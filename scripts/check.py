#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make check: every test of the project, reported in KTAP, closing with "N passed, N failed".

  1. host unit tests of generic code (tests/unit/test_*.c, built with ASan/UBSan)
  2. kernel builds: x86_64 and arm64, GCC and LLVM=1
  3. QEMU boot tests (tests/boot/cases.py): each boot path, CPU model and exception level,
     the in-kernel KTAP selftests, and deliberately broken boots that must be reported as
     broken with the right status and message
     and sparse (make C=2) over every kernel C file of both arches: no warning allowed
  4. the script suite (scripts/suite.py), one boot per ABI beside the boot tests, against
     Linux 6.1's recorded output; --linux (make check LINUX=1) records Linux's output afresh
     into a temporary folder first, shows how it differs from the stored one, and checks
     Ferry against the fresh recording

  check.py [--jobs N] [--only unit|build|boot|suite|NAME-SUBSTRING] [--linux] [--list] [-v]
Exit status: 0 when everything passed, 1 otherwise.
"""
import argparse
import concurrent.futures as cf
import json
import re
import os
import re
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "boot"))
sys.path.insert(0, os.path.join(TOP, "scripts"))

import ktap  # noqa: E402  (scripts/ktap.py)

PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
# CHECK_O= moves every build and probe of the run elsewhere (two checks side by side).
CHECK_O = os.path.abspath(os.environ.get("CHECK_O") or os.path.join(TOP, "build", "check"))
PROBES_O = os.path.join(CHECK_O, "probes")


class Result:
    def __init__(self, name, ok, diag="", sub=None, skipped=False, seconds=0.0):
        self.name, self.ok, self.diag, self.sub, self.skipped = name, ok, diag, sub, skipped
        self.seconds = seconds


# ---- 1. host unit tests ---------------------------------------------------------------------
UNIT_SOURCES = {
    "test_fdt": ["lib/fdt.c"],
    "test_buddy": ["mm/buddy.c", "mm/buddy_check.c"],
    "test_memblock": ["mm/memblock.c", "lib/kstrtox.c"],
    "test_vsprintf": ["lib/vsprintf.c", "lib/kstrtox.c"],
    "test_nospec": ["tests/unit/nospec_arch.c"],
    "test_string": ["tests/unit/string_renamed.c"],
    "test_initramfs": ["fs/initramfs.c"],
    "test_elf_plan": ["fs/elf_plan.c"],
}


def unit_tests(verbose):
    outdir = os.path.join(CHECK_O, "unit")
    os.makedirs(outdir, exist_ok=True)
    dtb = os.path.join(outdir, "sample.dtb")
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb,
                    os.path.join(TOP, "tests/unit/fdt/sample.dts")], check=True)
    env = dict(os.environ, FDT_SAMPLE=dtb, ASAN_OPTIONS="detect_leaks=0",
               UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    results = []
    for test in sorted(UNIT_SOURCES):
        src = os.path.join(TOP, "tests/unit", test + ".c")
        if not os.path.exists(src):
            continue
        exe = os.path.join(outdir, test)
        cmd = ["gcc", "-std=gnu11", "-O1", "-g", "-fsanitize=address,undefined",
               "-fno-sanitize-recover=undefined", "-Wall", "-Wno-unused-parameter",
               "-I" + os.path.join(TOP, "include"), "-I" + os.path.join(TOP, "tests/unit/include"),
               "-include", os.path.join(TOP, "tests/unit/include/host_config.h"),
               "-o", exe, src, os.path.join(TOP, "tests/unit/harness.c")]
        cmd += [os.path.join(TOP, s) for s in UNIT_SOURCES[test]]
        build = subprocess.run(cmd, capture_output=True, text=True)
        if build.returncode:
            results.append(Result(test, False, "build failed:\n" + build.stderr))
            continue
        run = subprocess.run([exe], capture_output=True, text=True, env=env, timeout=300)
        parsed = ktap.parse(run.stdout)
        ok = run.returncode == 0 and parsed.ok and parsed.total > 0
        results.append(Result(test, ok, run.stdout + run.stderr if not ok or verbose else "",
                              sub=parsed))
    results.append(nospec_arm64(outdir, verbose))
    results.append(host_pytest(verbose))
    return results


def host_pytest(verbose):
    """The Python host tools (scripts/trace): pytest, one KTAP line for the whole suite."""
    try:
        r = subprocess.run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                            os.path.join(TOP, "tests", "host")], capture_output=True, text=True,
                           cwd=TOP, timeout=600)
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ""
        if isinstance(out, bytes):		# what the timeout caught so far may be bytes
            out = out.decode(errors="replace")
        return Result("host_python_tools", False, "timed out after 600 s\n" + out[-3000:])
    summary = (r.stdout.strip().splitlines() or ["(no output)"])[-1]
    ok = r.returncode == 0 and " passed" in summary and "failed" not in summary
    return Result("host_python_tools", ok, (r.stdout + r.stderr)[-4000:] if not ok or verbose
                  else "pytest: " + summary)


def nospec_arm64(outdir, verbose):
    """The same nospec test cross-built for arm64 and run under qemu-aarch64 (user mode)."""
    exe = os.path.join(outdir, "test_nospec_arm64")
    srcs = [os.path.join(TOP, "tests/unit", f) for f in ("test_nospec.c", "nospec_arch.c", "harness.c")]
    build = subprocess.run(["aarch64-linux-gnu-gcc", "-static", "-O2", "-std=gnu11",
                            "-I" + os.path.join(TOP, "include"),
                            "-include", os.path.join(TOP, "tests/unit/include/host_config.h"),
                            "-o", exe] + srcs, capture_output=True, text=True)
    if build.returncode:
        return Result("test_nospec_arm64", False, "build failed:\n" + build.stderr)
    run = subprocess.run(["qemu-aarch64", exe], capture_output=True, text=True, timeout=120)
    parsed = ktap.parse(run.stdout)
    ok = run.returncode == 0 and parsed.ok and parsed.total > 0
    return Result("test_nospec_arm64", ok, run.stdout + run.stderr if not ok or verbose else "",
                  sub=parsed)


# ---- 2. kernel builds -------------------------------------------------------------------------
def build_kernel(arch, llvm, verbose):
    tag = f"{arch}-{'llvm' if llvm else 'gcc'}"
    objtree = os.path.join(CHECK_O, tag)
    cmd = ["make", "-C", TOP, f"ARCH={arch}", f"O={objtree}", f"-j{os.cpu_count() or 2}"]
    if llvm:
        cmd.append("LLVM=1")
    t0 = time.monotonic()
    r = subprocess.run(cmd, capture_output=True, text=True)
    dt = time.monotonic() - t0
    if r.returncode:
        return Result(f"build_{tag}", False, r.stdout[-3000:] + r.stderr[-3000:]), None
    if arch == "x86_64":
        iso = subprocess.run(cmd + ["isoimage"], capture_output=True, text=True)
        if iso.returncode:
            return Result(f"build_{tag}", False, "isoimage failed:\n" + iso.stderr[-3000:]), None
    return Result(f"build_{tag}", True, f"built in {dt:.1f} s" if verbose else ""), objtree


def build_probes_one(tag, verbose):
    """The probes with one compiler: GCC, for all four ABIs (booted below), or LLVM, a build
    check for x86_64 and arm (ARM and Thumb): one ABI of each kernel, to keep make check's
    time (`make probes LLVM=1` builds all four)."""
    out = PROBES_O if tag == "gcc" else PROBES_O + "-llvm"
    abis = "x86_64 i386 arm64 arm" if tag == "gcc" else "x86_64 arm"
    r = subprocess.run(["make", "-C", TOP, "probes", f"PROBE_O={out}", f"-j{os.cpu_count() or 2}",
                        f"ABIS={abis}"] + (["LLVM=1"] if tag == "llvm" else []),
                       capture_output=True, text=True)
    return Result(f"build_probes_{tag}", r.returncode == 0,
                  (r.stdout + r.stderr)[-3000:] if r.returncode or verbose else "")


def qemu_user_run(abi, probe, status, with_ktap, verbose):
    """Run a probe under qemu-user, i.e. on Linux's syscall ABI as QEMU implements it."""
    emu = {"x86_64": "qemu-x86_64", "i386": "qemu-i386", "arm64": "qemu-aarch64",
           "arm": "qemu-arm"}[abi]
    name = f"linux_qemu_user_{abi}_{probe}"
    try:
        r = subprocess.run([emu, os.path.join(PROBES_O, abi, probe)], capture_output=True,
                           text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return Result(name, False, "timeout")
    rc = r.returncode if r.returncode >= 0 else 128 - r.returncode
    parsed = ktap.parse(r.stdout) if with_ktap else None
    ok = rc == status and (parsed is None or parsed.ok)
    return Result(name, ok, f"status {rc}, expected {status}\n{r.stdout[-2000:]}" if not ok or verbose else "",
                  sub=parsed)


def linux_agreement(abi, objtrees, verbose):
    """The tour probe traced on our kernel and on Linux (qemu-user, and strace where the
    host runs the ABI) must agree except for the known differences the report lists."""
    arch = "arm64" if abi == "arm64" else "x86_64"
    name = f"linux_column_agrees_tour_{abi}"
    objtree = objtrees.get((arch, False))
    if not objtree:
        return Result(name, False, "kernel build missing")
    probe = os.path.join(PROBES_O, abi, "tour")
    with tempfile.TemporaryDirectory(prefix="ferry-linux-") as tmp:
        ours = os.path.join(tmp, "ferry.jsonl")
        subprocess.run([PYTHON, os.path.join(TOP, "scripts/qemu-run.py"), "--arch", arch,
                        "--objtree", objtree, "--init", probe, "--trace", ours, "--timeout", "60"],
                       capture_output=True)
        r = subprocess.run([PYTHON, os.path.join(TOP, "scripts/trace/linux.py"), "--out", tmp, probe],
                           capture_output=True, text=True)
        theirs = sorted(os.path.join(tmp, f) for f in os.listdir(tmp)
                        if f.endswith(".jsonl") and f != "ferry.jsonl")
        if not os.path.exists(ours) or not theirs:
            return Result(name, False, f"missing traces: {r.stderr[-1000:]}")
        c = subprocess.run([PYTHON, os.path.join(TOP, "scripts/trace/compare.py"), ours, *theirs,
                            "--text", "--color", "never", "--width", "160"],
                           capture_output=True, text=True)
    counts = [l.strip() for l in c.stdout.splitlines() if l.strip().startswith("probe ")]
    ok = c.returncode == 0 and len(counts) == len(theirs)
    return Result(name, ok, (c.stdout[-5000:] if not ok else "\n".join(counts)) if not ok or verbose
                  else "")


SCRIPT_COMPARE_CASE = "compare_script_forks_x86_64_strace"


def script_compare(objtrees, verbose):
    """make compare of a whole script on x86_64 against strace (tests/boot/script_compare.py)."""
    import script_compare  # tests/boot/script_compare.py
    name = SCRIPT_COMPARE_CASE
    objtree = objtrees.get(("x86_64", False))
    if not objtree:
        return Result(name, False, "kernel build missing")
    t0 = time.monotonic()
    try:
        ok, lines = script_compare.run(objtree)
    except script_compare.Skip as e:	# the host's limit (no user namespaces), said so
        return Result(name, True, str(e), skipped=True, seconds=time.monotonic() - t0)
    except Exception as e:  # noqa: BLE001 - a crash of the case is its failure
        ok, lines = False, [f"{type(e).__name__}: {e}"]
    return Result(name, ok, "\n".join(lines) if not ok or verbose else "",
                  seconds=time.monotonic() - t0)


NOSPEC_SEQUENCE = {
    # bounds check, then the mask (cmp/sbb; cmp/ngc/csdb), applied before the table call
    "x86_64": ("objdump", [r"\bcmp\b", r"\bsbb\b", r"\band\b", r"call\s+\*"]),
    "arm64": ("aarch64-linux-gnu-objdump",
              [r"\bcmp\b", r"\bngc\b", r"\bcsdb\b", r"\band\b", r"\bblr\b"]),
}
# invoke_syscall is inline: every C entry function that dispatches holds its own copy.
NOSPEC_FUNCTIONS = {
    "x86_64": ["do_syscall_64", "do_int80_syscall_32", "do_SYSENTER_32", "do_SYSCALL_32"],
    "arm64": ["el0t_64_sync_handler", "el0t_32_sync_handler"],
}


def nospec_disassembly(arch, objtrees, verbose):
    """Each route's dispatch must show the array_index_nospec sequence, in order."""
    results = []
    objtree = objtrees.get((arch, False))
    tool, pattern = NOSPEC_SEQUENCE[arch]
    for fn in NOSPEC_FUNCTIONS[arch]:
        name = f"disassembly_invoke_syscall_nospec_{arch}_{fn}"
        if not objtree:
            results.append(Result(name, False, "kernel build missing"))
            continue
        r = subprocess.run([tool, "-d", "--no-show-raw-insn", f"--disassemble={fn}",
                            os.path.join(objtree, "vmlinux")], capture_output=True, text=True)
        lines = [l for l in r.stdout.splitlines() if re.match(r"\s*[0-9a-f]+:", l)]
        pos = 0
        for l in lines:
            if pos < len(pattern) and re.search(pattern[pos], l.split(":", 1)[1]):
                pos += 1
        ok = bool(lines) and pos == len(pattern)
        results.append(Result(name, ok, "\n".join(lines) if not ok or verbose else ""))
    return results


def entry_checks(arch, objtrees, verbose):
    """Registers cleared and speculation fences on every entry route (scripts/entry_check.py)."""
    import entry_check  # scripts/entry_check.py
    objtree = objtrees.get((arch, False))
    if not objtree:
        return [Result(f"entry_{arch}", False, "kernel build missing")]
    try:
        found = entry_check.check(arch, os.path.join(objtree, "vmlinux"))
    except Exception as e:	# noqa: BLE001 -- a crash of the checker is one failed step, not the run's end
        return [Result(f"entry_{arch}", False, f"entry_check.py failed: {type(e).__name__}: {e}")]
    return [Result(f"entry_{arch}_{short}", ok, f"{desc}\n{why}" if why and (not ok or verbose) else
                   (desc if verbose else "")) for ok, short, desc, why in found]


# ---- sparse: no warning on any kernel C file, both arches (docs/hardening.md, "Sparse") ----------
SPARSE_DIAG = re.compile(r"^\S+:\d+:\d+: (warning|error): ")
# What tests/sparse/user_deref.c must draw: the step has to be able to fail.
SPARSE_MUST_CATCH = (r"user_deref\.c:15:\d+: warning: dereference of noderef expression",
                     r"user_deref\.c:21:\d+: warning: dereference of noderef expression",
                     r"user_deref\.c:27:\d+: warning: cast removes address space '__user'")


def sparse_make(arch, objtree, *goals):
    r = subprocess.run(["make", "-C", TOP, f"ARCH={arch}", f"O={objtree}", "C=2", "-j2", *goals],
                       capture_output=True, text=True)
    return r.returncode, r.stdout + r.stderr


def sparse_checks(objtrees, verbose):
    """make C=2 over every kernel C file of each arch: any warning or error fails the step."""
    if subprocess.run(["sh", "-c", "command -v sparse"], capture_output=True).returncode:
        return [Result("sparse_clean", False, "sparse is not installed (Debian package 'sparse',"
                       " scripts/install-deps.sh)")]
    results = []
    for arch in ("x86_64", "arm64"):
        name = f"sparse_clean_{arch}"
        objtree = objtrees.get((arch, False))
        if not objtree:
            results.append(Result(name, False, "kernel build missing"))
            continue
        t0 = time.monotonic()
        rc, out = sparse_make(arch, objtree, "checksrc")
        diags = [l for l in out.splitlines() if SPARSE_DIAG.match(l)]
        checked = sum(1 for l in out.splitlines() if l.strip().startswith("CHECK "))
        ok = rc == 0 and not diags and checked > 0
        diag = (f"{checked} files, {len(diags)} warnings/errors, make status {rc}\n" +
                "\n".join(diags or out.splitlines()[-20:]))
        results.append(Result(name, ok, diag if not ok or verbose else "",
                              seconds=time.monotonic() - t0))
    objtree = objtrees.get(("x86_64", False))
    if objtree:
        target = os.path.join(objtree, "tests/sparse/user_deref.chk")
        rc, out = sparse_make("x86_64", objtree, target)
        missing = [p for p in SPARSE_MUST_CATCH if not re.search(p, out)]
        results.append(Result("sparse_catches_bad_code", rc == 0 and not missing,
                              ("not caught: " + ", ".join(missing) + "\n" + out[-2000:])
                              if missing or rc else ""))
    return results


# ---- 3. boot tests ------------------------------------------------------------------------------
def trace_off_cost(verbose):
    """Per ABI: tracing off costs at most 2 instructions a call (tests/boot/trace_cost.py)."""
    import trace_cost  # tests/boot/trace_cost.py
    results = []
    for arch, abis in trace_cost.ABIS.items():
        defconfig = os.path.relpath(os.path.join(CHECK_O, f"{arch}-gcc"), TOP)
        notrace = os.path.relpath(os.path.join(CHECK_O, f"{arch}-notrace"), TOP)
        why = trace_cost.notrace_kernel(arch, notrace)
        for abi in abis:
            name = f"{arch}_trace_off_costs_one_flag_test_{abi}"
            if why:
                results.append(Result(name, False, why[-3000:]))
                continue
            ok, lines = trace_cost.compare(abi, defconfig, notrace,
                                           os.path.join(PROBES_O, abi, "bench"),
                                           os.path.join(CHECK_O, "trace-cost"))
            results.append(Result(name, ok, "\n".join(lines) if not ok or verbose else ""))
    return results


def gdb_backtraces(objtrees, verbose):
    """Per route: gdb's bt from invoke_syscall names the whole path (tests/boot/gdb_backtrace.py)."""
    import gdb_backtrace  # tests/boot/gdb_backtrace.py
    ok, text = gdb_backtrace.judge_catches_broken()
    results = [Result("gdb_backtrace_judge_rejects_broken", ok, text if not ok or verbose else "")]
    for route, r in gdb_backtrace.ROUTES.items():
        name = f"gdb_backtrace_{route}"
        objtree = objtrees.get((r.arch, False))
        if not objtree:
            results.append(Result(name, False, "kernel build missing"))
            continue
        ok, text = gdb_backtrace.check(route, objtree, PROBES_O)
        results.append(Result(name, ok, text if not ok or verbose else ""))
    return results


# ---- 4. the script suite ------------------------------------------------------------------------
SUITE_ABIS = ("x86_64", "i386", "arm64", "arm")


def suite_run(args, timeout):
    """scripts/suite.py with args: (status, stdout); the probes built here go in /usr/bin."""
    env = dict(os.environ, PROBE_O=PROBES_O)
    try:
        r = subprocess.run([PYTHON, os.path.join(TOP, "scripts/suite.py")] + args,
                           capture_output=True, text=True, errors="replace", env=env,
                           timeout=timeout)
        return r.returncode, r.stdout + r.stderr[-2000:]
    except subprocess.TimeoutExpired as e:
        out = e.stdout or ""
        if isinstance(out, bytes):
            out = out.decode(errors="replace")
        return 124, out + f"\n# suite.py timed out after {timeout} s"


def suite_abi(abi, objtrees, linux_dir, verbose):
    """One ABI's scripts on Ferry (one boot), as one result whose subtests are the scripts.
    With linux_dir, Linux 6.1 first records the ABI's expected output there (one boot), the
    difference from tests/scripts/expected/<abi> is shown, and Ferry is judged against it."""
    name = f"script_suite_{abi}"
    arch = "arm64" if abi in ("arm64", "arm") else "x86_64"
    objtree = objtrees.get((arch, False))
    if not objtree:
        return Result(name, False, "kernel build missing")
    t0 = time.monotonic()
    diag = []
    expected = os.path.join(TOP, "tests", "scripts", "expected")
    if not linux_dir and not os.path.isdir(os.path.join(expected, abi)):
        return Result(name, False, f"tests/scripts/expected/{abi} missing: nothing to judge "
                      f"by (record it: scripts/suite.py --kernel linux --record --abi {abi})")
    if linux_dir:
        status, out = suite_run(["--kernel", "linux", "--record", "--abi", abi,
                                 "--expected", linux_dir, "--jobs", "1"], 400)
        if status:
            return Result(name, False, "recording from Linux failed:\n" + out[-4000:])
        d = subprocess.run(["diff", "-ru", os.path.join(expected, abi),
                            os.path.join(linux_dir, abi)], capture_output=True, text=True)
        diag.append("Linux 6.1 re-recorded: " + ("the same as tests/scripts/expected"
                                                  if not d.stdout else "differs from the stored files:"))
        diag += d.stdout.splitlines()[:200]
        expected = linux_dir
    status, out = suite_run(["--abi", abi, "--objtree", f"{arch}={objtree}", "--expected",
                             expected, "--jobs", "1"], 400)
    parsed = ktap.parse(out)
    ok = status == 0 and parsed.ok and parsed.total > 0
    if parsed.total == 0:	# no KTAP at all: suite.py itself failed, say how
        diag += out.splitlines()[-60:]
    # The diffs and the wall time are '#' lines of the subtest already.
    return Result(name, ok, "\n".join(diag), sub=parsed, seconds=time.monotonic() - t0)


def boot_one(case, objtrees, verbose):
    objtree = objtrees.get((case.arch, case.llvm))
    if not objtree:
        return Result(case.name, False, "kernel build missing")
    with tempfile.TemporaryDirectory(prefix="ferry-check-") as tmp:
        cmd = [PYTHON, os.path.join(TOP, case.runner or "scripts/qemu-run.py"), "--arch", case.arch,
               "--objtree", objtree, "--boot", case.boot, "--timeout", str(case.timeout),
               "--cmdline", case.cmdline]
        if case.cpu:
            cmd += ["--cpu", case.cpu]
        if case.smp:
            cmd += ["--smp", str(case.smp)]
        if case.machine:
            cmd += ["--machine", case.machine]
        if case.mem:
            cmd += ["--mem", case.mem]
        if case.dtb:
            cmd += ["--dtb", case.dtb(tmp, objtree)]
        if case.dtb_shim:
            cmd += ["--dtb-shim", case.dtb_shim(tmp, objtree)]
        if case.initrd:
            cmd += ["--initrd", case.initrd(tmp, PROBES_O)]
        elif case.init:
            cmd += ["--init", os.path.join(PROBES_O, case.init)]
        if case.files:
            cmd += [f"--file={spec}" for spec in case.files(tmp, PROBES_O)]
        cmd += case.run_args
        trace_file = os.path.join(tmp, "trace.jsonl") if case.trace_check else None
        if trace_file:
            cmd += ["--trace", trace_file]
        t0 = time.monotonic()
        r = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        dt = time.monotonic() - t0
        records = []
        if trace_file and os.path.exists(trace_file):
            with open(trace_file, errors="replace") as f:
                for line in f:
                    try:
                        records.append(json.loads(line))
                    except ValueError:
                        records.append({"type": "unparsable", "line": line})
    verdict = case.judge(r.returncode, r.stdout, records)
    ok = verdict.ok
    diag = ""
    if not ok or verbose:
        diag = f"status {r.returncode} in {dt:.1f} s; {verdict.why}\n" + r.stdout[-4000:] + r.stderr[-2000:]
    return Result(case.name, ok, diag, sub=verdict.ktap, seconds=dt)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    p.add_argument("--only", default="")
    p.add_argument("--list", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--linux", action="store_true",
                   help="re-record the script suite's expected output from Linux 6.1 first")
    a = p.parse_args()

    import cases as boot_cases  # tests/boot/cases.py
    selected = [c for c in boot_cases.CASES
                if not a.only or a.only in ("boot",) or a.only in c.name]
    if a.list:
        for c in boot_cases.CASES:
            print(c.name)
        return 0

    print("KTAP version 1")
    results = []
    t_start = time.monotonic()
    phases = []			# (name, seconds): printed at the end, to see where the time goes
    want_unit = a.only in ("", "unit")
    want_linux = a.only in ("", "boot", "linux")
    # --only compare_script (any part of its name) runs that case alone, on x86_64's kernel.
    only_script_compare = bool(a.only) and a.only in SCRIPT_COMPARE_CASE
    want_script_compare = want_linux or only_script_compare
    if a.only == "linux":
        selected = [c for c in boot_cases.CASES if c.init and not c.llvm]
    # The suite always runs: an ABI whose recorded output (tests/scripts/expected/<abi>/) is
    # missing is a not-ok of its own (suite_abi), never a suite that silently disappears.
    want_suite = a.only in ("", "boot", "suite")
    if a.only == "suite":
        selected = []
    want_boot = a.only not in ("unit", "build") and (selected or want_suite)
    want_build = a.only != "unit"
    want_probes = want_boot and (any(c.init for c in selected) or want_suite)
    # sparse over both arches' kernels (GCC builds): the whole run, build and --only sparse.
    want_sparse = a.only in ("", "boot", "build") or a.only.startswith("sparse")

    # Unit tests first, alone: the host tests build and boot a kernel of their own and time
    # out when they share the machine with the builds. Then the kernel and probe builds side
    # by side (each make with -jN), so one's serial steps overlap another's compiles.
    t0 = time.monotonic()
    if want_unit:
        results += report(unit_tests(a.verbose), len(results))
        phases.append(("unit and host tests", time.monotonic() - t0))
    t0 = time.monotonic()
    objtrees = {}
    needed = set()
    if want_build:
        needed = {(c.arch, c.llvm) for c in (selected if want_boot else boot_cases.CASES)}
        if want_suite:
            needed |= {("x86_64", False), ("arm64", False)}
        if a.only == "build":
            needed = {(x, l) for x in ("x86_64", "arm64") for l in (False, True)}
        if only_script_compare and not selected:
            needed = {("x86_64", False)}
        if a.only.startswith("sparse"):
            needed = {("x86_64", False), ("arm64", False)}
    with cf.ThreadPoolExecutor(max_workers=3) as ex:
        kernel_futs = {ex.submit(build_kernel, arch, llvm, a.verbose): (arch, llvm)
                       for arch, llvm in sorted(needed)}
        # LLVM's probes are a build check (nothing boots them): the whole run and ONLY=...llvm...
        # build them; ONLY=suite and the like need GCC's alone (review L10).
        tags = ("gcc", "llvm") if a.only in ("", "boot") or "llvm" in a.only else ("gcc",)
        probe_futs = [ex.submit(build_probes_one, tag, a.verbose) for tag in tags] \
            if want_probes else []
        builds = []
        for f, key in kernel_futs.items():
            res, objtree = f.result()
            builds.append(res)
            if objtree:
                objtrees[key] = objtree
        results += report(sorted(builds, key=lambda r: r.name), len(results))
        results += report([r for arch in ("x86_64", "arm64") if (arch, False) in objtrees
                           for r in nospec_disassembly(arch, objtrees, a.verbose) +
                           entry_checks(arch, objtrees, a.verbose)],
                          len(results))
        if probe_futs:
            results += report([f.result() for f in probe_futs], len(results))
    if want_sparse:
        results += report(sparse_checks(objtrees, a.verbose), len(results))
    phases.append(("kernel and probe builds", time.monotonic() - t0))

    if want_probes and a.only in ("", "boot"):
        t0 = time.monotonic()
        # One at a time: probes of two ABIs share host paths (/tmp/<probe>.dat) and some
        # compare CPU times, which a second emulator beside them disturbs.
        runs = boot_cases.QEMU_USER_RUNS
        results += report([qemu_user_run(*run, a.verbose) for run in runs], len(results))
        phases.append((f"{len(runs)} qemu-user runs", time.monotonic() - t0))
    if want_boot and a.only != "linux":
        t0 = time.monotonic()
        booted = []
        linux_tmp = tempfile.TemporaryDirectory(prefix="ferry-suite-linux-") if a.linux else None
        with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
            # The suite's boots first: they are the longest, so they start while the pool
            # is empty and the short cases fill the other worker around them.
            suite_futs = [ex.submit(suite_abi, abi, objtrees, linux_tmp and linux_tmp.name,
                                    a.verbose) for abi in SUITE_ABIS] if want_suite else []
            futs = [ex.submit(boot_one, c, objtrees, a.verbose) for c in selected]
            for f in futs + suite_futs:		# in case order, so output is stable
                booted += report([f.result()], len(results) + len(booted))
        if linux_tmp:
            linux_tmp.cleanup()
        results += booted
        phases.append((f"{len(selected)} boot cases" + (" and the script suite" if want_suite
                                                          else ""), time.monotonic() - t0))
        slowest = sorted((r for r in booted if r.seconds), key=lambda r: -r.seconds)[:8]
        for r in slowest:
            print(f"# slow boot case: {r.name} {r.seconds:.1f} s")

    if want_boot and a.only in ("", "boot", "trace"):
        t0 = time.monotonic()
        results += report(trace_off_cost(a.verbose), len(results))
        phases.append(("trace-off cost", time.monotonic() - t0))
    if want_boot and a.only in ("", "boot"):
        t0 = time.monotonic()
        results += report(gdb_backtraces(objtrees, a.verbose), len(results))
        phases.append(("gdb backtraces", time.monotonic() - t0))

    if want_linux:
        t0 = time.monotonic()
        for abi in ("x86_64", "i386", "arm64"):
            results += report([linux_agreement(abi, objtrees, a.verbose)], len(results))
        phases.append(("Linux column agreement", time.monotonic() - t0))
    if want_script_compare:
        t0 = time.monotonic()
        results += report([script_compare(objtrees, a.verbose)], len(results))
        phases.append(("make compare of a script", time.monotonic() - t0))

    for name, seconds in phases:
        print(f"# phase: {name}: {seconds:.0f} s")
    passed = sum(1 for r in results if r.ok)
    failed = len(results) - passed
    print(f"1..{len(results)}")
    print(f"# check: {time.monotonic() - t_start:.0f} s wall time")
    # The failures again, last: a CI log is often read from its tail only.
    for r in results:
        if not r.ok:
            print(f"# failed: {r.name}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and results else 1


def report(batch, base):
    for i, r in enumerate(batch, base + 1):
        if r.sub is not None and r.sub.lines:
            print("    # Subtest: " + r.name)
            for line in r.sub.lines:
                print("    " + line)
        if r.skipped:		# the reason goes on the result line, as KTAP's SKIP directive
            print(f"ok {i} {r.name} # SKIP {' '.join(r.diag.split())}")
            sys.stdout.flush()
            continue
        for line in r.diag.rstrip().splitlines():
            print("    # " + line)
        print(f"{'ok' if r.ok else 'not ok'} {i} {r.name}")
        sys.stdout.flush()
    return batch


if __name__ == "__main__":
    sys.exit(main())
