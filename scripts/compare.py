#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make compare: boot each ABI with each probe traced, add real Linux, compare the traces.

  compare.py [--probes "tour routes sh:files.sh"] [--abis "x86_64 i386 arm64 arm"] [--linux]
             [--jobs N] [--out build/compare] [--color auto|always|never] [--view auto|full|diff]

A probe "sh:NAME" is a whole script (userspace/scripts/NAME, or "sh:PATH" for a script file
elsewhere, installed under its file name): the Ferry column boots the ABI's userland
(scripts/userland.py, the script added to /usr/share/scripts) with script=NAME, everything
traced, and keeps the script's shell and its descendants (scripts/trace/script_tree.py);
with --linux the same cpio, unpacked as a chroot, runs the script under strace -f and
qemu-user (scripts/trace/linux_script.py). Its files are in OUT/sh-NAME/.

For every probe and ABI it boots the kernel of that ABI's arch (x86_64 also runs i386, arm64
also runs arm: AArch32 EABI programs) with
the probe as /init under -icount, the syscall trace going to its own channel:
    OUT/<probe>/<abi>.ferry.jsonl        the trace, OUT/<probe>/<abi>.console.txt the console
With --linux the same probe binaries also run under qemu-user and, where the host can run
them, native strace (scripts/trace/linux.py), and on Debian's Linux 6.1 itself, booted on
QEMU with the probe traced by ftrace (scripts/trace/linux_kernel.py; the x86_64 kernel runs
x86_64 and i386, the arm64 kernel, built with CONFIG_COMPAT, arm64 and arm):
    OUT/<probe>/linux/<abi>-<probe>.<via>.jsonl      via: qemu-user, strace, kernel
Then per probe, scripts/trace/compare.py lines the traces up and writes
    OUT/<probe>/report.txt, report.json, report.html, perfetto.json
and the text report is printed, as wide as the terminal and coloured on one (report.txt
holds every row at 160 columns). Boots run in parallel; progress is printed as they finish.

The output ends with the verdict: one line per probe, per ABI: does Ferry on that ABI behave
as Linux on it ("routes: x86_64 matching (25 known), i386 matching (20 known), arm64 1
unexpected difference (linux-qemu-user-arm64 1)"): each Linux trace is judged against the
Ferry trace of its own ABI; the differences between Ferry's ABIs are shown in the reports,
never failures. Without --linux nothing is judged ("tour: not judged: ..."). Then an
overall line. Exit status: 0 when every judged probe matches (known differences aside),
1 when a probe has an unexpected difference, 2 on an error (a probe that does not exist, a
failed build, a failed Ferry boot, a probe with fewer than two traces, a comparison that
failed or wrote no report); make reports a non-zero status as "Error N" and itself exits 2.
A Ferry boot has failed when its status is not the one the probe ends with (expected_status:
an Oops, a panic, a timeout halfway through) or it traced no syscall: one error line naming
the ABI and the status, and that ABI (its Ferry and Linux traces) is not compared; a Linux
trace is never judged without the Ferry trace of its ABI. Each probe's reports are deleted
before it is compared, so an earlier run's report is never read as this run's verdict. A
probe that does not exist is refused before anything is built or written. OUT/summary.json lists each compared probe's traces,
report and verdict.
"""
import argparse
import concurrent.futures as cf
import json
import os
import shutil
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64", "arm": "arm64"}


# How each probe ends when it runs to its end: its exit status on Ferry, the same as the boot
# tests expect (tests/boot/cases.py PROBE_RUNS, ARM_PROBE_RUNS for arm; a host test keeps them
# in step). Every other probe exits 0 (a KTAP probe: all its checks passed).
# {probe: status or {abi: status}}
SIGSEGV_STATUS, SIGILL_STATUS, SIGTRAP_STATUS = 128 + 11, 128 + 4, 128 + 5
EXPECTED_STATUS = {
    "libc_hello": 7,			# userspace/libc/hello.c: "Exits with 7"
    "seed_syscall": 99, "seed_int80": 99, "seed_sysenter": 99, "seed_svc": 99,
    "seed_svc32": 99, "seed_svc32_thumb": 99,
    "fault_kernel_read": SIGSEGV_STATUS, "fault_noncanonical": SIGSEGV_STATUS,
    "fault_privileged": {"arm64": SIGILL_STATUS, "arm": SIGILL_STATUS, None: SIGSEGV_STATUS},
    # arm's numbering ends with a private number from 0x0f0800 up: SIGILL, as on Linux.
    "numbering": {"arm": SIGILL_STATUS, None: 0}, "numbering_thumb": SIGILL_STATUS,
    "memtls": SIGSEGV_STATUS, "trap_single_step": SIGTRAP_STATUS, "topseg": 126,
}
# Statuses that are the kernel's or the runner's, not a probe's (scripts/qemu-run.py).
STATUS_MEANING = {124: "timeout", 125: "the kernel did not run or gave no status",
                  126: "init could not be executed", 127: "no /init",
                  249: "in-kernel selftests failed", 250: "kernel panic", 251: "Oops",
                  253: "QEMU stopped without a status"}


def expected_status(probe, abi):
    """The status a Ferry boot of probe on abi ends with when the probe ran to its end."""
    e = EXPECTED_STATUS.get(probe, 0)
    return e.get(abi, e.get(None)) if isinstance(e, dict) else e


def status_meaning(status):
    if status in STATUS_MEANING:
        return STATUS_MEANING[status]
    if 128 < status <= 128 + 64:
        return f"killed by signal {status - 128}"
    return "the probe's exit status"


def userland_error():
    """scripts/userland.py's error (a script's userland could not be built), caught where the
    boots end so that make compare says it in one line instead of a traceback."""
    import userland			# noqa: E402 (scripts/userland.py)
    return userland.UserlandError


def boot_problem(probe, abi, status, records):
    """None when the Ferry boot of probe on abi gave a whole trace, else one line saying why
    it is no trace to judge Linux by: a status that is not how the probe ends (an Oops, a
    panic, a timeout halfway through, a failed check) or no syscall traced."""
    want = expected_status(probe, abi)
    if status != want:
        return (f"{probe} on {abi}: the Ferry boot ended with status {status} "
                f"({status_meaning(status)}), not {want}, after {records} syscalls: "
                f"{abi} not compared")
    if not records:
        return (f"{probe} on {abi}: the Ferry boot (status {status}) traced no syscall: "
                f"{abi} not compared")
    return None


def last_line(text):
    """The last non-empty line of a command's stderr, at most 300 characters (the error line
    scripts/trace/compare.py ends with)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][-300:] if lines else "no message"


def probe_built(p, abi):
    return os.path.exists(os.path.join(TOP, "build", "probes", abi, p))


def probe_source(p):
    """The probe's source file (userspace/Makefile's rules), or None."""
    if p.startswith("libc_"):
        src = os.path.join("userspace", "libc", p[len("libc_"):] + ".c")
    else:
        src = os.path.join("userspace", "probes", p + ".c")
    return src if os.path.exists(os.path.join(TOP, src)) else None


SCRIPT_PREFIX = "sh:"


def is_script(p):
    return p.startswith(SCRIPT_PREFIX)


def script_source(p):
    """The script file of a probe "sh:NAME" (userspace/scripts/NAME) or "sh:PATH", or None."""
    name = p[len(SCRIPT_PREFIX):]
    for src in ((name,) if "/" in name else (os.path.join("userspace", "scripts", name),)):
        if os.path.isfile(os.path.join(TOP, src)):
            return src
    return None


def script_name(p):
    """The name the script has in /usr/share/scripts (and in script=)."""
    return os.path.basename(p[len(SCRIPT_PREFIX):])


def probe_dir(p):
    """OUT/<this>: the probe's name, "sh-NAME" for a script."""
    return "sh-" + script_name(p) if is_script(p) else p


def say(msg):
    print(msg, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=TOP, text=True, capture_output=True, **kw)


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(2)


def build_kernels(abis):
    arches = sorted({ARCH_OF[a] for a in abis})
    for arch in arches:
        say(f"  BUILD   kernel {arch}")
        r = run(["make", f"ARCH={arch}", f"-j{os.cpu_count() or 2}"])
        if r.returncode:
            fail(f"compare: kernel build for {arch} failed:\n{r.stdout[-3000:]}{r.stderr[-3000:]}")


def build(abis):
    build_kernels(abis)
    say("  BUILD   probes")
    r = run(["make", "probes", f"ABIS={' '.join(abis)}"])
    if r.returncode:
        fail(f"compare: probe build failed:\n{r.stdout[-3000:]}{r.stderr[-3000:]}")


def tag_probe(trace, probe, abi):
    """Name the probe and the ABI in the trace header (the kernel only knows the task as
    "init", and an i386 run's header says arch x86_64, an arm run's arm64)."""
    with open(trace, errors="replace") as f:
        lines = f.readlines()
    if lines:
        try:
            head = json.loads(lines[0])
            if head.get("type") == "header" and ("probe" not in head or "abi" not in head):
                head.setdefault("probe", probe)
                head.setdefault("abi", abi)
                lines[0] = json.dumps(head, separators=(",", ":")) + "\n"
                with open(trace, "w") as f:
                    f.writelines(lines)
        except ValueError:
            pass


def boot(probe, abi, out):
    arch = ARCH_OF[abi]
    os.makedirs(os.path.join(out, probe), exist_ok=True)
    trace = os.path.join(out, probe, f"{abi}.ferry.jsonl")
    console = os.path.join(out, probe, f"{abi}.console.txt")
    t0 = time.monotonic()
    r = run([PYTHON, "scripts/qemu-run.py", "--arch", arch, "--objtree", f"build/{arch}",
             "--init", f"build/probes/{abi}/{probe}", "--trace", trace, "--icount",
             "--timeout", "120", "--log", console])
    records = 0
    if os.path.exists(trace):
        tag_probe(trace, probe, abi)
        with open(trace, errors="replace") as f:
            records = sum(1 for line in f if '"type":"syscall"' in line)
    return probe, abi, r.returncode, records, time.monotonic() - t0, trace


def boot_script(probe, abi, out):
    """Boot the ABI's userland with script=NAME, everything traced; keep the script's part.
    OUT/sh-NAME/<abi>.cpio is the userland (the Linux column runs the same), <abi>.boot.jsonl
    the whole boot's trace, <abi>.ferry.jsonl the script's shell and its descendants."""
    for sub in ("scripts", os.path.join("scripts", "trace")):
        if os.path.join(TOP, sub) not in sys.path:
            sys.path.insert(0, os.path.join(TOP, sub))
    import userland			# noqa: E402 (scripts/userland.py)
    import _boot			# noqa: E402 (scripts/trace/ as the package ferrytrace)
    _boot.package()
    from ferrytrace import records, script_tree	# noqa: E402
    arch, name, d = ARCH_OF[abi], script_name(probe), os.path.join(out, probe_dir(probe))
    os.makedirs(d, exist_ok=True)
    cpio = os.path.join(d, f"{abi}.cpio")
    boot_trace = os.path.join(d, f"{abi}.boot.jsonl")
    trace = os.path.join(d, f"{abi}.ferry.jsonl")
    console = os.path.join(d, f"{abi}.console.txt")
    t0 = time.monotonic()
    for f in (trace, boot_trace):
        if os.path.exists(f):
            os.remove(f)
    userland.build(abi, cpio, add=[(script_tree.script_path(name),
                                    os.path.join(TOP, script_source(probe)))])
    r = run([PYTHON, "scripts/qemu-run.py", "--arch", arch, "--objtree", f"build/{arch}",
             "--initrd", cpio, "--cmdline", f"script={name} trace=all", "--trace", boot_trace,
             "--icount", "--timeout", "300", "--log", console])
    nrec = 0
    if os.path.exists(boot_trace):
        tr = records.load(boot_trace, warn=lambda m: None)
        recs, _ = script_tree.subtree(tr.records, name)
        head = dict(tr.header, probe=SCRIPT_PREFIX + name, abi=abi)
        with open(trace, "w", encoding="utf-8") as f:
            for rec in [head] + recs:
                f.write(records.dumps_record(rec) + "\n")
        nrec = sum(1 for x in recs if x.get("type") == "syscall")
    return probe, abi, r.returncode, nrec, time.monotonic() - t0, trace


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probes", default="tour routes hello libc_hello")
    ap.add_argument("--abis", default="x86_64 i386 arm64 arm")
    ap.add_argument("--linux", action="store_true",
                    help="add real Linux (qemu-user, strace, Debian's kernels booted)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default=os.path.join("build", "compare"))
    ap.add_argument("--color", "--colour", choices=("auto", "always", "never"), default="auto")
    ap.add_argument("--view", choices=("auto", "full", "diff"), default="auto",
                    help="the printed table: every row, or only the differences (auto: diff "
                    "for long tables)")
    a = ap.parse_args()
    probes, abis = a.probes.split(), a.abis.split()
    unknown = [p for p in probes if not (script_source(p) if is_script(p) else probe_source(p))]
    bad_abis = [x for x in abis if x not in ARCH_OF]
    if unknown or bad_abis or not probes:
        what = (f"no probe named {', '.join(unknown)} (userspace/probes/<name>.c, "
                f"userspace/libc/<name>.c, sh:<userspace/scripts/NAME> or sh:<path>)"
                if unknown else
                f"unknown ABI {', '.join(bad_abis)} ({', '.join(ARCH_OF)})" if bad_abis else
                "no probe given")
        print(f"compare: {what}", file=sys.stderr)
        return 2
    out = os.path.join(TOP, a.out)
    t_start = time.monotonic()
    colour = a.color == "always" or (a.color == "auto" and sys.stdout.isatty()
                                     and not os.environ.get("NO_COLOR"))
    width = shutil.get_terminal_size((160, 24)).columns
    rel = lambda path: os.path.relpath(path, TOP)

    if all(is_script(p) for p in probes):
        build_kernels(abis)		# a script's userland takes the probes already built
    else:
        build(abis)
    traces = {p: [] for p in probes}
    errors, failed = [], set()
    for p in probes:
        missing = [abi for abi in abis if not is_script(p) and not probe_built(p, abi)]
        if missing:		# the seed programs exist only for their own arch
            say(f"  SKIP    {p} on {', '.join(missing)}: no such probe for that ABI "
                f"(userspace/Makefile)")
    jobs = [(p, abi) for p in probes for abi in abis if is_script(p) or probe_built(p, abi)]
    say(f"  BOOT    {len(jobs)} traced runs, {a.jobs} at a time")
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futs = {ex.submit(boot_script if is_script(p) else boot, p, abi, out): (p, abi)
                for p, abi in jobs}
        for n, f in enumerate(cf.as_completed(futs), 1):
            try:
                probe, abi, status, records, dt, trace = f.result()
            except userland_error() as e:	# offline, no foreign arch, apt failing
                probe, abi = futs[f]
                say(f"  [{n}/{len(jobs)}] {probe} on {abi}: FAILED: {e}")
                errors.append(f"{probe} on {abi}: the userland could not be built: {e}")
                failed.add((probe, abi))
                continue
            problem = boot_problem(probe, abi, status, records)
            say(f"  [{n}/{len(jobs)}] {probe} on {abi}: status {status}, {records} syscalls "
                f"traced, {dt:.1f} s" + (" FAILED" if problem else ""))
            if problem:		# no trace to judge Linux by: an error, never "not judged"
                errors.append(problem)
                failed.add((probe, abi))
            else:
                traces[probe].append((f"ferry-{abi}", rel(trace)))
    for p in probes:	# columns in the order of ABIS, not of completion
        traces[p].sort(key=lambda lt: abis.index(lt[0][len("ferry-"):]))

    if a.linux:
        for p in probes:
            if is_script(p):
                linux_script(p, abis, out, traces, failed, errors, rel)
                continue
            # Relative paths: the probe's argv[0] shows in its trace (execve, tour's open).
            bins = [os.path.join("build", "probes", abi, p) for abi in abis
                    if os.path.exists(os.path.join(TOP, "build", "probes", abi, p))]
            ldir = os.path.join(out, p, "linux")
            say(f"  LINUX   {p}: qemu-user and strace")
            for fn in os.listdir(ldir) if os.path.isdir(ldir) else []:
                if fn.endswith(".jsonl"):        # a column this run may not write again
                    os.remove(os.path.join(ldir, fn))
            r = run([PYTHON, "scripts/trace/linux.py", "--out", rel(ldir)] + bins)
            if r.returncode:
                say(f"  linux column for {p} failed: {r.stderr[-500:]}")
            for line in r.stderr.splitlines():
                if "skipping" in line and "refuses" in line:
                    say("  SKIP    " + line.split("skipping ", 1)[1])
            say(f"  LINUX   {p}: Debian's Linux kernels booted with it (ftrace)")
            r = run([PYTHON, "scripts/trace/linux_kernel.py", "--out", rel(ldir),
                     "--jobs", str(a.jobs)] + bins)
            if r.returncode:	# no trace from a boot: the column is missing, said here
                errors.append(f"{p}: the linux-kernel column failed: {last_line(r.stderr)}")
            for line in r.stderr.splitlines():
                if "skipping" in line:
                    say("  SKIP    " + line.split("skipping ", 1)[1])
            for fn in sorted(os.listdir(ldir)) if os.path.isdir(ldir) else []:
                if fn.endswith(".jsonl"):
                    abi, rest = fn.split("-", 1)
                    via = rest.rsplit(".", 2)[-2]
                    if (p, abi) in failed:	# its Ferry boot failed: said above
                        continue
                    traces[p].append((f"linux-{via}-{abi}", rel(os.path.join(ldir, fn))))

    summary, verdicts = {}, []
    for p in probes:
        d = os.path.join(out, probe_dir(p))
        for fn in ("report.json", "report.html", "report.txt", "perfetto.json"):
            if os.path.exists(os.path.join(d, fn)):	# never an earlier run's report
                os.remove(os.path.join(d, fn))
        if len(traces[p]) < 2:
            errors.append(f"{p}: not compared: {len(traces[p])} trace(s), a comparison needs two")
            continue
        labels = ",".join(lbl for lbl, _ in traces[p])
        cmd = [PYTHON, "scripts/trace/compare.py", *[t for _, t in traces[p]], "--labels", labels,
               "--text", "--json", rel(os.path.join(d, "report.json")),
               "--html", rel(os.path.join(d, "report.html")),
               "--perfetto", rel(os.path.join(d, "perfetto.json")),
               "--text-out", rel(os.path.join(d, "report.txt")),
               "--color", "always" if colour else "never", "--width", str(width),
               "--view", a.view]
        r = run(cmd)
        say(f"\n===== {p} =====")
        sys.stdout.write(r.stdout)
        if r.returncode not in (0, 1):
            errors.append(f"{p}: the comparison failed (status {r.returncode}): "
                          f"{last_line(r.stderr)}")
            continue
        try:
            with open(os.path.join(d, "report.json"), encoding="utf-8") as f:
                vs = json.load(f)["verdicts"]
        except (OSError, ValueError, KeyError, TypeError) as e:
            errors.append(f"{p}: the comparison (status {r.returncode}) wrote no report "
                          f"({type(e).__name__}): {last_line(r.stderr)}")
            continue
        verdicts += vs
        summary[p] = {"traces": labels.split(","), "report": rel(os.path.join(d, "report.html")),
                      "verdicts": vs}
    if summary:
        with open(os.path.join(out, "summary.json"), "w") as f:
            json.dump(summary, f, indent=1)
    say(f"\nReports in {rel(out)}/<probe>/report.html (open perfetto.json in "
        f"ui.perfetto.dev); {time.monotonic() - t_start:.0f} s in all")
    return verdict(verdicts, errors, colour)


def linux_script(p, abis, out, traces, failed, errors, rel):
    """The Linux columns of a script: strace and qemu-user on the cpio each Ferry boot used."""
    name, d = script_name(p), os.path.join(out, probe_dir(p))
    ldir = os.path.join(d, "linux")
    os.makedirs(ldir, exist_ok=True)
    for fn in os.listdir(ldir):
        if fn.endswith(".jsonl"):		# a column this run may not write again
            os.remove(os.path.join(ldir, fn))
    for abi in abis:
        if (p, abi) in failed:		# its Ferry boot failed: said above
            continue
        say(f"  LINUX   {p} on {abi}: strace and qemu-user in a chroot of its userland")
        r = run([PYTHON, "scripts/trace/linux_script.py", "--cpio",
                 rel(os.path.join(d, f"{abi}.cpio")), "--abi", abi, "--script", name,
                 "--out", rel(ldir)])
        if r.returncode:
            errors.append(f"{p}: the Linux column of {abi} failed: {last_line(r.stderr)}")
        for line in r.stderr.splitlines():
            if "skipping" in line:
                say("  SKIP    " + line.split("skipping ", 1)[1])
        for via in ("strace", "qemu-user"):
            fn = os.path.join(ldir, f"{abi}-{name}.{via}.jsonl")
            if os.path.exists(fn):
                traces[p].append((f"linux-{via}-{abi}", rel(fn)))


def verdict(verdicts, errors, colour):
    """Print the verdict lines and the overall one; the exit status."""
    paint = (lambda s, bad: f"\x1b[1;{31 if bad else 32}m{s}\x1b[0m") if colour else (lambda s, bad: s)
    say("\nVerdict:")
    for v in verdicts:
        say("  " + paint(v["line"], v["unexpected"]))
    for e in errors:
        say("  " + paint(e, True))
    differ = [v["probe"] for v in verdicts if v["unexpected"]]
    judged = [v for v in verdicts if v.get("judged", True)]
    if errors:
        overall = f"compare: {len(errors)} error(s)" + (
            f"; unexpected differences in {', '.join(differ)}" if differ else "")
    elif differ:
        overall = (f"compare: unexpected differences in {len(differ)} of {len(verdicts)} "
                   f"probes ({', '.join(differ)})")
    elif not judged:
        overall = ("compare: nothing judged: no Linux trace beside Ferry's (make compare "
                   "LINUX=1); the reports show the differences between Ferry's ABIs")
    else:
        overall = ("compare: " + (f"all {len(judged)} probes match" if len(judged) > 1 else
                                  f"{judged[0]['probe']} matches") + " (known differences aside)" + (
                       f"; not judged: {', '.join(v['probe'] for v in verdicts if v not in judged)}"
                       if len(judged) < len(verdicts) else ""))
    say(paint(overall, bool(errors or differ)))
    return 2 if errors else 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
