#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make compare: boot each ABI with each probe traced, add real Linux, compare the traces.

  compare.py [--probes "tour routes"] [--abis "x86_64 i386 arm64"] [--linux] [--jobs N]
             [--out build/compare]

For every probe and ABI it boots the kernel of that ABI's arch (x86_64 also runs i386) with
the probe as /init under -icount, the syscall trace going to its own channel:
    OUT/<probe>/<abi>.ferry.jsonl        the trace, OUT/<probe>/<abi>.console.txt the console
With --linux the same probe binaries also run under qemu-user and, where the host can run
them, native strace (scripts/trace/linux.py):
    OUT/<probe>/linux/<abi>-<probe>.<via>.jsonl
Then per probe, scripts/trace/compare.py lines the traces up and writes
    OUT/<probe>/report.txt, report.json, report.html, perfetto.json
and the text report is printed. Boots run in parallel; progress is printed as they finish.
"""
import argparse
import concurrent.futures as cf
import json
import os
import subprocess
import sys
import time

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
ARCH_OF = {"x86_64": "x86_64", "i386": "x86_64", "arm64": "arm64"}


def say(msg):
    print(msg, flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, cwd=TOP, text=True, capture_output=True, **kw)


def build(abis):
    arches = sorted({ARCH_OF[a] for a in abis})
    for arch in arches:
        say(f"  BUILD   kernel {arch}")
        r = run(["make", f"ARCH={arch}", f"-j{os.cpu_count() or 2}"])
        if r.returncode:
            sys.exit(f"compare: kernel build for {arch} failed:\n{r.stdout[-3000:]}{r.stderr[-3000:]}")
    say("  BUILD   probes")
    r = run(["make", "probes", f"ABIS={' '.join(abis)}"])
    if r.returncode:
        sys.exit(f"compare: probe build failed:\n{r.stdout[-3000:]}{r.stderr[-3000:]}")


def tag_probe(trace, probe):
    """Name the probe in the trace header (the kernel only knows the task as "init")."""
    with open(trace, errors="replace") as f:
        lines = f.readlines()
    if lines:
        try:
            head = json.loads(lines[0])
            if head.get("type") == "header" and "probe" not in head:
                head["probe"] = probe
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
        tag_probe(trace, probe)
        with open(trace, errors="replace") as f:
            records = sum(1 for line in f if '"type":"syscall"' in line)
    return probe, abi, r.returncode, records, time.monotonic() - t0, trace


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probes", default="tour routes hello libc_hello")
    ap.add_argument("--abis", default="x86_64 i386 arm64")
    ap.add_argument("--linux", action="store_true", help="add real Linux (qemu-user, strace)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default=os.path.join("build", "compare"))
    a = ap.parse_args()
    probes, abis = a.probes.split(), a.abis.split()
    out = os.path.join(TOP, a.out)
    t_start = time.monotonic()

    build(abis)
    traces = {p: [] for p in probes}
    built = lambda p, abi: os.path.exists(os.path.join(TOP, "build", "probes", abi, p))
    for p in probes:
        missing = [abi for abi in abis if not built(p, abi)]
        if missing:		# the seed programs exist only for their own arch
            say(f"  SKIP    {p} on {', '.join(missing)}: no such probe for that ABI "
                f"(userspace/Makefile)")
    jobs = [(p, abi) for p in probes for abi in abis if built(p, abi)]
    say(f"  BOOT    {len(jobs)} traced runs, {a.jobs} at a time")
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futs = [ex.submit(boot, p, abi, out) for p, abi in jobs]
        for n, f in enumerate(cf.as_completed(futs), 1):
            probe, abi, status, records, dt, trace = f.result()
            say(f"  [{n}/{len(jobs)}] {probe} on {abi}: status {status}, {records} syscalls "
                f"traced, {dt:.1f} s")
            if records:
                traces[probe].append((f"ferry-{abi}", trace))
    for p in probes:	# columns in the order of ABIS, not of completion
        traces[p].sort(key=lambda lt: abis.index(lt[0][len("ferry-"):]))

    if a.linux:
        for p in probes:
            bins = [os.path.join(TOP, "build", "probes", abi, p) for abi in abis
                    if os.path.exists(os.path.join(TOP, "build", "probes", abi, p))]
            ldir = os.path.join(out, p, "linux")
            say(f"  LINUX   {p}: qemu-user and strace")
            r = run([PYTHON, "scripts/trace/linux.py", "--out", ldir] + bins)
            if r.returncode:
                say(f"  linux column for {p} failed: {r.stderr[-500:]}")
            for fn in sorted(os.listdir(ldir)) if os.path.isdir(ldir) else []:
                if fn.endswith(".jsonl"):
                    abi, rest = fn.split("-", 1)
                    via = rest.rsplit(".", 2)[-2]
                    traces[p].append((f"linux-{via}-{abi}", os.path.join(ldir, fn)))

    summary = {}
    for p in probes:
        if len(traces[p]) < 2:
            say(f"  {p}: fewer than two traces, nothing to compare")
            continue
        d = os.path.join(out, p)
        labels = ",".join(lbl for lbl, _ in traces[p])
        cmd = [PYTHON, "scripts/trace/compare.py", *[t for _, t in traces[p]], "--labels", labels,
               "--text", "--json", os.path.join(d, "report.json"),
               "--html", os.path.join(d, "report.html"),
               "--perfetto", os.path.join(d, "perfetto.json"), "--color", "never"]
        r = run(cmd)
        with open(os.path.join(d, "report.txt"), "w") as f:
            f.write(r.stdout)
        say(f"\n===== {p} =====")
        sys.stdout.write(r.stdout)
        if r.returncode not in (0, 1):
            say(f"  compare failed for {p}: {r.stderr[-1000:]}")
        summary[p] = {"traces": labels.split(","), "report": os.path.join(d, "report.html")}
    with open(os.path.join(out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
    say(f"\nReports in {os.path.relpath(out, TOP)}/<probe>/report.html (open perfetto.json in "
        f"ui.perfetto.dev); {time.monotonic() - t_start:.0f} s in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
