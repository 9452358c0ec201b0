#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench: deterministic cost figures of every syscall route, boot, size and build time,
with Debian's Linux beside them (--linux).

  bench.py [--linux] [--with-check] [--abis "x86_64 i386 arm64 arm"] [--jobs N]
           [--out build/bench] [--probe-out build/probes] [--no-breakdown]

Steps (docs/benchmarks.md explains the method):
  1. build from clean, timed: build/bench/<arch> (defconfig) and build/bench/<arch>-notrace
     (CONFIG_SYSCALL_TRACE=n), and the probes (userspace/probes/bench.c) into --probe-out;
     the arm ABI (AArch32 EABI) runs on the arm64 kernels
  2. boot each ABI with the bench probe as /init under -icount, twice, then twice more with
     trace=all, then twice on the no-trace kernel; each boot path (x86 GRUB, arm64 U-Boot)
     twice; and twice with the process probe (userspace/probes/bench_procs.c: fork, execve,
     context switches, threads, memory per process) as /init, and twice with the file probe
     (userspace/probes/bench_files.c: open+close, newfstatat, a 4 KiB read, a pipe round
     trip, getdents64), and twice with the signal probe (userspace/probes/bench_signals.c:
     tgkill to itself, an SA_SIGINFO handler, rt_sigreturn). Every pair must repeat
     exactly, or the run fails (exit 1) after writing its outputs.
  3. --linux: the same four probes on Debian's cloud kernels (scripts/bench/linux.py), twice each;
     then, per arch, the busybox userland booted to the shell's prompt twice on Ferry (and on
     Linux with --linux): guest instructions from QEMU's start (scripts/bench/boot_prompt.py;
     Ferry's two runs must agree)
  4. a gdb single-step breakdown of each route with a target (where its instructions go)
     (scripts/bench/breakdown.py)
  5. the table on stdout, OUT/bench.json, OUT/bench.svg

The tracer's figures (issue 15; scripts/bench/trace_figures.py): extra instructions per
traced getpid, write32 and openat30 (the traced boots minus the untraced ones), Linux's
ftrace beside them with --linux (userspace/probes/ftrace_bench.c as /init: raw_syscalls,
and syscalls:sys_*_getpid), and records per second of wall time (userspace/probes/
trace_rate.c, traced, no icount, the best of RATE_BOOTS boots per arch, each checked against
its decoded trace). --trace-only measures just those, quickly (no clean build, one boot of
the bench probe per ABI):

  scripts/bench.py --trace-only --abis x86_64 [--linux]

The random kernel stack offset's cost (issue 16; scripts/bench/kstack_figures.py): the bench
probe on a kernel without CONFIG_RANDOMIZE_KSTACK_OFFSET, with it off and with it on:

  scripts/bench.py --kstack-only [--abis ...]

What SMAP (x86) and PAN (arm64) cost (issue 16; scripts/bench/smap_figures.py): the bench
probe with its read32 row on Skylake-Client / cortex-a76, with the feature switched off on
the command line (clearcpuid=smap, arm64.nopan) and on:

  scripts/bench.py --smap-only [--abis ...]

What more CPUs cost (issue 17; scripts/bench/smp_figures.py): boot to the first user
instruction at -smp 1, 2 and 4, every route at -smp 2 beside -smp 1, and a futex round trip
between processes pinned to two CPUs (userspace/probes/bench_smp.c), Ferry beside Linux:

  scripts/bench.py --smp-only [--abis ...] [--linux]
"""
import argparse
import concurrent.futures as cf
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "bench"))

import boot_prompt  # noqa: E402
import breakdown  # noqa: E402
import builds  # noqa: E402
import ferry  # noqa: E402
import linux  # noqa: E402
import qemu  # noqa: E402
import report  # noqa: E402
import trace_figures  # noqa: E402
import kstack_figures  # noqa: E402
import smap_figures  # noqa: E402
import smp_figures  # noqa: E402
import variants  # noqa: E402

TOP = os.path.dirname(HERE)
# Targets (docs/benchmarks.md): instructions per getpid round trip on the main route of an ABI.
TARGETS = {("x86_64", "syscall", "getpid"): 120, ("i386", "int80", "getpid"): 140,
           ("arm64", "svc", "getpid"): 160, ("arm", "svc32", "getpid"): 160}
# ... and, where named here, at most this share of Linux's figure on the same route (judged
# only when Linux was measured): arm's svc32 against Linux's compat path (issue 10).
LINUX_SHARE_TARGETS = {("arm", "svc32", "getpid"): 0.5}
# Every ABI by default: arm (AArch32 EABI) boots on the arm64 kernels, beside arm64.
DEFAULT_ABIS = "x86_64 i386 arm64 arm"
TRACE_OFF_MAX_EXTRA = 2
BOOT_MIN_RATIO = 100
BOOT_PATHS = {"x86_64": ["direct", "grub"], "arm64": ["direct", "uboot"]}
# Process costs (issue 11): (op, what it is). The page fault comes from bench.c, the rest from
# bench_procs.c; "execve" is derived: fork_exec_exit_wait - fork_exit_wait.
PROCESS_OPS = [
    ("page_fault", "page fault (first write to a fresh mmap page)"),
    ("fork_exit_wait", "fork+exit+wait4, small static process"),
    ("fork16m_exit_wait", "fork+exit+wait4, 16 MiB touched"),
    ("fork_exec_exit_wait", "fork+execve+exit+wait4 (static, itself)"),
    ("execve", "execve of a static binary (the line above minus fork+exit+wait4)"),
    ("switch_yield", "context switch, sched_yield ping-pong (per switch)"),
    ("switch_futex", "context switch, futex ping-pong (per switch)"),
    ("thread_create_join", "thread create+join (clone, exit, FUTEX_WAIT on the tid)"),
]
# At most this share of Linux's instructions (issue 11's "Figures").
PROCESS_SHARE_TARGETS = {op: 0.5 for op in ("fork_exit_wait", "fork16m_exit_wait", "execve",
                                             "switch_yield", "switch_futex", "thread_create_join")}
# File costs (issue 12), all from bench_files.c, each held to half of Linux's instructions.
FILE_OPS = [
    ("open_close", "open+close of /tmp/a/b/c/f (three directories below /tmp)"),
    ("newfstatat", "newfstatat of that path (i386 and arm: fstatat64)"),
    ("read_4k", "pread64 of 4 KiB from a cached file"),
    ("pipe_roundtrip", "pipe round trip of one byte between two processes"),
    ("getdents64_100", "getdents64 of a 100-entry directory (lseek 0, one call, 102 records)"),
]
FILE_SHARE_TARGETS = {op: 0.5 for op, _ in FILE_OPS}
# The vDSO (issue 14), from bench.c: the same call through the vDSO and as a syscall. No
# target: the figures say what the vDSO saves, beside Linux's own pair.
VDSO_OPS = [
    ("clock_gettime_vdso", "clock_gettime(CLOCK_MONOTONIC) through the vDSO"),
    ("clock_gettime_syscall", "clock_gettime(CLOCK_MONOTONIC) as a syscall"),
]
# Signal costs (issue 13), from bench_signals.c, held to half of Linux's instructions.
SIGNAL_OPS = [
    ("signal_roundtrip", "tgkill(self, SIGUSR1) + delivery + empty SA_SIGINFO handler + "
                         "rt_sigreturn"),
]
SIGNAL_SHARE_TARGETS = {op: 0.5 for op, _ in SIGNAL_OPS}


def say(msg):
    print(msg, flush=True)


# Boot paths that read a disk (GRUB's ISO): QEMU completes disk I/O on a host thread, so the
# guest sees it after a varying number of instructions; only their syscall figures must repeat.
DISK_BOOT = {"grub"}


def figures(fig, boot_counters=True):
    """What must repeat between two boots: every BENCH figure and the boot counters."""
    keys = ("mem_avail_k", "routes", "ops", "mem", "done", "status")
    if boot_counters:
        keys += ("first_user", "ready")
    return {k: fig.get(k) for k in keys}


def pairs(jobs, n, submit):
    """Run each job twice (in parallel, n at a time); {key: (run1, run2)}."""
    with cf.ThreadPoolExecutor(max_workers=n) as ex:
        futs = {(key, i): ex.submit(submit, key, i) for key in jobs for i in (1, 2)}
        return {key: (futs[(key, 1)].result(), futs[(key, 2)].result()) for key in jobs}


def judge_targets(row):
    """Set a route row's target fields from TARGETS and LINUX_SHARE_TARGETS: 'target' and
    'meets' (the instruction count), 'linux_share_target' and 'meets_linux_share' (None while
    Linux is not measured). Rows without a target are left alone."""
    key = (row["abi"], row["route"], row["call"])
    v = row["ferry"]
    if key in TARGETS:
        row["target"] = TARGETS[key]
        row["meets"] = isinstance(v, (int, float)) and v <= row["target"]
    if key in LINUX_SHARE_TARGETS:
        share = LINUX_SHARE_TARGETS[key]
        lin = row.get("linux")
        row["linux_share_target"] = share
        row["meets_linux_share"] = (isinstance(v, (int, float)) and v <= share * lin
                                    if isinstance(lin, (int, float)) and lin else None)
    return row


def route_row(abi, key, base, traced, notrace, lin):
    """One route's row: Ferry's figure, traced and on the no-trace kernel, Linux's, judged."""
    arch = qemu.ARCH_OF[abi]
    route, call = key.split("/")
    v = per_call_insns(base, key, arch)
    row = {"abi": abi, "route": route, "call": call,
           "ferry": v if v is not None else base["routes"][key].get("missing"),
           "ferry_traced": per_call_insns(traced, key, arch),
           "ferry_notrace": per_call_insns(notrace, key, arch),
           "linux": per_call_insns(lin, key, arch) if lin else None}
    if v is not None and row["ferry_notrace"] is not None:
        row["trace_off_extra"] = round(v - row["ferry_notrace"], 2)
        row["trace_off_meets"] = row["trace_off_extra"] <= TRACE_OFF_MAX_EXTRA
    row["ratio"] = report.ratio(v, row["linux"])
    return judge_targets(row)


def linux_traced_runs(abis, info, probe, tracer, out, n, events_list=("raw_syscalls", "getpid")):
    """Linux's ftrace columns: the bench probe exec'd by ftrace_bench with each set of events
    on, n boots each ({events: {abi: (run1, ...)}}); getpid's events only for native ABIs."""
    runs = {}
    for events in events_list:
        these = [abi for abi in abis
                 if events != "getpid" or abi not in trace_figures.COMPAT_ABIS]
        say(f"  LINUX   {len(these) * n} boots with ftrace's {events} events on")

        def submit(abi, i, events=events):
            return linux.run(abi, info[qemu.ARCH_OF[abi]]["image"], probe[abi],
                             os.path.join(out, "runs"), f"linux-{events}-{abi}-{i}",
                             events=events, tracer=tracer[abi])
        if n == 2:
            runs[events] = pairs(these, len(these), submit)
        else:
            with cf.ThreadPoolExecutor(max_workers=2) as ex:
                futs = {abi: ex.submit(submit, abi, 1) for abi in these}
                runs[events] = {abi: (f.result(),) for abi, f in futs.items()}
    return runs


# Traced trace_rate boots per arch and CPU count: wall time on a shared host varies from boot
# to boot (12 boots of one arm64 kernel: 1,079 to 1,425 ns per traced call), and the best of
# several is what the tracer can do there (docs/tracing.md, "Throughput").
RATE_BOOTS = 5


def rate_runs(arches, out, probe_out, n=RATE_BOOTS, objtree=None, smp=(1, 2)):
    """trace_rate booted traced without icount, n times per arch one after another (wall
    time: no other boot of ours beside it); the best run of each arch, and the calls per
    second of one untraced boot beside it. For each count in smp past 1, the same at -smp N
    with procs=N (a traced process pinned to each CPU, a ring per CPU): its row says how many
    processes ran on their own CPU ('cpus')."""
    rows = []
    for arch in arches:
        for cpus in smp:
            row = traced_rate(arch, out, probe_out, n, objtree, cpus)
            if cpus > 1:
                rows.append(dict(row, smp=cpus))
                continue
            # The same calls untraced: the emulator's own ceiling on this host, for scale.
            fig = ferry.run(arch, objtree or f"{out}/{arch}",
                            os.path.join(TOP, probe_out, arch, "trace_rate"),
                            os.path.join(TOP, out, "runs"), f"rate-untraced-{arch}", icount=False,
                            args=f"n={trace_figures.RATE_CALLS}", timeout=300)
            r = fig.get("rates", {}).get("trace_getpid", {})
            row["untraced_per_s"] = round(r["n"] * 1e9 / r["ns"]) if r.get("ns") else None
            rows.append(row)
    return rows


def traced_rate(arch, out, probe_out, n, objtree, cpus):
    """The best of n traced trace_rate boots at -smp cpus (procs=cpus past one)."""
    by = f" by {cpus} processes at -smp {cpus}" if cpus > 1 else ""
    say(f"  RATE    {arch}: {trace_figures.RATE_CALLS:,} traced getpid calls{by}, no icount, "
        f"{n} boot(s)")
    runs = []
    for i in range(1, n + 1):
        tag = f"rate-smp{cpus}-{arch}-{i}" if cpus > 1 else f"rate-{arch}-{i}"
        args = f"n={trace_figures.RATE_CALLS}" + (f" procs={cpus}" if cpus > 1 else "")
        fig = ferry.run(arch, objtree or f"{out}/{arch}",
                        os.path.join(TOP, probe_out, arch, "trace_rate"),
                        os.path.join(TOP, out, "runs"), tag, trace=True, icount=False,
                        smp=cpus, args=args, timeout=300)
        runs.append(trace_figures.rate_row(arch, fig, fig.get("trace", "")))
    return trace_figures.best_rate(runs)


def prepare(a, probes, build=None):
    """The start of every --*-only mode: the ABIs and arches asked for, OUT made, each
    arch's kernels built (build(arch); default: incrementally into OUT/<arch>) and these
    probes. Returns (abis, arches, out, start time)."""
    abis = a.abis.split()
    arches = sorted({qemu.ARCH_OF[x] for x in abis})
    out = os.path.join(TOP, a.out)
    os.makedirs(out, exist_ok=True)
    t_start = time.monotonic()
    try:
        for arch in arches:
            if build:
                build(arch)
            else:
                say(f"  BUILD   {arch} into {a.out}/{arch} (incremental)")
                builds.incremental_build(arch, f"{a.out}/{arch}")
        builds.probe_files(a.probe_out, abis, probes)
    except builds.BuildError as e:
        sys.exit(f"bench: {e}")
    return abis, arches, out, t_start


def trace_only(a):
    """--trace-only: the tracer's rows alone, quick enough to tune with. The kernels are built
    incrementally into OUT/<arch> (not from clean), the probes bench, trace_rate and
    ftrace_bench only; the bench probe boots untraced and traced once per ABI (two at a
    time), trace_rate RATE_BOOTS times per arch, and with --linux Linux's untraced and traced boots."""
    abis, arches, out, t_start = prepare(a, ("bench", "trace_rate", "ftrace_bench"))
    native = [arch for arch in arches if arch in abis]
    probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench") for abi in abis}
    tracer = {abi: os.path.join(TOP, a.probe_out, abi, "ftrace_bench") for abi in abis}

    def submit(key):
        kind, abi = key
        return ferry.run(abi, f"{a.out}/{qemu.ARCH_OF[abi]}", probe[abi], os.path.join(out, "runs"),
                         f"{kind}-{abi}-direct-1", trace=kind == "traced")
    keys = [(kind, abi) for abi in abis for kind in ("ferry", "traced")]
    say(f"  BOOT    {len(keys)} Ferry boots under icount")
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        fr = dict(zip(keys, ex.map(submit, keys)))
    lx, lx_traced = {}, {}
    if a.linux:
        info = {arch: linux.fetch(arch, log=say) for arch in arches}
        with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
            lx = dict(zip(abis, ex.map(lambda abi: linux.run(
                abi, info[qemu.ARCH_OF[abi]]["image"], probe[abi], os.path.join(out, "runs"),
                f"linux-{abi}-1"), abis)))
        lx_traced = linux_traced_runs(abis, info, probe, tracer, out, 1)
    routes = [route_row(abi, key, fr[("ferry", abi)], fr[("traced", abi)], {}, lx.get(abi))
              for abi in abis for key in fr[("ferry", abi)]["routes"]]
    lin_traced = {events: {(abi, *key.split("/")): per_call_insns(runs[abi][0], key,
                                                                  qemu.ARCH_OF[abi])
                           for abi in runs for key in runs[abi][0].get("routes", {})}
                  for events, runs in lx_traced.items()}
    res = {"trace_extra": trace_figures.extra_rows(routes, lin_traced.get("raw_syscalls"),
                                                   lin_traced.get("getpid")),
           "trace_rate": rate_runs(native, a.out, a.probe_out)}
    say("")
    say(report.trace_text(res))
    report.write_json(res, os.path.join(out, "trace.json"))
    say(f"\nWrote {a.out}/trace.json; {time.monotonic() - t_start:.0f} s in all")
    for m in trace_figures.misses(res["trace_extra"], res["trace_rate"]):
        say(f"MISS {m}")
    bad = [f"{k[0]}/{k[1]}: status {r['status']} (see {r['log']})" for k, r in fr.items()
           if r["status"] or not r["done"]]
    for b in bad:
        say(f"  - boot failed: {b}")
    return 1 if bad else 0


def variants_only(a, mod, name, build, tree, cmdline, cpu="", args=""):
    """Boot the bench probe as each of mod.KINDS twice (scripts/bench/variants.py), print the
    table of mod.TITLE and write OUT/<name>.json. build(arch) makes the kernels; tree(kind,
    arch) and cmdline(kind, arch) say what each kind boots. Status 1 when a boot failed or a
    pair of boots disagreed."""
    abis, arches, out, t_start = prepare(a, ("bench",), build)
    probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench") for abi in abis}

    def boot(kind, abi, n):
        arch = qemu.ARCH_OF[abi]
        return variants.probe_boot(abi, tree(kind, arch), probe[abi], out,
                                   f"{name}-{kind}-{abi}-{n}", cmdline=cmdline(kind, arch),
                                   cpu=cpu and cpu[arch], args=args)
    say(f"  BOOT    {len(abis) * len(mod.KINDS) * 2} Ferry boots under icount")
    first, second = variants.boot_twice(abis, mod.KINDS, boot, a.jobs)
    table = variants.rows(abis, first, per_call_insns, mod.KINDS, mod.DIFFS)
    again = variants.rows(abis, second, per_call_insns, mod.KINDS, mod.DIFFS)
    keep = getattr(mod, "keep", lambda t: t)
    table, again = keep(table), keep(again)
    say("")
    say(variants.text(mod.TITLE, table, mod.KINDS, mod.DIFFS))
    report.write_json({name: table}, os.path.join(out, f"{name}.json"))
    say(f"\nWrote {a.out}/{name}.json; {time.monotonic() - t_start:.0f} s in all")
    bad = variants.failed_boots(first, second)
    for b in bad:
        say(f"  - boot failed: {b}")
    if table != again:
        say("FAIL the two boots of a kind disagree (icount should make them equal)")
        return 1
    return 1 if bad else 0


def kstack_only(a):
    """--kstack-only: the random kernel stack offset's cost per route (scripts/bench/
    kstack_figures.py): the bench probe on a kernel without the option, with it off, and on."""
    def build(arch):
        say(f"  BUILD   {arch} into {a.out}/{arch} and {a.out}/{arch}-nokstack (incremental)")
        builds.incremental_build(arch, f"{a.out}/{arch}")
        kstack_figures.nokstack_build(arch, f"{a.out}/{arch}-nokstack")
    return variants_only(a, kstack_figures, "kstack", build,
                         lambda kind, arch: f"{a.out}/{arch}" + ("-nokstack" if kind == "none" else ""),
                         lambda kind, arch: kstack_figures.cmdline(kind))


def smap_only(a):
    """--smap-only: what SMAP / PAN cost per call (scripts/bench/smap_figures.py): the bench
    probe on a CPU that has the feature, switched off on the command line and on."""
    def build(arch):
        say(f"  BUILD   {arch} into {a.out}/{arch} (incremental)")
        builds.incremental_build(arch, f"{a.out}/{arch}")
    return variants_only(a, smap_figures, "smap", build, lambda kind, arch: f"{a.out}/{arch}",
                         smap_figures.cmdline, cpu=smap_figures.CPU, args=smap_figures.PROBE_ARGS)


def smp_runs(a, abis, out, linux_info, base=None, linux_base=None):
    """Issue 17's boots (smp_figures.py): the bench probe at -smp 2 for every ABI and at -smp
    4 for the native ones, bench_smp at -smp 2 for every ABI, on Ferry and (linux_info) on
    Linux under icount, then bench_smp without icount, one boot at a time (wall time).
    base / linux_base: {abi: the -smp 1 boot of the bench probe} when the caller has them
    (else booted here). Returns (the result rows, the boots that failed)."""
    arches = sorted({qemu.ARCH_OF[x] for x in abis})
    native = [arch for arch in arches if arch in abis]
    probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench") for abi in abis}
    smp_probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench_smp") for abi in abis}
    runs = os.path.join(out, "runs")
    jobs = [("bench", abi, 2) for abi in abis] + [("bench", arch, 4) for arch in native]
    jobs += [("smp", abi, 2) for abi in abis]
    if base is None:
        jobs += [("bench", abi, 1) for abi in abis]
    lx_jobs = []
    if linux_info:
        lx_jobs = [("bench", arch, n) for arch in native for n in (2, 4)]
        lx_jobs += [("smp", abi, 2) for abi in abis]
        if linux_base is None:
            lx_jobs += [("bench", arch, 1) for arch in native]

    def ferry_boot(key):
        kind, abi, n = key
        return ferry.run(abi, f"{a.out}/{qemu.ARCH_OF[abi]}",
                         (smp_probe if kind == "smp" else probe)[abi], runs,
                         f"smp{n}-{kind}-{abi}", smp=n, timeout=300)

    def linux_boot(key):
        kind, abi, n = key
        return linux.run(abi, linux_info[qemu.ARCH_OF[abi]]["image"],
                         (smp_probe if kind == "smp" else probe)[abi], runs,
                         f"linux-smp{n}-{kind}-{abi}", smp=n, timeout=smp_figures.LINUX_TIMEOUT)
    say(f"  BOOT    {len(jobs)} Ferry boots at -smp 1, 2, 4 under icount"
        + (f", {len(lx_jobs)} of Linux" if lx_jobs else ""))
    with cf.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        fr = dict(zip(jobs, ex.map(ferry_boot, jobs)))
        lx = dict(zip(lx_jobs, ex.map(linux_boot, lx_jobs)))
    wall_f, wall_l = {}, {}
    for arch in native:
        say(f"  RATE    {arch}: bench_smp at -smp 2 without icount (wall time)")
        wall_f[arch] = ferry.run(arch, f"{a.out}/{arch}", smp_probe[arch], runs,
                                 f"smp2-wall-{arch}", smp=2, icount=False, timeout=300)
        if linux_info:
            wall_l[arch] = linux.run(arch, linux_info[arch]["image"], smp_probe[arch], runs,
                                     f"linux-smp2-wall-{arch}", smp=2, icount=False,
                                     timeout=smp_figures.LINUX_TIMEOUT)
    one = base if base is not None else {abi: fr[("bench", abi, 1)] for abi in abis}
    lone = linux_base if linux_base is not None else \
        {arch: lx[("bench", arch, 1)] for arch in native if ("bench", arch, 1) in lx}
    ferry_boots = {(arch, n): (one[arch] if n == 1 else fr[("bench", arch, n)])
                   for arch in native for n in smp_figures.CPUS}
    linux_boots = {(arch, n): (lone.get(arch) if n == 1 else lx.get(("bench", arch, n)))
                   for arch in native for n in smp_figures.CPUS} if linux_info else {}
    res = {"smp_boot": smp_figures.boot_rows(ferry_boots, linux_boots, native),
           "smp_routes": smp_figures.route_rows(one, {abi: fr[("bench", abi, 2)] for abi in abis},
                                                abis, per_call_insns),
           "smp_futex": smp_figures.futex_rows({abi: fr[("smp", abi, 2)] for abi in abis},
                                               {abi: lx[("smp", abi, 2)] for abi in abis
                                                if ("smp", abi, 2) in lx},
                                               wall_f, wall_l, abis, op_insns)}
    failed = [f"smp {k[0]} {k[1]} -smp {k[2]}: status {r['status']}, probe finished: "
              f"{r['done']} (see {r['log']})" for k, r in fr.items()
              if r["status"] or not r["done"]]
    failed += [f"smp wall {arch}: status {r['status']}, probe finished: {r['done']} "
               f"(see {r['log']})" for arch, r in wall_f.items() if r["status"] or not r["done"]]
    # A Linux boot that never finishes is reported in the table ('timeout'), not a failure:
    # Debian's x86_64 6.1 stops at "x86: Booting SMP configuration:" under -icount on this
    # QEMU (docs/benchmarks.md, "SMP").
    return res, failed


def smp_only(a):
    """--smp-only: issue 17's rows alone (smp_runs), kernels built incrementally."""
    abis, arches, out, t_start = prepare(a, ("bench", "bench_smp"))
    info = {arch: linux.fetch(arch, log=say) for arch in arches} if a.linux else {}
    res, failed = smp_runs(a, abis, out, info)
    say("")
    say(smp_figures.text(res))
    report.write_json(res, os.path.join(out, "smp.json"))
    say(f"\nWrote {a.out}/smp.json; {time.monotonic() - t_start:.0f} s in all")
    for m in smp_figures.misses(res):
        say(f"MISS {m}")
    for f in failed:
        say(f"  - boot failed: {f}")
    return 1 if failed else 0


def per_call_insns(fig, key, arch):
    r = fig.get("routes", {}).get(key)
    if not r or "per_call" not in r:
        return None
    v = r["per_call"] * qemu.insns_per_tick(arch)
    return int(v) if float(v).is_integer() else round(v, 2)


def op_insns(fig, op, abi):
    """Instructions per operation of a BENCH op= line (page_fault), or None."""
    r = fig.get("ops", {}).get(op)
    if not r or "per_op" not in r:	# absent, or missing= (the probe says why)
        return None
    v = r["per_op"] * qemu.insns_per_tick(qemu.ARCH_OF[abi])
    return int(v) if float(v).is_integer() else round(v, 2)


def process_insns(fig, op, abi):
    """Instructions per operation of one process-cost op from a bench_procs (or bench, for
    page_fault) boot; 'execve' is fork_exec_exit_wait minus fork_exit_wait."""
    if op == "execve":
        a, b = (op_insns(fig, o, abi) for o in ("fork_exec_exit_wait", "fork_exit_wait"))
        return round(a - b, 2) if a is not None and b is not None else None
    return op_insns(fig, op, abi)


def process_rows(ferry_fig, linux_fig, abis):
    """Rows of the process-cost table: one per op and ABI. ferry_fig(abi, op) and
    linux_fig(abi, op) return the parsed boot holding that op (or {})."""
    return op_rows(PROCESS_OPS, PROCESS_SHARE_TARGETS, ferry_fig, linux_fig, abis)


def file_rows(ferry_fig, linux_fig, abis):
    """Rows of the file-cost table (bench_files' ops), as process_rows."""
    return op_rows(FILE_OPS, FILE_SHARE_TARGETS, ferry_fig, linux_fig, abis)


def op_rows(ops, share_targets, ferry_fig, linux_fig, abis):
    """One row per (op, name) of ops and ABI, judged against share_targets (op: share of
    Linux's instructions)."""
    rows = []
    for op, name in ops:
        for abi in abis:
            f = process_insns(ferry_fig(abi, op), op, abi)
            lfig = linux_fig(abi, op)
            lin = process_insns(lfig, op, abi) if lfig else None
            row = {"op": op, "name": name, "abi": abi, "ferry": f, "linux": lin,
                   "ratio": report.ratio(f, lin)}
            for who, fig in (("ferry", ferry_fig(abi, op)), ("linux", lfig)):
                alt = (fig or {}).get("ops", {}).get(op, {}).get("alternating")
                if alt is not None:
                    row[f"{who}_alternating"] = alt
            if op in share_targets:
                row["linux_share_target"] = share_targets[op]
                row["meets_linux_share"] = (f <= share_targets[op] * lin
                                            if isinstance(f, (int, float)) and lin else None)
            rows.append(row)
    return rows


def signal_rows(ferry_fig, linux_fig, abis):
    """Rows of the signal-cost table (bench_signals' op), as process_rows."""
    return op_rows(SIGNAL_OPS, SIGNAL_SHARE_TARGETS, ferry_fig, linux_fig, abis)


def memory_rows(ferry_fig, linux_fig, abis):
    """KiB of free memory each of 100 sleeping forked children takes (sysinfo), per ABI."""
    def kib(fig):
        return (fig or {}).get("mem", {}).get("per_process", {}).get("kib")
    return [{"abi": abi, "ferry_kib": kib(ferry_fig(abi)), "linux_kib": kib(linux_fig(abi))}
            for abi in abis]


def differences(r1, r2):
    """The ops and memory figures two runs disagree on: {name: [run1, run2]}."""
    out = {}
    for kind in ("ops", "mem"):
        for k in sorted(set(r1.get(kind, {})) | set(r2.get(kind, {}))):
            a, b = r1.get(kind, {}).get(k), r2.get(kind, {}).get(k)
            if a != b:
                out[k] = [a, b]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--linux", action="store_true", help="Debian's Linux beside Ferry")
    ap.add_argument("--with-check", action="store_true", help="also time make check (minutes)")
    ap.add_argument("--abis", default=DEFAULT_ABIS)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--out", default=os.path.join("build", "bench"),
                    help="kernels (OUT/<arch>, OUT/<arch>-notrace), boot logs and results")
    ap.add_argument("--probe-out", default=os.path.join("build", "probes"),
                    help="where the probes are built (make probes PROBE_O=)")
    ap.add_argument("--no-breakdown", action="store_true")
    ap.add_argument("--trace-only", action="store_true",
                    help="only the tracer's rows: incremental builds, one boot each")
    ap.add_argument("--kstack-only", action="store_true",
                    help="only the random kernel stack offset's cost: none, off, on")
    ap.add_argument("--smap-only", action="store_true",
                    help="only SMAP's / PAN's cost: off and on, on a CPU that has them")
    ap.add_argument("--smp-only", action="store_true",
                    help="only what more CPUs cost: boot at -smp 1/2/4, routes, futex")
    a = ap.parse_args()
    unknown = [x for x in a.abis.split() if x not in qemu.ARCH_OF]
    if unknown or not a.abis.split():
        print(f"bench: --abis {a.abis!r}: each must be one of {' '.join(sorted(qemu.ARCH_OF))}",
              file=sys.stderr)
        return 2
    if a.smp_only:
        return smp_only(a)
    if a.kstack_only:
        return kstack_only(a)
    if a.smap_only:
        return smap_only(a)
    if a.trace_only:
        return trace_only(a)
    abis = a.abis.split()
    arches = sorted({qemu.ARCH_OF[x] for x in abis})
    # Boot paths, boot counters and memory are measured with the arch's own ABI (arm64, not
    # arm): only for the arches whose native ABI is in --abis.
    native = [arch for arch in arches if arch in abis]
    out = os.path.join(TOP, a.out)
    os.makedirs(out, exist_ok=True)
    t_start = time.monotonic()
    failures = []

    # 1. builds
    build_times, size = {}, {}
    try:
        for arch in arches:
            say(f"  BUILD   {arch} from clean into {a.out}/{arch}")
            build_times[f"build {arch} from clean (make -j{builds.JOBS})"] = builds.clean_build(
                arch, f"{a.out}/{arch}")
            say(f"  BUILD   {arch} with CONFIG_SYSCALL_TRACE=n into {a.out}/{arch}-notrace")
            builds.notrace_build(arch, f"{a.out}/{arch}-notrace", debug=False)
            size[arch] = builds.sizes(arch, f"{a.out}/{arch}")
        say(f"  BUILD   probes for {' '.join(abis)} into {a.probe_out}")
        builds.probes(a.probe_out, abis)
    except builds.BuildError as e:
        sys.exit(f"bench: {e}")
    probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench") for abi in abis}
    procs_probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench_procs") for abi in abis}
    files_probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench_files") for abi in abis}
    signals_probe = {abi: os.path.join(TOP, a.probe_out, abi, "bench_signals") for abi in abis}
    op_probe = {"procs": procs_probe, "files": files_probe, "signals": signals_probe}

    # 2. Ferry boots, each twice
    jobs = []
    for abi in abis:
        jobs += [("ferry", abi, "direct"), ("traced", abi, "direct"), ("notrace", abi, "direct"),
                 ("procs", abi, "direct"), ("files", abi, "direct"), ("signals", abi, "direct")]
    for arch in native:
        for path in BOOT_PATHS[arch][1:]:
            jobs.append(("ferry", arch, path))

    def submit(key, i):
        kind, abi, path = key
        arch = qemu.ARCH_OF[abi]
        objtree = f"{a.out}/{arch}" + ("-notrace" if kind == "notrace" else "")
        tag = f"{kind}-{abi}-{path}-{i}"
        return ferry.run(abi, objtree, op_probe.get(kind, probe)[abi],
                         os.path.join(out, "runs"), tag, boot=path, trace=kind == "traced",
                         timeout=600 if kind in op_probe else 180)

    say(f"  BOOT    {len(jobs) * 2} Ferry boots ({len(jobs)} configurations, each twice), "
        f"{a.jobs} at a time")
    fr = pairs(jobs, a.jobs, submit)
    repeat, varies = {}, {}
    for key, (r1, r2) in fr.items():
        name = "/".join(key)
        same = figures(r1, key[2] not in DISK_BOOT) == figures(r2, key[2] not in DISK_BOOT)
        repeat[name] = same
        if not same:
            varies[name] = differences(r1, r2)
            failures.append(f"{name}: the two runs differ ({r1['log']} vs {r2['log']})"
                            + (f": {varies[name]}" if varies[name] else ""))
        if r1["status"] != 0 or not r1["done"]:
            failures.append(f"{name}: status {r1['status']}, probe finished: {r1['done']} "
                            f"(see {r1['log']})")

    # 3. Linux
    lx, lxp, lxf, lxs, lx_traced, linux_info = {}, {}, {}, {}, {}, {}
    if a.linux:
        try:
            for arch in arches:
                linux_info[arch] = linux.fetch(arch, log=say)
        except linux.FetchError as e:
            failures.append(f"linux: {e}")
            linux_info = {}
        if linux_info:
            say(f"  LINUX   {len(abis) * 2} boots of Debian's kernel ({', '.join(i['package'] for i in linux_info.values())})")

            def lsubmit(abi, i):
                arch = qemu.ARCH_OF[abi]
                return linux.run(abi, linux_info[arch]["image"], probe[abi],
                                 os.path.join(out, "runs"), f"linux-{abi}-{i}")
            lx = pairs(abis, a.jobs, lsubmit)

            def lpsubmit(abi, i):
                arch = qemu.ARCH_OF[abi]
                return linux.run(abi, linux_info[arch]["image"], procs_probe[abi],
                                 os.path.join(out, "runs"), f"linux-procs-{abi}-{i}")
            say(f"  LINUX   {len(abis) * 2} boots with the process probe")
            lxp = pairs(abis, a.jobs, lpsubmit)

            def lfsubmit(abi, i):
                arch = qemu.ARCH_OF[abi]
                return linux.run(abi, linux_info[arch]["image"], files_probe[abi],
                                 os.path.join(out, "runs"), f"linux-files-{abi}-{i}")
            say(f"  LINUX   {len(abis) * 2} boots with the file probe")
            lxf = pairs(abis, a.jobs, lfsubmit)

            def lssubmit(abi, i):
                arch = qemu.ARCH_OF[abi]
                return linux.run(abi, linux_info[arch]["image"], signals_probe[abi],
                                 os.path.join(out, "runs"), f"linux-signals-{abi}-{i}")
            say(f"  LINUX   {len(abis) * 2} boots with the signal probe")
            lxs = pairs(abis, a.jobs, lssubmit)
            tracer = {abi: os.path.join(TOP, a.probe_out, abi, "ftrace_bench") for abi in abis}
            lx_traced = linux_traced_runs(abis, linux_info, probe, tracer, out, 2)
            for name, runs in (("linux", lx), ("linux-procs", lxp), ("linux-files", lxf),
                               ("linux-signals", lxs),
                               *((f"linux-{ev}", r) for ev, r in lx_traced.items())):
                for abi, (r1, r2) in runs.items():
                    repeat[f"{name}/{abi}"] = figures(r1) == figures(r2)
                    if not repeat[f"{name}/{abi}"]:
                        varies[f"{name}/{abi}"] = differences(r1, r2)
                    if not r1["done"]:
                        failures.append(f"{name}/{abi}: the probe did not finish (see {r1['log']})")

    # 3a. the tracer's throughput: wall time, so alone, after the parallel boots
    trace_rate = rate_runs(native, a.out, a.probe_out)

    # 3c. what more CPUs cost (issue 17): -smp 2 and 4 beside the -smp 1 boots above
    smp, smp_failed = smp_runs(a, abis, out, linux_info,
                               base={abi: fr[("ferry", abi, "direct")][0] for abi in abis},
                               linux_base={arch: lx[arch][0] for arch in native if arch in lx}
                               if lx else None)
    failures += smp_failed

    # 3b. boot to the shell prompt: the busybox userland, Ferry and Linux (boot_prompt.py)
    prompt = []
    for arch in native:
        say(f"  BOOT    {arch} userland to the shell prompt, twice"
            + (" on Ferry and on Linux" if linux_info else ""))
        try:
            r = boot_prompt.row(arch, f"{a.out}/{arch}", runs=2,
                                with_linux=bool(linux_info.get(arch)),
                                probe_dir=os.path.join(TOP, a.probe_out))
        except Exception as e:	# a fetch or build of the userland: reported, not fatal
            failures.append(f"boot to the prompt, {arch}: {e}")
            continue
        if len(set(r["ferry_runs"])) > 1 or len(r["ferry_runs"]) < 2:
            failures.append(f"boot to the prompt, {arch}: Ferry's runs {r['ferry_runs']}")
        if r.get("linux") and r.get("ferry"):
            r["linux_over_ferry"] = round(r["linux"] / r["ferry"], 1)
        prompt.append(r)

    # 4. results
    routes = []
    for abi in abis:
        arch = qemu.ARCH_OF[abi]
        base = fr[("ferry", abi, "direct")][0]
        traced = fr[("traced", abi, "direct")][0]
        notrace = fr[("notrace", abi, "direct")][0]
        lin = lx.get(abi, ({},))[0]
        for key in base["routes"]:
            routes.append(route_row(abi, key, base, traced, notrace, lin))
    lin_traced = {events: {(abi, *key.split("/")): per_call_insns(runs[abi][0], key,
                                                                  qemu.ARCH_OF[abi])
                           for abi in runs for key in runs[abi][0].get("routes", {})}
                  for events, runs in lx_traced.items()}
    trace_extra = trace_figures.extra_rows(routes, lin_traced.get("raw_syscalls"),
                                           lin_traced.get("getpid"))

    boot = []
    for arch in native:
        abi = arch
        lin = lx.get(abi, ({},))[0]
        for path in BOOT_PATHS[arch]:
            f, f2 = fr[("ferry", abi, path)]
            k = qemu.insns_per_tick(arch)
            b = {"arch": arch, "path": path,
                 "ready": round(f["ready"] * k) if "ready" in f else None,
                 "first_user": round(f["first_user"] * k) if "first_user" in f else None,
                 "linux_first_user": round(lin["first_user"] * k) if lin.get("first_user") else None}
            if f2.get("first_user") != f.get("first_user") or f2.get("ready") != f.get("ready"):
                b["varies"] = {"ready": [f.get("ready"), f2.get("ready")],
                               "first_user": [f.get("first_user"), f2.get("first_user")]}
            if b["first_user"] and b["linux_first_user"] and path == "direct":
                b["linux_over_ferry"] = round(b["linux_first_user"] / b["first_user"], 1)
                b["meets"] = b["linux_over_ferry"] >= BOOT_MIN_RATIO
            boot.append(b)
        f = fr[("ferry", abi, "direct")][0]
        if "mem_total_k" in f:
            size[arch]["mem_used_k"] = f["mem_total_k"] - f["mem_avail_k"]
            size[arch]["memory_line"] = f"{f['mem_avail_k']}K/{f['mem_total_k']}K available"
        if arch in linux_info:
            size[arch]["linux_image_bytes"] = linux_info[arch]["image_bytes"]
            size[arch]["linux_package"] = linux_info[arch]["package"]
        if lin.get("mem_total_k"):
            size[arch]["linux_mem_used_k"] = lin["mem_total_k"] - lin["mem_avail_k"]
            size[arch]["linux_memory_line"] = (f"{lin['mem_avail_k']}K/{lin['mem_total_k']}K "
                                               f"available ({lin['mem_detail']})")

    def ferry_fig(abi, op=None):
        kind = "ferry" if op == "page_fault" else "procs"
        return fr.get((kind, abi, "direct"), ({},))[0]

    def linux_fig(abi, op=None):
        return (lx if op == "page_fault" else lxp).get(abi, ({},))[0]
    process = process_rows(ferry_fig, linux_fig, abis)
    memory = memory_rows(ferry_fig, linux_fig, abis)
    files = file_rows(lambda abi, op: fr.get(("files", abi, "direct"), ({},))[0],
                      lambda abi, op: lxf.get(abi, ({},))[0], abis)
    signals = signal_rows(lambda abi, op: fr.get(("signals", abi, "direct"), ({},))[0],
                          lambda abi, op: lxs.get(abi, ({},))[0], abis)
    vdso = op_rows(VDSO_OPS, {}, lambda abi, op: fr.get(("ferry", abi, "direct"), ({},))[0],
                   lambda abi, op: lx.get(abi, ({},))[0], abis)

    # 5. where the instructions go, for the main route of each ABI (the ones with a target)
    bd = {}
    if not a.no_breakdown:
        for row in routes:
            if row.get("meets") is not None:
                arch = qemu.ARCH_OF[row["abi"]]
                say(f"  BREAKDOWN {row['abi']} {row['route']} {row['call']} (gdb single-step)")
                try:
                    b = breakdown.run(row["abi"], f"{a.out}/{arch}", probe[row["abi"]],
                                      row["route"], row["call"])
                    b["loop_figure"] = row["ferry"]
                    bd[f"{row['abi']} {row['route']} {row['call']}"] = b
                except breakdown.BreakdownError as e:
                    bd[f"{row['abi']} {row['route']} {row['call']}"] = {"error": str(e)}

    if a.with_check:
        say("  CHECK   make check (timed)")
        c = builds.check_wall_time()
        build_times["make check"] = c["wall_s"]
        if c["status"]:
            failures.append(f"make check failed: {c['summary']}")

    res = {"settings": {"icount": {arch: qemu.icount_arg(arch) for arch in arches},
                        "cpu": {arch: qemu.CPU[arch] for arch in arches}, "mem": qemu.MEM,
                        "unit": "guest instructions (per_call), guest virtual ns (boot)"},
           "routes": routes, "trace_extra": trace_extra, "trace_rate": trace_rate,
           "process": process, "files": files, "signals": signals, "vdso": vdso,
           "memory_per_process": memory, **smp,
           "boot": boot, "boot_prompt": prompt, "size": size, "build": build_times, "repeat": repeat,
           "varies": varies, "breakdown": bd, "failures": failures,
           "runs": {"/".join(k): [r["log"] for r in v] for k, v in fr.items()}}
    say("")
    say(report.text(res))
    for name, b in bd.items():
        say(f"\nWhere the instructions go: {name}")
        say(breakdown.text(b))
    report.write_json(res, os.path.join(out, "bench.json"))
    why = report.chart(res, os.path.join(out, "bench.svg"))
    say(f"\nWrote {a.out}/bench.json" + (f", {a.out}/bench.svg" if not why else f" (no chart: {why})")
        + f"; {time.monotonic() - t_start:.0f} s in all")
    nrep = sum(1 for k, v in repeat.items() if not k.startswith("linux"))
    say(f"Repeatability: {sum(1 for k, v in repeat.items() if v and not k.startswith('linux'))}/"
        f"{nrep} Ferry configurations gave identical figures twice"
        + ("" if not lx else f"; Linux: " + ", ".join(f"{k} {'same' if v else 'differs'}"
                                                      for k, v in repeat.items() if k.startswith("linux"))))
    misses = [f"{r['abi']} {r['route']} {r['call']}: {r['ferry']} > {r['target']}"
              for r in routes if r.get("meets") is False]
    misses += [f"{r['abi']} {r['route']} {r['call']}: {r['ferry']} > {r['linux_share_target']} of "
               f"Linux's {r['linux']}" for r in routes if r.get("meets_linux_share") is False]
    misses += [f"{r['abi']} {r['route']} {r['call']}: tracing off costs {r['trace_off_extra']} more "
               f"than no tracing (target <= {TRACE_OFF_MAX_EXTRA})"
               for r in routes if r.get("trace_off_meets") is False]
    misses += [f"{p['abi']} {p['op']}: {p['ferry']:,} > {p['linux_share_target']} of Linux's "
               f"{p['linux']:,}" for p in process + files + signals
               if p.get("meets_linux_share") is False]
    misses += [f"{b['arch']} boot: Linux takes {b['linux_over_ferry']}x as long to reach user mode "
               f"(target >= {BOOT_MIN_RATIO}x)" for b in boot if b.get("meets") is False]
    misses += trace_figures.misses(trace_extra, trace_rate)
    misses += smp_figures.misses(smp)
    if misses:
        say("Targets missed (reported, not a failure): " + "; ".join(misses))
    if failures:
        say("\n*** BENCH FAILED ***")
        for f in failures:
            say(f"  - {f}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
